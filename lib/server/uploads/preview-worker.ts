import { createReadStream, statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { cleanTransactions } from '../../engines/clean/clean-transactions';
import { readTransactions } from '../../engines/ingest/read-transactions';
import { previewTransactions } from '../../engines/pipeline/preview-transactions';
import { transferableBuffers } from '../../engines/parallel/transferable-buffers';
import type { PreviewWorkerJob, PreviewWorkerMessage } from './preview-worker-protocol';

// Reads a staged upload off the web server's thread, for the upload preview; also re-reads a stored
// upload whose analysis failed, so its lines can be kept.
const port = parentPort;
if (!port) throw new Error('preview-worker must run as a worker thread');

const send = (message: PreviewWorkerMessage) => port.postMessage(message);

port.once('message', async (job: PreviewWorkerJob) => {
  try {
    if (job.kind === 'clean') {
      // The file's size, so a gzip's expansion is measured against all of it.
      const { table, report } = await readTransactions(createReadStream(job.path), { ...job.options, totalBytes: statSync(job.path).size });
      // Moved, not copied, to the web thread (the worker ends after this message).
      const cleaned: PreviewWorkerMessage = { kind: 'cleaned', file: { table, cleaned: cleanTransactions(table, job.clean), ingest: report } };
      port.postMessage(cleaned, transferableBuffers(cleaned));
    } else send({ kind: 'done', result: await previewTransactions(createReadStream(job.path), job.options) });
  } catch (error) {
    send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
