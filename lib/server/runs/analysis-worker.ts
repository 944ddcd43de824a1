import { createReadStream, statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { CleanResult } from '../../engines/clean/types';
import { isEngineError } from '../../engines/errors';
import type { TransactionTable } from '../../engines/ingest/types';
import { createThreadPool } from '../../engines/parallel/thread-pool';
import { runAnalysis } from '../../engines/pipeline/run-analysis';
import type { AnalysisJob, AnalysisWorkerMessage } from './analysis-worker-protocol';

// Runs one analysis off the web server's thread; the server keeps the database connection.
const port = parentPort;
if (!port) throw new Error('analysis-worker must run as a worker thread');

const send = (message: AnalysisWorkerMessage) => port.postMessage(message);

port.once('message', async (job: AnalysisJob) => {
  let transactions: { table: TransactionTable; cleaned: CleanResult } | null = null;
  try {
    const pool = createThreadPool();
    const result = await runAnalysis(createReadStream(job.path), job.options, {
      totalBytes: statSync(job.path).size,
      onProgress: (progress) => send({ kind: 'progress', progress }),
      onCleaned: job.returnTransactions ? (table, cleaned) => (transactions = { table, cleaned }) : undefined,
      executor: pool,
    }).finally(() => pool.close());
    send({ kind: 'done', result, transactions });
  } catch (error) {
    send(
      isEngineError(error)
        ? { kind: 'failed', message: error.message, code: error.code }
        : { kind: 'failed', message: `Internal error: ${error instanceof Error ? error.message : String(error)}`, code: null },
    );
  }
});
