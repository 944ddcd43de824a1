import { createReadStream, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { CleanResult } from '../../engines/clean/types';
import { isEngineError } from '../../engines/errors';
import type { TransactionTable } from '../../engines/ingest/types';
import { createThreadPool } from '../../engines/parallel/thread-pool';
import { transferableBuffers } from '../../engines/parallel/transferable-buffers';
import { runAnalysis } from '../../engines/pipeline/run-analysis';
import type { AnalysisJob, AnalysisWorkerMessage } from './analysis-worker-protocol';
import { lowerThreadPriority } from './lower-thread-priority';

// Runs one analysis off the web server's thread; the server keeps the database connection.
const port = parentPort;
if (!port) throw new Error('analysis-worker must run as a worker thread');

const send = (message: AnalysisWorkerMessage) => port.postMessage(message);

port.once('message', async (job: AnalysisJob) => {
  let transactions: { table: TransactionTable; cleaned: CleanResult } | null = null;
  try {
    // Every core, at a lower priority than the web thread and the database (on Linux), unless
    // SEGMENTA_ANALYSIS_THREADS says otherwise: the fits and the clustering run side by side.
    const lowered = lowerThreadPriority();
    const pool = createThreadPool({ threads: Number(process.env.SEGMENTA_ANALYSIS_THREADS) || Math.max(1, availableParallelism() - (lowered ? 0 : 1)) });
    const result = await runAnalysis(createReadStream(job.path), job.options, {
      totalBytes: statSync(job.path).size,
      // The web thread is mostly idle during an upload: a large plain CSV is read in two halves on two threads.
      file: { path: job.path, threads: Number(process.env.SEGMENTA_INGEST_THREADS) || Math.min(2, availableParallelism()), openPool: () => createThreadPool({ threads: 2 }) },
      onProgress: (progress) => send({ kind: 'progress', progress }),
      onCleaned: job.returnTransactions ? (table, cleaned) => (transactions = { table, cleaned }) : undefined,
      executor: pool,
    }).finally(() => pool.close());
    // The table and results move to the web thread instead of being copied: the worker ends now,
    // and on a large file a copy doubled the memory at the end of the analysis.
    const done: AnalysisWorkerMessage = { kind: 'done', result, transactions };
    port.postMessage(done, transferableBuffers(done));
  } catch (error) {
    send(
      isEngineError(error)
        ? { kind: 'failed', message: error.message, code: error.code }
        : { kind: 'failed', message: `Internal error: ${error instanceof Error ? error.message : String(error)}`, code: null },
    );
  }
});
