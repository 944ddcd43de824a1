import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Pool, PoolClient } from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { BINARY_COPY_HEADER, BINARY_COPY_TRAILER } from './binary-copy-writer';

export type DatabaseKind = 'pglite' | 'postgres';

export interface SqlResult<Row> {
  rows: Row[];
  /** Rows returned or changed by the statement. */
  rowCount: number;
}

/** CSV text as whole lines, in chunks of any size. */
export type CsvChunks = Iterable<string> | AsyncIterable<string>;

/** Whole tuples in PostgreSQL's binary COPY format (BinaryCopyWriter), without header or trailer. */
export type BinaryChunks = Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * Raw SQL on the connection the Prisma client uses (the one PGlite instance, or the pg pool).
 * Result types differ between the two drivers (bigint, numeric, timestamps): cast in SQL
 * (`::int`, `::float8`, `::text`) when a value must read the same on both.
 */
export interface SqlClient {
  readonly kind: DatabaseKind;
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<Row>>;
  /** Runs a script of one or more statements, without parameters. */
  exec(script: string): Promise<void>;
  /**
   * COPY rows into a table from CSV (PostgreSQL's CSV format: unquoted empty field = NULL).
   * On PGlite each chunk is one COPY statement, so keep chunks to a few hundred thousand rows.
   * Returns the number of rows copied.
   */
  copyCsv(table: string, columns: readonly string[], chunks: CsvChunks): Promise<number>;
  /**
   * COPY rows into a table from binary tuples (each value in its column's exact type); the
   * client adds the stream's header and trailer. On PGlite each chunk is one COPY statement.
   * Returns the number of rows copied.
   */
  copyBinary(table: string, columns: readonly string[], chunks: BinaryChunks): Promise<number>;
  /**
   * Runs `fn` in one transaction on one connection: committed when it resolves, rolled back
   * when it throws. Called on a client that is already a transaction, it joins that transaction.
   * `background`: work nobody waits for (a dataset's lines written after its run is shown); on
   * the embedded database's one connection it starts once the pages' reads leave a pause
   * (PgliteThread.backgroundTransaction). A pool of connections starts it at once.
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export type TransactionOptions = { background?: boolean };

/** Double-quotes an identifier for SQL. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function copyStatement(table: string, columns: readonly string[], source: string, format: 'csv' | 'binary' = 'csv'): string {
  return `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM ${source} WITH (FORMAT ${format})`;
}

/** What PgliteSqlClient needs of PGlite or of a transaction on it: an in-process PGlite and PgliteThread both have it. */
export interface PgliteQueryable {
  query<Row>(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ rows: Row[]; rowCount?: number; affectedRows?: number }>;
  exec(script: string): Promise<unknown>;
}

/** An embedded database connection: PGlite in this thread, or PgliteThread (PGlite in a worker thread). */
export interface PgliteConnection extends PgliteQueryable {
  transaction<T>(fn: (tx: PgliteQueryable) => Promise<T>): Promise<T>;
  /** A transaction that lets other requests go first (PgliteThread); absent on an in-process PGlite. */
  backgroundTransaction?<T>(fn: (tx: PgliteQueryable) => Promise<T>): Promise<T>;
}

class PgliteSqlClient implements SqlClient {
  readonly kind = 'pglite';

  constructor(
    private readonly db: PgliteConnection,
    private readonly tx: PgliteQueryable | null,
  ) {}

  private get target(): PgliteQueryable {
    return this.tx ?? this.db;
  }

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<SqlResult<Row>> {
    const result = await this.target.query<Row>(text, [...params]);
    return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length };
  }

  async exec(script: string): Promise<void> {
    await this.target.exec(script);
  }

  copyCsv(table: string, columns: readonly string[], chunks: CsvChunks): Promise<number> {
    return this.#copyBlobs(copyStatement(table, columns, `'/dev/blob'`), chunks, (chunk) => new Blob([chunk]));
  }

