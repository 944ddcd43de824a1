// One DuckDB instance per process, in memory, answering read-only queries over the per-run
// Parquet files of the results cache. Its queries run on the libuv thread pool and its own worker
// threads (every core), never on the web server's event loop.
import { availableParallelism } from 'node:os';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DuckDbConnectionPool } from './duckdb-connection-pool';
import { DUCKDB_COMPAT_MACROS } from './duckdb-dialect';

const globalForDuckDb = globalThis as typeof globalThis & { segmentaDuckDb?: Promise<DuckDBInstance>; segmentaDuckDbPool?: DuckDbConnectionPool };

async function openDuckDb(): Promise<DuckDBInstance> {
  // Loaded on first use: code that only removes cache files (deleting a dataset) never loads the native module.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(Math.max(1, availableParallelism())),
    // PostgreSQL's order for NULLs: last going up, first going down.
    default_null_order: 'nulls_last_on_asc_first_on_desc',
    // A cache, not the source of truth: never let it grow the web process past this.
    memory_limit: process.env.SEGMENTA_DUCKDB_MEMORY ?? '2GB',
  });
  const connection = await instance.connect();
  try {
    for (const macro of DUCKDB_COMPAT_MACROS) await connection.run(macro);
  } finally {
    connection.closeSync();
  }
  return instance;
}

/** The process-wide DuckDB instance, opened on first use. */
export function getDuckDb(): Promise<DuckDBInstance> {
  let opening = globalForDuckDb.segmentaDuckDb;
  if (!opening) {
    opening = openDuckDb();
    globalForDuckDb.segmentaDuckDb = opening;
    const failed = opening;
    failed.catch(() => {
      if (globalForDuckDb.segmentaDuckDb === failed) delete globalForDuckDb.segmentaDuckDb;
    });
  }
  return opening;
}

/** A connection of its own for `fn` (DuckDB runs one statement at a time per connection), closed afterwards. */
export async function withDuckDbConnection<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const connection = await (await getDuckDb()).connect();
  try {
    return await fn(connection);
  } finally {
    connection.closeSync();
  }
}

const sqlString = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Closes the pooled connections to cache files whose path `which` picks (they were deleted); loads nothing when there is no pool. */
export function closeIdleDuckDbConnections(which: (path: string) => boolean): void {
  globalForDuckDb.segmentaDuckDbPool?.closeIdle(which);
}

/**
 * The process-wide pool of connections to a run's cache file, keyed by the file's path: each
 * connection has the view customer_result over that file (created once) and its prepared
 * statements. The file at a path never changes (its name holds the run's identity and layout).
 */
export function duckDbResultsPool(): DuckDbConnectionPool {
  let pool = globalForDuckDb.segmentaDuckDbPool;
  if (!pool) {
    pool = new DuckDbConnectionPool(
      async (path) => {
        const connection = await (await getDuckDb()).connect();
        try {
          await connection.run(`CREATE TEMP VIEW customer_result AS SELECT * FROM read_parquet(${sqlString(path)})`);
        } catch (error) {
          connection.closeSync();
          throw error;
        }
        return connection;
      },
      // Two cores: a few statements at once per page is all that runs; 64 statement texts per file.
      { maxIdle: 8, maxPrepared: 64 },
    );
    globalForDuckDb.segmentaDuckDbPool = pool;
  }
  return pool;
}
