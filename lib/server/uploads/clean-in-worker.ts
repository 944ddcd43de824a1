import { PREVIEW_WORKER_BUNDLE, runInPreviewWorker } from './preview-in-worker';
import type { CleanedFile, CleanJob } from './preview-worker-protocol';

/**
 * Read and clean a stored upload in a (preview) worker thread, as its analysis does: the lines,
 * the cleaning result and the ingest report a new dataset stores. Rejects with the reading's error.
 */
export async function cleanInWorker(job: CleanJob, workerPath = PREVIEW_WORKER_BUNDLE): Promise<CleanedFile> {
  const answer = await runInPreviewWorker({ kind: 'clean', ...job }, undefined, workerPath);
  if (answer.kind !== 'cleaned') throw new Error(`The preview worker answered a cleaning with '${answer.kind}'.`);
  return answer.file;
}
