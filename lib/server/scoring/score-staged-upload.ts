import 'server-only';
import { createReadStream } from 'node:fs';
import { isEngineError } from '../../engines/errors';
import { readingQuestionMessage } from '../../engines/reading-question-message';
import { pickReadingOptions } from '../../engines/ingest/types';
import { scoreCustomers } from '../../engines/scoring/score-customers';
import { writeScoredRows } from '../../engines/scoring/write-scored-rows';
import type { ScoreUploadRequest } from '../../schemas/score-request-schema';
import type { Database } from '../db/database';
import { discardStagedFile, getStagedFile } from '../uploads/staging-area';
import { webWording } from '../uploads/preview-upload';
import { decompressionLimits } from '../uploads/upload-limits';
import { readRunModels, RunModelsError } from './read-run-models';

/** A reading question the user answers before the file can be scored: the date order of dates that read both ways, or the store's time zone for UTC times. */
export interface ScoreReadingQuestion {
  question: 'ask-date-order' | 'ask-time-zone';
  column: string;
  examples: string[];
}

/**
 * Why an upload could not be scored, in words that say what to do, with the HTTP status to answer;
 * with `question` when an answer (date order, time zone) would let it be scored: the staged file is
 * then kept for the retry.
 */
export class ScoreUploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly question?: ScoreReadingQuestion,
  ) {
    super(message);
    this.name = 'ScoreUploadError';
  }
}

const QUESTIONS = { AMBIGUOUS_DATES: 'ask-date-order', TIME_ZONE_NEEDED: 'ask-time-zone' } as const;

export interface ScoredUpload {
  /** Name for the download: scored-run-<id>-<uploaded name>.csv */
  fileName: string;
  customers: number;
  /** The day (YYYY-MM-DD) the customers were scored as of: recency and P(alive) are measured to it. */
  asOf: string;
  csv: string;
}

/**
 * Score a staged upload against a run's stored models and return the scored customers as CSV; the
 * staged file is removed, unless the file needs a reading answer to be scored.
 * @throws ScoreUploadError (404 unknown upload or run, 409 run without usable models, 422 a file
 *   that cannot be scored: in another currency than the run's, unreadable, or with a question)
 */
export async function scoreStagedUpload(db: Pick<Database, 'sql'>, stagingDir: string, request: ScoreUploadRequest): Promise<ScoredUpload> {
  const staged = await getStagedFile(stagingDir, request.stagingId);
  if (!staged) throw new ScoreUploadError('This upload is unknown or has expired; choose the file again.', 404);
  let keepStaged = false;
  try {
    const { models, currency } = await readRunModels(db.sql, request.runId);
    const scored = await scoreCustomers(createReadStream(staged.path), models, {
      reading: { ...pickReadingOptions(request), ...decompressionLimits(), totalBytes: staged.byteSize },
      snapshot: request.snapshot,
      runCurrency: currency,
    });
    const base = staged.fileName.replace(/(\.(csv|tsv|txt|xlsx|gz|zip))+$/i, '').replace(/[^\w.-]+/g, '-').slice(0, 80) || 'upload';
    return {
      fileName: `scored-run-${request.runId}-${base}.csv`,
      customers: scored.features.count,
      asOf: new Date(scored.snapshot).toISOString().slice(0, 10),
      csv: [...writeScoredRows(scored)].join(''),
    };
  } catch (error) {
    if (error instanceof RunModelsError) throw new ScoreUploadError(error.message, error.status);
    if (isEngineError(error) && (error.code === 'AMBIGUOUS_DATES' || error.code === 'TIME_ZONE_NEEDED')) {
      keepStaged = true;
      const details = error.details ?? {};
      const examples = Array.isArray(details.examples) ? details.examples.map(String) : [];
      const column = String(details.column ?? 'date');
      throw new ScoreUploadError(readingQuestionMessage(error.code, { column, examples }, 'web'), 422, { question: QUESTIONS[error.code], column, examples });
    }
    if (isEngineError(error)) throw new ScoreUploadError(`${staged.fileName} could not be scored: ${webWording(error.message)}`, 422);
    throw error;
  } finally {
    // A question keeps the file for the retry with the answer; the staging area's sweep removes it if none comes.
    if (!keepStaged) await discardStagedFile(stagingDir, staged.id);
  }
}
