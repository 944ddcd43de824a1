import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { UploadSettings } from '../../schemas/upload-request-schema';
import type { Database } from '../db/database';
import { createDatasetRun, type RunServiceOptions, type StartedRun } from '../runs/run-service';
import { readingOptions } from './preview-upload';
import { claimStagedFile, getStagedFile, settingsKey } from './staging-area';

/** Why a staged file cannot be confirmed; `status` is the HTTP status to answer with. */
export class ConfirmUploadError extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409,
  ) {
    super(message);
    this.name = 'ConfirmUploadError';
  }
}

/**
 * Store a staged upload as a dataset and analyse it (the run service's usual flow), with the
 * settings its last successful preview used; other settings must be previewed first.
 */
export async function confirmUpload(
  db: Database,
  runService: RunServiceOptions,
  stagingDir: string,
  input: { stagingId: string; name?: string; settings: UploadSettings },
  now = Date.now(),
): Promise<StartedRun> {
  const staged = await getStagedFile(stagingDir, input.stagingId);
  if (!staged) throw new ConfirmUploadError('This upload is unknown or has expired; choose the file again.', 404);
  if (staged.previewed !== settingsKey(input.settings)) {
    throw new ConfirmUploadError('These settings have not been previewed yet; wait for the preview to finish, then press Analyse again.', 409);
  }
  const dir = join(runService.workDir, 'uploads');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}-${staged.fileName.replace(/[^\w.-]+/g, '_')}`);
  await claimStagedFile(stagingDir, staged, path);
  return createDatasetRun(db, runService, {
    path,
    name: input.name || staged.fileName,
    fileName: staged.fileName,
    parameters: readingOptions(input.settings, now),
  });
}
