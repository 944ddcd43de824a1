import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAnalysis, type AnalysisResult } from '../lib/engines';
import { openDatabase, type Database, type DatabaseConfig } from '../lib/server/db/database';
import { tileAnalysisResult } from '../lib/server/db/testing/tile-analysis-result';
import { saveCustomerResults } from '../lib/server/runs/save-customer-results';
import { BENCH_SAVE } from './bench-command-lines';
import { readCommandLine, refuse, wholeNumber } from './parse-command-line';
import { projectRoot } from './project-root';

// `npm run bench:save [-- --customers 81042,1000000] [--file F] [--postgres URL] [--inline]`: the save
// of a run's customer results (the run service's own save: COPY in committed batches into
// customer_result) into a fresh database, timed alone. Online Retail is analysed once and its
// customers tiled to each count the way scripts/make-replicated-log.ts replicates the file (ids
// +100,000 per copy, money and CLV moved by up to +-10 % per copy). Prints the save's wall time,
// this process's CPU (with --inline PGlite runs on this thread, so that is the database's CPU too;
// on its own thread, as the server runs it, the thread's CPU is in the process's figure as well).

/** CPU seconds of this process (every thread) since `from`. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
}

async function newRun(db: Database): Promise<number> {
  const { rows } = await db.sql.query<{ id: number }>(
    `INSERT INTO dataset (name, source_file_name, checksum, byte_size, rows_read, rows_kept, customer_count, cleaning_report, ingest_report)
     VALUES ('bench save', 'bench.csv', 'bench', 0, 0, 0, 0, '{}', '{}') RETURNING id::int AS id`,
  );
  const run = await db.sql.query<{ id: number }>(`INSERT INTO run (dataset_id, parameters, status) VALUES ($1, '{}', 'running') RETURNING id::int AS id`, [rows[0].id]);
  return run.rows[0].id;
}

/** Each count saved into a database of its own: a fresh PGlite folder, or on PostgreSQL its rows removed after. */
async function measure(label: string, config: () => DatabaseConfig, results: AnalysisResult[], runsPerCount: number): Promise<void> {
  console.log(`\n${label}`);
  for (const result of results) {
    const db = await openDatabase(config());
    try {
      for (let r = 0; r < runsPerCount; r++) {
        const runId = await newRun(db);
        const load = loadavg()
          .map((l) => l.toFixed(2))
          .join(' ');
        const cpu = process.cpuUsage();
        const started = performance.now();
        const written = await saveCustomerResults(db.sql, runId, result);
        const wall = (performance.now() - started) / 1000;
        const cpuS = cpuSince(cpu);
        console.log(
          `  ${written.toLocaleString('en-US').padStart(9)} customers: save ${wall.toFixed(2).padStart(6)} s wall, ${cpuS.toFixed(2).padStart(6)} s CPU  ` +
            `(${Math.round(written / wall).toLocaleString('en-US')} rows/s; run ${r + 1} of ${runsPerCount} into this database; load ${load}; RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB)`,
        );
      }
      await db.sql.query(`DELETE FROM dataset WHERE name = 'bench save'`);
    } finally {
      await db.close();
    }
  }
}

async function main(): Promise<void> {
  const { values } = readCommandLine(BENCH_SAVE);
  const root = projectRoot();
  const file = values.file ?? join(root, '..', 'shared', 'data', 'online_retail.csv.gz');
  const counts = values.customers.split(',').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) refuse(BENCH_SAVE, `--customers takes whole numbers of at least 1, comma-separated, got "${values.customers}"`);
  const runsPerCount = wholeNumber(BENCH_SAVE, 'runs', values.runs);
  const analysisStarted = performance.now();
  const base = await runAnalysis(createReadStream(file), { seed: 42 });
  console.log(`${file}: ${base.features.count.toLocaleString('en-US')} customers analysed in ${((performance.now() - analysisStarted) / 1000).toFixed(1)} s`);
  // Each count is the tiled analysis cut at that many customers: the first `count` of the copies.
  const results = counts.map((count) => {
    const copies = Math.ceil(count / base.features.count);
    const tiled = tileAnalysisResult(base, copies);
    return { ...tiled, features: { ...tiled.features, count } };
  });
  // @ts-expect-error -- plain ES module without types
  const { bundle } = await import('./bundle.mjs');
  const thread: string = await bundle('lib/server/db/pglite-thread.ts', '.segmenta/pglite-thread.mjs');
  if (!values['postgres-only']) {
    for (const mode of values.inline ? ['thread', 'inline'] : ['thread']) {
      const parent = mkdtempSync(join(tmpdir(), 'segmenta-bench-save-'));
      let folders = 0;
      try {
        const label = mode === 'thread' ? 'PGlite (embedded, on its own thread, as the server runs it)' : 'PGlite (embedded, on this thread)';
        await measure(label, () => ({ kind: 'pglite', dataDir: join(parent, String(++folders)), thread: mode === 'thread' ? thread : null }), results, runsPerCount);
      } finally {
        rmSync(parent, { recursive: true, force: true });
      }
    }
  }
  const url = values.postgres ?? process.env.DATABASE_URL;
  if (url) await measure('PostgreSQL', () => ({ kind: 'postgres', url }), results, runsPerCount);
  else console.log('\nPostgreSQL: skipped (pass --postgres postgres://... or set DATABASE_URL)');
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
