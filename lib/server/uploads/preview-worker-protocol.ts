import type { IngestOptions, ValueBasis } from '../../engines/ingest/types';
import type { PreviewResult } from '../../engines/pipeline/preview-transactions';

/** What the web server asks the preview worker to do: read and clean one staged file. */
export interface PreviewJob {
  path: string;
  options: Omit<IngestOptions, 'onProgress'> & { value?: ValueBasis };
}

/** What the preview worker sends back: exactly one message. */
export type PreviewWorkerMessage = { kind: 'done'; result: PreviewResult } | { kind: 'failed'; message: string };
