import type { AnalysisOptions, AnalysisProgress, AnalysisResult } from '../../engines/pipeline/types';
import type { TransactionTable } from '../../engines/ingest/types';
import type { CleanResult } from '../../engines/clean/types';

/** What the web server asks the analysis worker to do. */
export interface AnalysisJob {
  /** Transaction log to analyse (plain or gzip CSV). */
  path: string;
  options: Partial<AnalysisOptions>;
  /** Also send back the ingested table and cleaning result, to store a new dataset's lines. */
  returnTransactions: boolean;
}

/** What the worker sends back, in order: progress messages, then exactly one done or failed. */
export type AnalysisWorkerMessage =
  | { kind: 'progress'; progress: AnalysisProgress }
  | { kind: 'done'; result: AnalysisResult; transactions: { table: TransactionTable; cleaned: CleanResult } | null }
  | { kind: 'failed'; message: string; code: string | null };
