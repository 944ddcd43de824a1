import type { CleanOptions, CleanResult } from '../../engines/clean/types';
import type { IngestOptions, IngestReport, ReadingOptions, TransactionTable, ValueBasis } from '../../engines/ingest/types';
import type { PreviewResult } from '../../engines/pipeline/preview-transactions';

/** What the web server asks the preview worker to do: read and clean one staged file. */
export interface PreviewJob {
  path: string;
  options: Omit<IngestOptions, 'onProgress'> & { value?: ValueBasis };
}

/**
 * Read and clean a stored upload as its analysis does, to keep its lines and reports when the
 * analysis failed after cleaning.
 */
export interface CleanJob {
  path: string;
  options: ReadingOptions;
  clean: Pick<CleanOptions, 'value' | 'dropDuplicates'>;
}

/** A file read and cleaned: what a new dataset stores. */
export interface CleanedFile {
  table: TransactionTable;
  cleaned: CleanResult;
  ingest: IngestReport;
}

/** One job per worker. */
export type PreviewWorkerJob = ({ kind: 'preview' } & PreviewJob) | ({ kind: 'clean' } & CleanJob);

/** What the preview worker sends back: exactly one message. */
export type PreviewWorkerMessage =
  | { kind: 'done'; result: PreviewResult }
  | { kind: 'cleaned'; file: CleanedFile }
  | { kind: 'failed'; message: string };