  copyBinary(table: string, columns: readonly string[], chunks: BinaryChunks): Promise<number> {
    const blob = (chunk: Uint8Array) => new Blob([BINARY_COPY_HEADER, chunk as Uint8Array<ArrayBuffer>, BINARY_COPY_TRAILER]);
    return this.#copyBlobs(copyStatement(table, columns, `'/dev/blob'`, 'binary'), chunks, blob);
  }

  async #copyBlobs<Chunk extends string | Uint8Array>(statement: string, chunks: Iterable<Chunk> | AsyncIterable<Chunk>, blob: (chunk: Chunk) => Blob): Promise<number> {
    const run = async (target: PgliteQueryable) => {
      let rows = 0;
      for await (const chunk of chunks) {
        if (chunk.length === 0) continue;
        const result = await target.query(statement, [], { blob: blob(chunk) });
        rows += result.affectedRows ?? 0;
        // An in-process PGlite runs each statement on this thread: let the server answer
        // requests between chunks instead of only after the last one.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return rows;
    };
    // Several chunks are several COPY statements: make them all-or-nothing.
    return this.tx ? run(this.tx) : this.db.transaction(run);
  }

  transaction<T>(fn: (tx: SqlClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.tx) return fn(this);
    const run = (tx: PgliteQueryable) => fn(new PgliteSqlClient(this.db, tx));
    return options.background && this.db.backgroundTransaction ? this.db.backgroundTransaction(run) : this.db.transaction(run);
  }
}

/** Raw SQL on a PGlite instance or thread (the same one the Prisma adapter uses). */
export function pgliteSqlClient(db: PgliteConnection): SqlClient {
  return new PgliteSqlClient(db, null);
}

async function copyThroughStream(client: PoolClient, statement: string, chunks: CsvChunks | BinaryChunks, framing?: { header: Uint8Array; trailer: Uint8Array }): Promise<number> {
  const stream = client.query(copyFromStdin(statement));
  try {
    if (framing) stream.write(framing.header);
    for await (const chunk of chunks) {
      if (chunk.length === 0) continue;
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
    if (framing) stream.write(framing.trailer);
    stream.end();
    await finished(stream);
  } catch (error) {
    // Destroying the stream sends CopyFail, which ends the COPY and keeps the connection usable.
    if (!stream.destroyed) stream.destroy(error instanceof Error ? error : new Error(String(error)));
    await finished(stream).catch(() => undefined);
    throw error;
  }
  return stream.rowCount;
}

class PgSqlClient implements SqlClient {
  readonly kind = 'postgres';

  constructor(
    private readonly pool: Pool,
    private readonly client: PoolClient | null,
  ) {}

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<SqlResult<Row>> {
    const target = this.client ?? this.pool;
    const result = await target.query(text, [...params]);
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
  }

  async exec(script: string): Promise<void> {
    await (this.client ?? this.pool).query(script);
  }

  copyCsv(table: string, columns: readonly string[], chunks: CsvChunks): Promise<number> {
    return this.#copy(copyStatement(table, columns, 'STDIN'), chunks);
  }

  copyBinary(table: string, columns: readonly string[], chunks: BinaryChunks): Promise<number> {
    return this.#copy(copyStatement(table, columns, 'STDIN', 'binary'), chunks, { header: BINARY_COPY_HEADER, trailer: BINARY_COPY_TRAILER });
  }

  async #copy(statement: string, chunks: CsvChunks | BinaryChunks, framing?: { header: Uint8Array; trailer: Uint8Array }): Promise<number> {
    if (this.client) return copyThroughStream(this.client, statement, chunks, framing);
    const client = await this.pool.connect();
    try {
      const rows = await copyThroughStream(client, statement, chunks, framing);
      client.release();
      return rows;
    } catch (error) {
      client.release(true);
      throw error;
    }
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (this.client) return fn(this);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new PgSqlClient(this.pool, client));
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
        client.release();
      } catch {
        client.release(true);
      }
      throw error;
    }
  }
}

/** Raw SQL on a pg pool (the same one the Prisma adapter uses). */
export function pgSqlClient(pool: Pool): SqlClient {
  return new PgSqlClient(pool, null);
}
