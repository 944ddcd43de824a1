import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { previewTransactions } from '../../engines/pipeline/preview-transactions';
import type { PreviewJob, PreviewWorkerMessage } from './preview-worker-protocol';

// Reads a staged upload off the web server's thread, for the upload preview.
const port = parentPort;
if (!port) throw new Error('preview-worker must run as a worker thread');

const send = (message: PreviewWorkerMessage) => port.postMessage(message);

port.once('message', async (job: PreviewJob) => {
  try {
    send({ kind: 'done', result: await previewTransactions(createReadStream(job.path), job.options) });
  } catch (error) {
    send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
