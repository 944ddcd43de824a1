// A finished run's customer results never change, so each succeeded run's customer_result rows
// are copied once into a Parquet file that DuckDB answers the dashboard's heavy reads from.
// The database stays the source of truth: the file is rebuilt from it whenever it is missing.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../db/database';
import { quoteIdent } from '../db/sql-client';
import { closeIdleDuckDbConnections, withDuckDbConnection } from './duckdb-instance';
import { resultsCacheDir } from './results-cache-dir';

/** Rows read from the database per statement while a cache file is built. */
export const CACHE_BATCH_ROWS = 25_000;

// Bumped when the file's layout changes, so older files are never read.
const CACHE_FORMAT = 1;

const DUCKDB_TYPES: Readonly<Record<string, string>> = {
  integer: 'INTEGER',
  smallint: 'SMALLINT',
  bigint: 'BIGINT',
  'double precision': 'DOUBLE',
  real: 'FLOAT',
  numeric: 'DOUBLE',
  text: 'VARCHAR',
  'character varying': 'VARCHAR',
  boolean: 'BOOLEAN',
  'timestamp without time zone': 'TIMESTAMP',
  'timestamp with time zone': 'TIMESTAMPTZ',
  date: 'DATE',
  json: 'JSON',
  jsonb: 'JSON',
};

interface BatchRow {
  n: number;
  last: string | null;
  rows: string;
}

interface CacheColumn {
  name: string;
  type: string;
}

export interface RunResultsFile {
  runId: number;
  datasetId: number;
  path: string;
}

const columnsByDatabase = new WeakMap<Database, Promise<CacheColumn[]>>();
const filesByDatabase = new WeakMap<Database, Map<number, RunResultsFile>>();
const building = new Map<string, Promise<void>>();

const sqlString = (value: string) => `'${value.replace(/'/g, "''")}'`;

function cacheColumns(db: Database): Promise<CacheColumn[]> {
  let columns = columnsByDatabase.get(db);
  if (!columns) {
    columns = db.sql
      .query<{ name: string; type: string }>(
        `SELECT column_name AS name, data_type AS type FROM information_schema.columns
          WHERE table_name = 'customer_result' AND table_schema = current_schema() ORDER BY ordinal_position`,
      )
      .then(({ rows }) =>
        rows.map((r) => {
          const type = DUCKDB_TYPES[r.type];
          if (!type) throw new Error(`The results cache cannot store customer_result.${r.name} of type ${r.type}.`);
          return { name: r.name, type };
        }),
      );
    columnsByDatabase.set(db, columns);
    columns.catch(() => columnsByDatabase.delete(db));
  }
  return columns;
}

function knownFiles(db: Database): Map<number, RunResultsFile> {
  let files = filesByDatabase.get(db);
  if (!files) {
    files = new Map();
    filesByDatabase.set(db, files);
  }
  return files;
}

/** Runs with fewer customers are read from the database, which answers them in milliseconds. */
export const DEFAULT_CACHE_MIN_CUSTOMERS = 1_000;

/** SEGMENTA_CACHE_MIN_CUSTOMERS: the smallest run (in customers) given a cache file; default 1,000. */
export function cacheMinCustomersFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const value = Number(env.SEGMENTA_CACHE_MIN_CUSTOMERS?.trim() || NaN);
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_CACHE_MIN_CUSTOMERS;
}

export interface RunResultsFileOptions {
  /** Smallest run given a file (default: SEGMENTA_CACHE_MIN_CUSTOMERS). */
  minCustomers?: number;
  /** false: start building a missing file in the background and answer null until it is there. */
  wait?: boolean;
}

/**
 * The Parquet file of a succeeded run's customer results, built from the database on first use
 * (in batches, written to a temporary file and renamed into place, once however many callers ask
 * at the same time); null for a run that does not exist, has not succeeded, or has fewer than
 * `minCustomers` customers, and, with wait: false, while the file is being built.
 */
