import type { AnalysisResult } from '@/lib/engines';
import { copyCustomerResults } from '../db/bulk-copy';
import type { SqlClient } from '../db/sql-client';

/** Rows per COPY while saving: small enough that the bar moves on a file of a few tens of thousands of lines. */
export const SAVE_BATCH_ROWS = 5_000;

export interface SaveCustomerResultsOptions {
  /** Rows per committed batch (default SAVE_BATCH_ROWS). */
  batchRows?: number;
  /** Called after each batch with the customer rows written so far. */
  onProgress?: (rows: number) => void;
}

/**
 * Writes a run's customer results as the run service saves them: in batches, each committed on
 * its own so pages are answered between them (the run is not shown until it is marked succeeded;
 * a failure leaves the batches before it for the caller to remove). Returns the rows written.
 */
export function saveCustomerResults(sql: SqlClient, runId: number, result: AnalysisResult, options: SaveCustomerResultsOptions = {}): Promise<number> {
  return copyCustomerResults(sql, runId, result, {
    batchRows: options.batchRows ?? SAVE_BATCH_ROWS,
    onProgress: options.onProgress,
    commitEachBatch: true,
  });
}
