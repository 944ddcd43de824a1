import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PreviewResult } from '../../engines/pipeline/preview-transactions';
import type { PreviewJob, PreviewWorkerJob, PreviewWorkerMessage } from './preview-worker-protocol';

/** Where `npm run build` puts the bundled preview worker (scripts/build-worker.mjs). */
export const PREVIEW_WORKER_BUNDLE = join(/* turbopackIgnore: true */ process.cwd(), '.segmenta', 'preview-worker.mjs');

/** The preview was stopped (the browser asked for another one, or left). */
export class PreviewCancelledError extends Error {
  constructor() {
    super('The preview was cancelled.');
    this.name = 'PreviewCancelledError';
  }
}

type Answer = Exclude<PreviewWorkerMessage, { kind: 'failed' }>;

/**
 * Run one job in a preview worker thread and settle with its answer. Rejects with the worker's
 * error message, PreviewCancelledError when `signal` aborts (the worker is stopped at once).
 */
export function runInPreviewWorker(job: PreviewWorkerJob, signal?: AbortSignal, workerPath = PREVIEW_WORKER_BUNDLE): Promise<Answer> {
  if (signal?.aborted) return Promise.reject(new PreviewCancelledError());
  const worker = new Worker(/* turbopackIgnore: true */ workerPath);
  const answer = new Promise<Answer>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => settle(() => reject(new PreviewCancelledError()));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: PreviewWorkerMessage) => settle(() => (message.kind === 'failed' ? reject(new Error(message.message)) : resolve(message))));
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`The preview stopped unexpectedly (worker exit code ${code}).`))));
  });
  worker.postMessage(job);
  return answer;
}

/**
 * Preview a staged file in a worker thread so the server stays responsive while a large file is
 * read. Rejects with the worker's error for a programming error, PreviewCancelledError when
 * `signal` aborts (the worker is stopped at once).
 */
export async function previewInWorker(job: PreviewJob, signal?: AbortSignal, workerPath = PREVIEW_WORKER_BUNDLE): Promise<PreviewResult> {
  const answer = await runInPreviewWorker({ kind: 'preview', ...job }, signal, workerPath);
  if (answer.kind !== 'done') throw new Error(`The preview worker answered a preview with '${answer.kind}'.`);
  return answer.result;
}