export async function runResultsFile(db: Database, runId: number, options: RunResultsFileOptions = {}): Promise<RunResultsFile | null> {
  const { minCustomers = cacheMinCustomersFromEnv(), wait = true } = options;
  const files = knownFiles(db);
  const known = files.get(runId);
  if (known && existsSync(/* turbopackIgnore: true */ known.path)) return known;

  const { rows } = await db.sql.query<{ dataset_id: number; status: string; created_at: string; customer_count: number | null }>(
    `SELECT dataset_id::int AS dataset_id, status, created_at::text AS created_at, customer_count::int AS customer_count FROM run WHERE id = $1`,
    [runId],
  );
  const run = rows[0];
  if (!run || run.status !== 'succeeded' || (run.customer_count ?? 0) < minCustomers) return null;
  const columns = await cacheColumns(db);
  const key = createHash('sha1')
    .update(JSON.stringify([CACHE_FORMAT, run.created_at, run.customer_count, columns]))
    .digest('hex')
    .slice(0, 16);
  const dir = resultsCacheDir(db);
  const file: RunResultsFile = { runId, datasetId: run.dataset_id, path: join(/* turbopackIgnore: true */ dir, `dataset-${run.dataset_id}-run-${runId}-${key}.parquet`) };
  if (!existsSync(/* turbopackIgnore: true */ file.path)) {
    let build = building.get(file.path);
    if (!build) {
      build = buildRunResultsFile(db, runId, columns, file.path).finally(() => building.delete(file.path));
      building.set(file.path, build);
    }
    if (!wait) {
      build.catch((error: unknown) =>
        db.closing.aborted ? undefined : console.error(`The results cache of run ${runId} could not be built, so the database answers instead: ${error instanceof Error ? error.message : String(error)}`),
      );
      return null;
    }
    await build;
  }
  files.set(runId, file);
  return file;
}

async function buildRunResultsFile(db: Database, runId: number, columns: readonly CacheColumn[], path: string): Promise<void> {
  const dir = join(path, '..');
  const work = join(dir, `.building-${process.pid}-${randomBytes(6).toString('hex')}`);
  await mkdir(/* turbopackIgnore: true */ work, { recursive: true });
  const names = columns.map((c) => quoteIdent(c.name)).join(', ');
  const jsonColumns = `{${columns.map((c) => `${sqlString(c.name)}: ${sqlString(c.type)}`).join(', ')}}`;
  const batchSql = (after: boolean) =>
    `SELECT count(*)::int AS n, max(t.customer_id) AS last, coalesce(json_agg(t), '[]'::json)::text AS rows
       FROM (SELECT ${names} FROM customer_result WHERE run_id = $1${after ? ' AND customer_id > $3' : ''} ORDER BY customer_id LIMIT $2) t`;
  try {
    await withDuckDbConnection(async (duck) => {
      await duck.run(`CREATE TEMP TABLE staging (${columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')})`);
      let last: string | null = null;
      for (let batch = 0; ; batch++) {
        db.closing.throwIfAborted();
        // Keyset pages in primary-key order: each statement reads only its own rows.
        const params: unknown[] = last === null ? [runId, CACHE_BATCH_ROWS] : [runId, CACHE_BATCH_ROWS, last];
        const { rows }: { rows: BatchRow[] } = await db.sql.query<BatchRow>(batchSql(last !== null), params);
        const page: BatchRow = rows[0];
        if (page.n === 0) break;
        const jsonPath = join(work, `batch-${batch}.json`);
        await writeFile(/* turbopackIgnore: true */ jsonPath, page.rows);
        await duck.run(`INSERT INTO staging SELECT ${names} FROM read_json(${sqlString(jsonPath)}, format = 'array', columns = ${jsonColumns})`);
        await rm(/* turbopackIgnore: true */ jsonPath, { force: true });
        if (page.n < CACHE_BATCH_ROWS) break;
        last = page.last;
      }
      const partial = join(work, 'results.parquet');
      await duck.run(`COPY staging TO ${sqlString(partial)} (FORMAT parquet)`);
      await duck.run('DROP TABLE staging');
      await rename(/* turbopackIgnore: true */ partial, /* turbopackIgnore: true */ path);
    });
  } finally {
    await rm(/* turbopackIgnore: true */ work, { recursive: true, force: true });
  }
}

/** Removes the cache files of a dataset's runs (the dataset was deleted). */
export async function removeDatasetResultsCache(db: Database, datasetId: number): Promise<void> {
  const files = knownFiles(db);
  for (const [runId, file] of files) if (file.datasetId === datasetId) files.delete(runId);
  const dir = resultsCacheDir(db);
  closeIdleDuckDbConnections((path) => path.startsWith(join(dir, `dataset-${datasetId}-run-`)));
  const names = await readdir(/* turbopackIgnore: true */ dir).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => name.startsWith(`dataset-${datasetId}-run-`)).map((name) => rm(/* turbopackIgnore: true */ join(dir, name), { force: true })));
}
