// A new dataset's first run is shown as soon as its customer results are saved; the dataset's lines
// (which re-runs, snapshots and a customer's transactions read) are written after it, with their
// own state on the dataset row: 'saving' until the last line is in, then 'saved' ('failed' when
// they could not be written). Features that read the lines wait for them here or say so.
import type { Database } from '../db/database';

export type DatasetLinesState = 'saved' | 'saving' | 'failed';

export const LINES_SAVING_MESSAGE = 'The lines of this dataset are still being saved; try again in a minute.';
export const LINES_FAILED_MESSAGE =
  'The lines of this dataset could not be saved, so it cannot be re-analysed; its results can still be browsed. Upload the file again to analyse it with other parameters.';

/** Thrown by what reads a dataset's lines while they are still being saved or could not be saved. */
export class DatasetLinesUnavailableError extends Error {
  constructor(readonly state: Exclude<DatasetLinesState, 'saved'>) {
    super(state === 'saving' ? LINES_SAVING_MESSAGE : LINES_FAILED_MESSAGE);
    this.name = 'DatasetLinesUnavailableError';
  }
}

// The line saves this process is doing, per database and dataset; each settles (never rejects) when done.
const pendingByDatabase = new WeakMap<Database, Map<number, Promise<void>>>();

/** Records a save of a dataset's lines under way in this process, until it settles. */
export function trackLineSave(db: Database, datasetId: number, save: Promise<void>): Promise<void> {
  const pending = pendingByDatabase.get(db) ?? new Map<number, Promise<void>>();
  pendingByDatabase.set(db, pending);
  const settled = save.catch(() => undefined);
  pending.set(datasetId, settled);
  void settled.then(() => {
    if (pending.get(datasetId) === settled) pending.delete(datasetId);
  });
  return settled;
}

/** The save of a dataset's lines this process is doing, if any. */
export function pendingLineSave(db: Database, datasetId: number): Promise<void> | undefined {
  return pendingByDatabase.get(db)?.get(datasetId);
}

/** Where a dataset's lines stand; a dataset that does not exist reads as 'saved' (its callers say it is missing). */
export async function getDatasetLinesState(db: Pick<Database, 'sql'>, datasetId: number): Promise<DatasetLinesState> {
  const { rows } = await db.sql.query<{ lines_state: DatasetLinesState }>(`SELECT lines_state FROM dataset WHERE id = $1`, [datasetId]);
  return rows[0]?.lines_state ?? 'saved';
}

/**
 * Resolves once a dataset's lines are all stored: waits for a save this process is doing, and
 * throws DatasetLinesUnavailableError when another server is still saving them or they could not be saved.
 */
export async function requireDatasetLines(db: Database, datasetId: number): Promise<void> {
  await pendingLineSave(db, datasetId);
  const state = await getDatasetLinesState(db, datasetId);
  if (state !== 'saved') throw new DatasetLinesUnavailableError(state);
}
