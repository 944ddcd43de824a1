import {
  BOOLEAN,
  DOUBLE,
  INTEGER,
  LIST,
  SQLNULL,
  VARCHAR,
  listValue,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
  type JS,
} from '@duckdb/node-api';
import type { Database } from '../db/database';
import type { SqlClient, SqlResult } from '../db/sql-client';
import { toDuckDbSql } from './duckdb-dialect';
import { duckDbResultsPool, getDuckDb } from './duckdb-instance';
import type { RunResultsFile } from './run-results-cache';

/** Rows read from the cache at a time by `stream`. */
export const CACHE_STREAM_ROWS = 5_000;

const READS_CUSTOMER_RESULT = /\bcustomer_result\b/i;

/**
 * True when a statement reads customer_result more than once: a filter on another run (moved
 * from a segment of an earlier snapshot) needs that run's rows, which this run's file lacks, so
 * the database answers it.
 */
export function readsOtherRuns(text: string): boolean {
  return (text.match(/\bcustomer_result\b/gi) ?? []).length > 1;
}

function duckValue(value: unknown): { value: DuckDBValue; type: DuckDBType } {
  if (value === null || value === undefined) return { value: null, type: SQLNULL };
  if (typeof value === 'number') return { value, type: Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? INTEGER : DOUBLE };
  if (typeof value === 'string') return { value, type: VARCHAR };
  if (typeof value === 'boolean') return { value, type: BOOLEAN };
  if (Array.isArray(value)) {
    const numbers = value.length > 0 && value.every((v) => typeof v === 'number');
    const type = numbers ? (value.every((v) => Number.isInteger(v) && Math.abs(v) < 2 ** 31) ? INTEGER : DOUBLE) : VARCHAR;
    return { value: listValue(value.map((v) => (v === null ? null : numbers ? Number(v) : String(v)))), type: LIST(type) };
  }
  throw new Error(`The results cache cannot bind a parameter of type ${typeof value}.`);
}

// What the pg and PGlite drivers give for the casts the dashboard writes: numbers, not bigints.
function plain(value: JS): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

function plainRow(row: Record<string, JS>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in row) out[key] = plain(row[key]);
  return out;
}

/**
 * Read-only raw SQL for one succeeded run: statements over customer_result run in DuckDB on the
 * run's cache file (a view named customer_result, so the dashboard's SQL is unchanged), every
 * other statement on the database. Writes are refused.
 */
export class CachedResultsSqlClient implements SqlClient {
  readonly kind: SqlClient['kind'];

  constructor(
    private readonly db: Database,
    readonly file: RunResultsFile,
  ) {
    this.kind = db.kind;
  }

  private async createView(connection: DuckDBConnection): Promise<void> {
    await connection.run(`CREATE TEMP VIEW customer_result AS SELECT * FROM read_parquet('${this.file.path.replace(/'/g, "''")}')`);
  }

  async query<Row = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<SqlResult<Row>> {
    if (!READS_CUSTOMER_RESULT.test(text) || readsOtherRuns(text)) return this.db.sql.query<Row>(text, params);
    const bound = params.map(duckValue);
    const pool = duckDbResultsPool();
    const reader = await pool.use(this.file.path, (pooled) =>
      pool.readAll(
        pooled,
        toDuckDbSql(text),
        bound.map((b) => b.value),
        bound.map((b) => b.type),
      ),
    );
    const rows = reader.getRowObjectsJS().map(plainRow) as Row[];
    return { rows, rowCount: rows.length };
  }

  /** The rows of one statement over customer_result, `batchRows` at a time, from one streamed DuckDB result. */
  async *stream<Row = Record<string, unknown>>(text: string, params: readonly unknown[] = [], batchRows = CACHE_STREAM_ROWS): AsyncGenerator<Row[]> {
    if (!READS_CUSTOMER_RESULT.test(text) || readsOtherRuns(text)) throw new Error('The results cache streams statements over one run\'s customer_result only.');
    const bound = params.map(duckValue);
    const connection = await (await getDuckDb()).connect();
    try {
      await this.createView(connection);
      const result = await connection.stream(
        toDuckDbSql(text),
        bound.map((b) => b.value),
        bound.map((b) => b.type),
      );
      let batch: Row[] = [];
      for await (const rows of result.yieldRowObjectJs()) {
        for (const row of rows) {
          batch.push(plainRow(row) as Row);
          if (batch.length === batchRows) {
            yield batch;
            batch = [];
          }
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      connection.closeSync();
    }
  }

  exec(): Promise<void> {
    return Promise.reject(new Error('The results cache is read-only.'));
  }

  copyCsv(): Promise<number> {
    return Promise.reject(new Error('The results cache is read-only.'));
  }

  copyBinary(): Promise<number> {
    return Promise.reject(new Error('The results cache is read-only.'));
  }

  transaction<T>(): Promise<T> {
    return Promise.reject(new Error('The results cache is read-only.'));
  }
}
