import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalysisProgress } from '../../engines/pipeline/types';
import type { AnalysisJob, AnalysisWorkerMessage } from './analysis-worker-protocol';

type Done = Extract<AnalysisWorkerMessage, { kind: 'done' }>;

/** Where `npm run build` puts the bundled worker (scripts/build-worker.mjs). */
export const ANALYSIS_WORKER_BUNDLE = join(/* turbopackIgnore: true */ process.cwd(), '.segmenta', 'analysis-worker.mjs');

export class AnalysisFailedError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'AnalysisFailedError';
  }
}

/**
 * Run one analysis in a worker thread so the server stays responsive. Resolves with the
 * result; rejects with AnalysisFailedError (a message for the user) when the data or options
 * cannot be analysed or the worker dies.
 */
export function runAnalysisInWorker(
  job: AnalysisJob,
  onProgress: (progress: AnalysisProgress) => void,
  workerPath = ANALYSIS_WORKER_BUNDLE,
): { done: Promise<Omit<Done, 'kind'>>; cancel: () => Promise<number> } {
  const worker = new Worker(/* turbopackIgnore: true */ workerPath);
  const done = new Promise<Omit<Done, 'kind'>>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: AnalysisWorkerMessage) => {
      if (message.kind === 'progress') onProgress(message.progress);
      else if (message.kind === 'done') {
        settled = true;
        resolve({ result: message.result, transactions: message.transactions });
      } else {
        settled = true;
        reject(new AnalysisFailedError(message.message, message.code));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(new AnalysisFailedError(`Internal error in the analysis worker: ${error.message}`, null));
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new AnalysisFailedError(`The analysis stopped unexpectedly (worker exit code ${code}).`, null));
    });
  });
  worker.postMessage(job);
  void done.finally(() => void worker.terminate()).catch(() => {});
  return { done, cancel: () => worker.terminate() };
}
