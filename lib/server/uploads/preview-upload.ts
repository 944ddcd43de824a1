import type { PreviewResult } from '../../engines/pipeline/preview-transactions';
import { readingQuestionMessage } from '../../engines/reading-question-message';
import type { UploadSettings } from '../../schemas/upload-request-schema';
import { previewInWorker } from './preview-in-worker';
import { discardStagedFile, getStagedFile, markPreviewed, settingsKey } from './staging-area';
import { decompressionLimits } from './upload-limits';

/** Refusals no setting can change (not a transaction file, damaged, empty): the staged file is removed. */
const FINAL_REFUSALS = new Set(['UNSUPPORTED_FILE', 'CORRUPT_FILE', 'EMPTY_FILE', 'HEADER_ONLY', 'TOO_MANY_COLUMNS']);

/** The engines' messages name command-line flags too; the page offers the same choices as settings. */
export function webWording(message: string): string {
  return message
    .replace(/\s*\(or on the command line[^)]*\)/g, '')
    .replace(/;\s*--[\w-]+ on the command line/g, '')
    .replace(/,? or run (?:again )?with --[\w-]+(?: or --[\w-]+)?/g, '');
}

export type UploadPreview = PreviewResult | { status: 'gone'; message: string };

/** The engines' reading options for a staged file's settings; `now` bounds plausible dates. */
export function readingOptions(settings: UploadSettings, now: number) {
  const { columns, dateOrder, decimalSeparator, timeZone, currency, sheet, value } = settings;
  return Object.fromEntries(
    Object.entries({ columns, dateOrder, decimalSeparator, timeZone, currency, sheet, value, now }).filter(([, v]) => v !== undefined),
  ) as Partial<UploadSettings> & { now: number; value: UploadSettings['value'] };
}

/**
 * Read and clean a staged upload with these settings, off the web thread. A file no setting can
 * make readable is removed from the staging area with its refusal; a readable one remembers the
 * settings, which are the only ones "Analyse" will store it with.
 */
export async function previewUpload(
  stagingDir: string,
  stagingId: string,
  settings: UploadSettings,
  options: { signal?: AbortSignal; workerPath?: string; now?: number } = {},
): Promise<UploadPreview> {
  const staged = await getStagedFile(stagingDir, stagingId);
  if (!staged) return { status: 'gone', message: 'This upload is unknown or has expired; choose the file again.' };
  const reading = { ...readingOptions(settings, options.now ?? Date.now()), ...decompressionLimits(), totalBytes: staged.byteSize };
  const result = await previewInWorker({ path: staged.path, options: reading }, options.signal, options.workerPath);
  if (result.status === 'ready') {
    await markPreviewed(stagingDir, staged, settingsKey(settings));
    return result;
  }
  // The reading questions are worded for the page, whose own controls answer them (no command-line flags).
  if (result.status === 'ask-date-order' || result.status === 'ask-time-zone') {
    const code = result.status === 'ask-date-order' ? 'AMBIGUOUS_DATES' : 'TIME_ZONE_NEEDED';
    return { ...result, message: readingQuestionMessage(code, result, 'web') };
  }
  if (result.status === 'refused' && FINAL_REFUSALS.has(result.code)) await discardStagedFile(stagingDir, stagingId);
  return { ...result, message: webWording(result.message) };
}
