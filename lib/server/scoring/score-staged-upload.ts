import 'server-only';
import { createReadStream } from 'node:fs';
import { isEngineError } from '../../engines/errors';
import { pickReadingOptions } from '../../engines/ingest/types';
import { scoreCustomers } from '../../engines/scoring/score-customers';
import { writeScoredRows } from '../../engines/scoring/write-scored-rows';
import type { ScoreUploadRequest } from '../../schemas/score-request-schema';
import type { Database } from '../db/database';
import { discardStagedFile, getStagedFile } from '../uploads/staging-area';
import { decompressionLimits } from '../uploads/upload-limits';
import { readRunModels, RunModelsError } from './read-run-models';

/** Why an upload could not be scored, in words that say what to do, with the HTTP status to answer. */
export class ScoreUploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ScoreUploadError';
  }
}

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
 * staged file is removed whatever happens.
 * @throws ScoreUploadError (404 unknown upload or run, 409 run without usable models, 422 a file that cannot be scored)
 */
export async function scoreStagedUpload(db: Pick<Database, 'sql'>, stagingDir: string, request: ScoreUploadRequest): Promise<ScoredUpload> {
  const staged = await getStagedFile(stagingDir, request.stagingId);
  if (!staged) throw new ScoreUploadError('This upload is unknown or has expired; choose the file again.', 404);
  try {
    const { models } = await readRunModels(db.sql, request.runId);
    const scored = await scoreCustomers(createReadStream(staged.path), models, {
      reading: { ...pickReadingOptions(request), ...decompressionLimits(), totalBytes: staged.byteSize },
      snapshot: request.snapshot,
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
    if (isEngineError(error)) throw new ScoreUploadError(`${staged.fileName} could not be scored: ${error.message}`, 422);
    throw error;
  } finally {
    await discardStagedFile(stagingDir, staged.id);
  }
}
