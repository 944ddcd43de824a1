// The web side of the embedded database's worker thread (pglite-thread.ts): the part of PGlite's
// interface that the Prisma adapter (pglite-prisma-adapter) and PgliteSqlClient use, so the
// server's event loop only sends SQL and parses the answers while PostgreSQL runs elsewhere.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { messages, Mutex, types } from '@electric-sql/pglite';
import type { PgliteThreadHello, PgliteThreadOptions, PgliteThreadReply, PgliteThreadRequest, RawResult, ThreadError } from './pglite-thread-protocol';

/** Where `npm run build` puts the bundled database thread (scripts/build-worker.mjs). */
export const PGLITE_THREAD_BUNDLE = join(/* turbopackIgnore: true */ process.cwd(), '.segmenta', 'pglite-thread.mjs');

type Parser = (text: string, typeId?: number) => unknown;
type Parsers = Record<number, Parser>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface ThreadQueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Parsers;
  blob?: Blob;
}

export interface ThreadResults<Row> {
  rows: Row[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
  rowCount?: number;
  command?: string;
}

/** A transaction's handle, as PGlite's `transaction` passes it. */
export interface ThreadTransaction {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[], options?: ThreadQueryOptions): Promise<ThreadResults<Row>>;
  exec(sql: string): Promise<unknown[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

function rebuildError(error: ThreadError): Error {
  if (!error.database) {
    const rebuilt = new Error(error.message);
    rebuilt.name = error.name;
    return rebuilt;
  }
  // The Prisma adapter maps PostgreSQL errors (unique violations ...) by this class.
  return Object.assign(new messages.DatabaseError(error.message, error.length, error.name as 'error'), error.fields);
}

/** How long the connection must have been free of other requests before a background transaction starts (ms). */
export const BACKGROUND_QUIET_MS = 25;
/** The longest a background transaction waits for such a pause (ms). */
export const BACKGROUND_MAX_DEFER_MS = 1_000;

/** PGlite on a worker thread. Open with PgliteThread.open(); one request runs at a time, a transaction holds the connection. */

export class PgliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (result: RawResult | null) => void; reject: (error: Error) => void }>();
  readonly #mutex = new Mutex();
  readonly #parsers: Parsers;
  #nextId = 1;
  #stopped: Error | null = null;
  /** Requests (query, exec, transaction, not background ones) asked for and not yet answered. */
  #busy = 0;
  /** When the last of them was answered (performance.now()). */
  #lastFinished = 0;

