import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  fromTaskError,
  inlineExecutor,
  type EngineTaskInput,
  type EngineTaskKind,
  type EngineTaskOutput,
  type TaskExecutor,
  type TaskReply,
} from './tasks';

export const TASK_WORKER_FILE = 'task-worker.mjs';

export interface ThreadPoolOptions {
  /** Worker threads at most; default the machine's available parallelism. 1 runs every task inline. */
  threads?: number;
  /** The bundled task worker (scripts/bundle.mjs); default task-worker.mjs beside this module's bundle. */
  workerFile?: string;
}

export interface ThreadPool extends TaskExecutor {
  /** Ends the worker threads; tasks still queued are refused. */
  close(): Promise<void>;
}

interface Job {
  id: number;
  kind: EngineTaskKind;
  input: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** The bundled task worker beside the running bundle (the CLI's and the server's), or null from TypeScript sources. */
export function defaultTaskWorkerFile(): string | null {
  const file = join(/* turbopackIgnore: true */ dirname(fileURLToPath(import.meta.url)), TASK_WORKER_FILE);
  return existsSync(/* turbopackIgnore: true */ file) ? file : null;
}

/**
 * A pool of worker threads that run engine tasks (tasks.ts), first queued first started. With one
 * thread, or without a bundled worker to start, tasks run inline on the calling thread.
 * @example
 * const pool = createThreadPool({ threads: 2 });
 * try { await runAnalysis(source, options, { executor: pool }); } finally { await pool.close(); }
 */
export function createThreadPool(options: ThreadPoolOptions = {}): ThreadPool {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const workerFile = options.workerFile ?? defaultTaskWorkerFile();
  if (threads === 1 || workerFile === null) return { ...inlineExecutor, close: async () => {} };

  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 0;
  let closed = false;

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(/* turbopackIgnore: true */ workerFile), job: null };
    slot.worker.unref();
    slot.worker.on('message', (reply: TaskReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = null;
      slot.worker.unref();
      if (reply.ok) job.resolve(reply.value);
      else job.reject(fromTaskError(reply.error));
      dispatch();
    });
    slot.worker.on('error', (error) => {
      const job = slot.job;
      slot.job = null;
      slots.splice(slots.indexOf(slot), 1);
      job?.reject(error);
      dispatch();
    });
    slots.push(slot);
    return slot;
  };

  const dispatch = () => {
    while (queue.length > 0 && !closed) {
      const slot = slots.find((s) => s.job === null) ?? (slots.length < threads ? spawn() : null);
      if (!slot) return;
      const job = queue.shift()!;
      slot.job = job;
      // A busy worker keeps the process alive until its answer arrives; an idle one does not.
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, kind: job.kind, input: job.input });
    }
  };

  return {
    threads,
    run<K extends EngineTaskKind>(kind: K, input: EngineTaskInput<K>): Promise<EngineTaskOutput<K>> {
      if (closed) return Promise.reject(new Error('The thread pool is closed.'));
      return new Promise<EngineTaskOutput<K>>((resolve, reject) => {
        queue.push({ id: nextId++, kind, input, resolve: resolve as (value: unknown) => void, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('The thread pool closed before the task ran.'));
      await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
    },
  };
}