  private constructor(worker: Worker, arrayTypes: [number, number][]) {
    this.#worker = worker;
    const parsers: Parsers = {};
    for (const [key, parse] of Object.entries(types.parsers)) if (/^\d+$/.test(key)) parsers[Number(key)] = parse as Parser;
    for (const [element, array] of arrayTypes) parsers[array] = (text) => types.arrayParser(text, parsers[element], array);
    this.#parsers = parsers;
    worker.on('message', (reply: PgliteThreadReply) => {
      const waiting = this.#pending.get(reply.id);
      if (!waiting) return;
      this.#pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(rebuildError(reply.error));
    });
    const stop = (error: Error) => {
      this.#stopped ??= error;
      for (const waiting of this.#pending.values()) waiting.reject(this.#stopped);
      this.#pending.clear();
    };
    worker.on('error', (error) => stop(new Error(`The embedded database stopped: ${error.message}`)));
    worker.on('exit', (code) => stop(new Error(`The embedded database is closed (its thread exited with code ${code}).`)));
  }

  /** Starts the thread and waits until PGlite is open on `pgliteDir` (null: in memory). */
  static async open(pgliteDir: string | null, workerPath: string = PGLITE_THREAD_BUNDLE): Promise<PgliteThread> {
    const worker = new Worker(/* turbopackIgnore: true */ workerPath, { workerData: { pgliteDir } satisfies PgliteThreadOptions });
    try {
      const hello = await new Promise<PgliteThreadHello>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`The embedded database's thread exited with code ${code} while opening.`)));
      });
      if (hello.kind === 'failed') throw rebuildError(hello.error);
      return new PgliteThread(worker, hello.arrayTypes);
    } catch (error) {
      await worker.terminate();
      throw error;
    }
  }

  #send(request: DistributiveOmit<PgliteThreadRequest, 'id'>, transfer: ArrayBuffer[] = []): Promise<RawResult | null> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...request, id } as PgliteThreadRequest, transfer);
    });
  }

  async #query<Row>(sql: string, params: unknown[] = [], options: ThreadQueryOptions = {}): Promise<ThreadResults<Row>> {
    const blob = options.blob ? new Uint8Array(await options.blob.arrayBuffer()) : null;
    const raw = (await this.#send({ op: 'query', sql, params, blob }, blob ? [blob.buffer] : [])) as RawResult;
    const parsers = options.parsers ? { ...this.#parsers, ...options.parsers } : this.#parsers;
    const columns = raw.fields.map((field) => ({ parse: parsers[field.dataTypeID], type: field.dataTypeID }));
    const values = raw.rows.map((row) =>
      row.map((text, i) => {
        if (text === null) return null;
        const { parse, type } = columns[i];
        return parse ? parse(text, type) : text;
      }),
    );
    let rows: unknown[] = values;
    if (options.rowMode !== 'array') {
      rows = values.map((row) => {
        const object: Record<string, unknown> = {};
        raw.fields.forEach((field, i) => (object[field.name] = row[i]));
        return object;
      });
    }
    return { rows: rows as Row[], fields: raw.fields, affectedRows: raw.affectedRows, rowCount: raw.rowCount, command: raw.command };
  }

  async #exec(sql: string): Promise<unknown[]> {
    await this.#send({ op: 'exec', sql });
    return [];
  }

  query<Row = Record<string, unknown>>(sql: string, params?: unknown[], options?: ThreadQueryOptions): Promise<ThreadResults<Row>> {
    return this.#foreground(() => this.#mutex.runExclusive(() => this.#query<Row>(sql, params, options)));
  }

  exec(sql: string): Promise<unknown[]> {
    return this.#foreground(() => this.#mutex.runExclusive(() => this.#exec(sql)));
  }

  /** Runs `fn` between BEGIN and COMMIT (ROLLBACK when it throws); other requests wait, as on PGlite's one connection. */
  transaction<T>(fn: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    return this.#foreground(() => this.#mutex.runExclusive(() => this.#inTransaction(fn)));
  }

  /**
   * A transaction of work nobody waits for (a dataset's lines, written batch by batch after its
   * run is shown). It starts only once no other request has been waiting or running for
   * BACKGROUND_QUIET_MS, or after waiting BACKGROUND_MAX_DEFER_MS, so it always progresses. A
   * page's reads come one after another with short gaps between them; without the pause, a batch
   * started in such a gap and each of the page's next reads waited for a whole batch (measured:
   * a page took 1-3 s while lines were saved).
   */
  async backgroundTransaction<T>(fn: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const deadline = performance.now() + BACKGROUND_MAX_DEFER_MS;
    for (let now = performance.now(); now < deadline; now = performance.now()) {
      const quietFor = this.#busy === 0 ? now - this.#lastFinished : 0;
      if (quietFor >= BACKGROUND_QUIET_MS) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(BACKGROUND_QUIET_MS - quietFor, deadline - now)));
    }
    return this.#mutex.runExclusive(() => this.#inTransaction(fn));
  }

  /** Counts a request from when it is asked until it is answered, for backgroundTransaction. */
  async #foreground<T>(work: () => Promise<T>): Promise<T> {
    this.#busy += 1;
    try {
      return await work();
    } finally {
      this.#busy -= 1;
      this.#lastFinished = performance.now();
    }
  }

  /** BEGIN, `fn`, then COMMIT (ROLLBACK when it throws); the caller holds the connection. */
  async #inTransaction<T>(fn: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    await this.#exec('BEGIN');
    let closed = false;
    const open = () => {
      if (closed) throw new Error('This transaction is already closed.');
    };
    const tx: ThreadTransaction = {
      query: async (sql, params, options) => (open(), this.#query(sql, params, options)),
      exec: async (sql) => (open(), this.#exec(sql)),
      rollback: async () => {
        open();
        closed = true;
        await this.#exec('ROLLBACK');
      },
      get closed() {
        return closed;
      },
    };
    try {
      const result = await fn(tx);
      if (!closed) {
        closed = true;
        await this.#exec('COMMIT');
      }
      return result;
    } catch (error) {
      if (!closed) {
        closed = true;
        await this.#exec('ROLLBACK').catch(() => undefined);
      }
      throw error;
    }
  }

  /** Closes the database (after the requests already sent) and stops the thread. */
  async close(): Promise<void> {
    if (this.#stopped) return;
    try {
      await this.#send({ op: 'close' });
    } finally {
      await this.#worker.terminate();
    }
  }
}
