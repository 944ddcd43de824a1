import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoLog } from '../lib/demo/write-demo-log';
import { createAudience, listAudiencesWithCounts } from '../lib/server/audiences/audience-service';
import { getClusterDiagnostics } from '../lib/server/dashboard/clusters/get-cluster-diagnostics';
import { getClusterProfiles } from '../lib/server/dashboard/clusters/get-cluster-profiles';
import { getClusterScatter } from '../lib/server/dashboard/clusters/get-cluster-scatter';
import { getClvBoxPlots } from '../lib/server/dashboard/clusters/get-clv-box-plots';
import { getCustomerDetail } from '../lib/server/dashboard/customers/get-customer-detail';
import { listCustomers } from '../lib/server/dashboard/customers/list-customers';
import type { CustomerSortColumn } from '../lib/server/dashboard/customers/customer-table-params';
import { getFilterOptions } from '../lib/server/dashboard/get-filter-options';
import { getConcentration, getOverviewKpis, getRevenueByCountry, getSegmentShares } from '../lib/server/dashboard/get-overview';
import { getClvDistribution } from '../lib/server/dashboard/lifetime-value/get-clv-distribution';
import { getLifetimeValueHeatmap } from '../lib/server/dashboard/lifetime-value/get-lifetime-value-heatmap';
import { listTopClvCustomers } from '../lib/server/dashboard/lifetime-value/list-top-clv-customers';
import { getRfmGrid } from '../lib/server/dashboard/segments/get-rfm-grid';
import { getSegmentSummary } from '../lib/server/dashboard/segments/get-segment-summary';
import { closeDatabase, getDatabase, type Database } from '../lib/server/db/database';
import { createDatasetRun } from '../lib/server/runs/run-service';
import { customerExportStream, LOCAL_ACTOR } from '../lib/server/exports/customer-export-stream';
import { DEFAULT_EXPORT_COLUMNS } from '../lib/schemas/export-request-schema';
import { parseDashboardFilters, type DashboardFilters } from '../lib/schemas/dashboard-filters-schema';
import { refreshPlannerStatistics } from '../lib/server/db/refresh-planner-statistics';
import { runResultsFile } from '../lib/server/analytics/run-results-cache';
import { BENCH_DASHBOARD } from './bench-command-lines';
import { readCommandLine, refuse, wholeNumber } from './parse-command-line';

// `npm run bench:dashboard`: every dashboard query on a run of a million customers (the demo's
// 4,000 analysed customers copied 250 times with jittered values), on PGlite and, with
// --postgres URL, on PostgreSQL. Prints the median of three timed calls after one warm-up, and per
// section the p95 over its views (filters, sorts, pages). --cache off|on|both reads customer_result
// from the database, from the run's results cache (DuckDB over Parquet, the app's default), or both;
// --json prints one JSON object on stdout (the tables go to stderr); --concurrent-exports N starts
// N exports of every customer at once and prints when each one's first row arrived.

const REPEATS = 3;
const BENCH_DATASET = 'Demo (bench dashboard)';

async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)];
}

const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`.padStart(10);

let log = (line: string) => console.log(line);

/** Nearest-rank percentile of `values` (0 < p <= 1). */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

type CacheMode = 'off' | 'on';

interface SectionFigures {
  source: CacheMode;
  page: string;
  section: string;
  views: number;
  p95Ms: number;
  maxMs: number;
}

interface BenchReport {
  database: string;
  customers: number;
  loadAverage: number[];
  cacheBuildMs: number | null;
  cacheFileMb: number | null;
  sections: SectionFigures[];
  single: Array<{ source: CacheMode; name: string; ms: number }>;
  exports: Array<{ source: CacheMode; name: string; ms: number; rows: number; mb: number; rssMb: number }>;
  concurrentExports: Array<{ source: CacheMode; exports: number; rows: number; firstRowMs: number[]; spreadMs: number; allDoneMs: number }>;
}

// The page and section of each query: the customers table's sorts and searches are views of one section.
function sectionOf(query: string): [string, string] {
  if (query.startsWith('customers ')) return ['customers', 'table'];
  const [page, ...rest] = query.split(' ');
  return [page, rest.join(' ')];
}

/** The demo analysed through the run service, then its customers copied until the run holds `target`. */
async function seedMillionCustomerRun(db: Database, target: number, workerPath: string, workDir: string): Promise<number> {
  const path = join(workDir, 'demo.csv.gz');
  await writeDemoLog(path);
  // Its customers are copied in after it succeeded: no cache file for the 4,000 it starts with.
  const cache = process.env.SEGMENTA_RESULTS_CACHE;
  process.env.SEGMENTA_RESULTS_CACHE = 'off';
  const run = await createDatasetRun(db, { workDir, workerPath }, { path, name: BENCH_DATASET, fileName: 'demo.csv.gz' });
  const outcome = await run.finished;
  if (cache === undefined) delete process.env.SEGMENTA_RESULTS_CACHE;
  else process.env.SEGMENTA_RESULTS_CACHE = cache;
  if (outcome.status !== 'succeeded') throw new Error(`the demo analysis failed: ${outcome.error}`);
  const { rows } = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM customer_result WHERE run_id = $1`, [run.runId]);
  const copies = Math.max(0, Math.ceil(target / rows[0].n) - 1);
  const { rows: columns } = await db.sql.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = 'customer_result' AND table_schema = current_schema() ORDER BY ordinal_position`,
  );
  // Money and value columns move by up to +-10 % per copy so sorts see distinct values, not ties.
  const jitter = `(0.9 + 0.2 * ((hashtext(c.customer_id || g::text) & 65535) / 65535.0))`;
  const expression: Record<string, string> = {
    customer_id: `c.customer_id || '-' || lpad(g::text, 3, '0')`,
    monetary: `c.monetary * ${jitter}`,
    average_order_value: `c.average_order_value * ${jitter}`,
    clv: `c.clv * ${jitter}`,
    clv_lower: `c.clv_lower * ${jitter}`,
    clv_upper: `c.clv_upper * ${jitter}`,
    sample_key: `hashtext(c.customer_id || '-' || g::text)`,
    expected_spend: `c.expected_spend * ${jitter}`,
  };
  const names = columns.map((c) => c.column_name);
  const started = performance.now();
  const step = 25;
  for (let from = 1; from <= copies; from += step) {
    const to = Math.min(copies, from + step - 1);
    await db.sql.query(
      `INSERT INTO customer_result (${names.join(', ')})
       SELECT ${names.map((n) => expression[n] ?? `c.${n}`).join(', ')}
         FROM customer_result c CROSS JOIN generate_series(${from}::int, ${to}::int) g WHERE c.run_id = $1 AND c.customer_id NOT LIKE '%-%'`,
      [run.runId],
    );
    process.stderr.write(`\r  copying customers: ${Math.round((to / copies) * 100)} %`);
  }
  await refreshPlannerStatistics(db.sql, { transactionLines: false });
  await db.sql.query(`UPDATE run SET customer_count = (SELECT count(*) FROM customer_result WHERE run_id = $1) WHERE id = $1`, [run.runId]);
  log(`\r  ${((copies + 1) * rows[0].n).toLocaleString('en-US')} customers seeded in ${ms(performance.now() - started).trim()}`);
  return run.runId;
}

/** The run a kept database already holds, when it holds `target` customers. */
async function seededRun(db: Database, target: number): Promise<number | null> {
  const run = await db.prisma.run.findFirst({ where: { dataset: { name: BENCH_DATASET }, status: 'succeeded' }, orderBy: { id: 'desc' } });
  return run && run.customerCount !== null && run.customerCount >= target ? run.id : null;
}

async function measure(label: string, target: number, workerPath: string, keep: boolean, only: RegExp, modes: CacheMode[], concurrentExports: number, reports: BenchReport[]): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'segmenta-bench-dashboard-'));
  const db = await getDatabase();
  try {
    log(`\n${label}`);
    const runId = (keep ? await seededRun(db, target) : null) ?? (await seedMillionCustomerRun(db, target, workerPath, workDir));
    const report: BenchReport = {
      database: db.kind,
      customers: target,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      cacheBuildMs: null,
      cacheFileMb: null,
      sections: [],
      single: [],
      exports: [],
      concurrentExports: [],
    };
    reports.push(report);
    if (modes.includes('on')) {
      const started = performance.now();
      const file = await runResultsFile(db, runId, { minCustomers: 0 });
      if (!file) throw new Error('the run has no results cache');
      report.cacheBuildMs = Math.round(performance.now() - started);
      report.cacheFileMb = Math.round(statSync(file.path).size / 1e5) / 10;
      log(`  results cache ready in ${ms(report.cacheBuildMs).trim()} (${report.cacheFileMb} MB of Parquet; built now unless kept from an earlier run)`);
    }
    process.env.SEGMENTA_CACHE_MIN_CUSTOMERS = '0';
    const options = await getFilterOptions(runId);
    const scenarios: Array<[string, DashboardFilters]> = [
      ['all customers', parseDashboardFilters({ run: String(runId) })],
      ['France + Germany, CLV >= 100', parseDashboardFilters({ run: String(runId), country: ['France', 'Germany'], minClv: '100' })],
      [`segment ${options.segments[0].value}, 2+ orders`, parseDashboardFilters({ run: String(runId), segment: options.segments[0].value, minFrequency: '2' })],
    ];
    const queries: Array<[string, (f: DashboardFilters) => Promise<unknown>]> = [
      ['overview KPIs', (f) => getOverviewKpis(runId, f)],
      ['overview segment shares', (f) => getSegmentShares(runId, f)],
      ['overview revenue by country', (f) => getRevenueByCountry(runId, f)],
      ['overview concentration', (f) => getConcentration(runId, f)],
      ['segments summary', (f) => getSegmentSummary(runId, f)],
      ['segments R x F grid', (f) => getRfmGrid(runId, f)],
      ['clusters profiles', (f) => getClusterProfiles(runId, f)],
      ['clusters scatter sample', (f) => getClusterScatter(runId, f)],
      ['clusters CLV box plots', (f) => getClvBoxPlots(runId, f)],
      ['lifetime-value heatmaps', (f) => getLifetimeValueHeatmap(runId, f)],
      ['lifetime-value histogram', (f) => getClvDistribution(runId, f)],
      ['lifetime-value top 20', (f) => listTopClvCustomers(runId, f)],
    ];
    const sorts: Array<[CustomerSortColumn, 'asc' | 'desc']> = [
      ['customerId', 'asc'],
      ['clv', 'desc'],
      ['clv', 'asc'],
      ['monetary', 'desc'],
      ['frequency', 'desc'],
      ['recency', 'asc'],
      ['pAlive', 'desc'],
      ['lastPurchase', 'desc'],
      ['segment', 'asc'],
      ['country', 'asc'],
    ];
    for (const sort of sorts) {
      for (const page of [1, 200]) {
        queries.push([`customers by ${sort[0]} ${sort[1]}, page ${page}`, (f) => listCustomers(runId, f, { sort: sort[0], dir: sort[1], page, q: undefined })]);
      }
    }
    const { rows: someone } = await db.sql.query<{ customer_id: string }>(`SELECT customer_id FROM customer_result WHERE run_id = $1 ORDER BY customer_id LIMIT 1 OFFSET 5000`, [runId]);
    const prefix = someone[0].customer_id.slice(0, 3);
    queries.push([`customers search "${prefix}"`, (f) => listCustomers(runId, f, { sort: 'customerId', dir: 'asc', page: 1, q: prefix })]);
    queries.push([`customers search "${prefix}" by CLV`, (f) => listCustomers(runId, f, { sort: 'clv', dir: 'desc', page: 1, q: prefix })]);

    queries.push(['overview filter options', () => getFilterOptions(runId)]);
    for (const mode of modes) {
      process.env.SEGMENTA_RESULTS_CACHE = mode;
      log(`  ${`query (${mode === 'on' ? 'results cache' : 'database'})`.padEnd(40)}${scenarios.map(([name]) => name.slice(0, 30).padStart(32)).join('')}`);
      const viewTimes = new Map<string, number[]>();
      for (const [name, query] of queries.filter(([name]) => only.test(name))) {
        const cells: string[] = [];
        for (const [, filters] of scenarios) {
          const elapsed = await time(() => query(filters));
          cells.push(ms(elapsed).padStart(32));
          const key = sectionOf(name).join('\u0000');
          viewTimes.set(key, [...(viewTimes.get(key) ?? []), elapsed]);
        }
        log(`  ${name.padEnd(40)}${cells.join('')}`);
      }
      log(`  ${'section: p95 over its views'.padEnd(40)}${'views'.padStart(8)}${'p95'.padStart(12)}${'max'.padStart(12)}`);
      for (const [key, times] of viewTimes) {
        const [page, section] = key.split('\u0000');
        const figures = { source: mode, page, section, views: times.length, p95Ms: Math.round(percentile(times, 0.95)), maxMs: Math.round(Math.max(...times)) };
        report.sections.push(figures);
        log(`  ${`${page} ${section}`.padEnd(40)}${String(times.length).padStart(8)}${ms(figures.p95Ms).padStart(12)}${ms(figures.maxMs).padStart(12)}`);
      }
    }

    const single: Array<[string, () => Promise<unknown>]> = [
      ['customer page', () => getCustomerDetail(runId, someone[0].customer_id)],
      ['cluster diagnostics (run metrics)', () => getClusterDiagnostics(runId)],
      ['audiences with live counts (3)', () => listAudiencesWithCounts(db)],
    ];
    // A benchmark stopped early leaves its audiences behind in a kept database.
    await db.prisma.audience.deleteMany({ where: { name: { in: scenarios.map(([name]) => name) } } });
    for (const [name, filters] of scenarios) await createAudience(db, { name, filters: { ...filters, run: undefined } });
    for (const mode of modes) {
      process.env.SEGMENTA_RESULTS_CACHE = mode;
      for (const [name, query] of single.filter(([name]) => only.test(name))) {
        const elapsed = await time(query);
        report.single.push({ source: mode, name, ms: Math.round(elapsed) });
        log(`  ${`${name} (${mode === 'on' ? 'cache' : 'database'})`.padEnd(40)}${ms(elapsed).padStart(32)}`);
      }
    }

    for (const mode of only.test('export') ? modes : []) {
      process.env.SEGMENTA_RESULTS_CACHE = mode;
      for (const [name, filters] of scenarios) {
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const started = performance.now();
      const stream = customerExportStream(db, { runId, filters, columns: DEFAULT_EXPORT_COLUMNS, audienceId: null, actor: LOCAL_ACTOR });
      let bytes = 0;
      let lines = 0;
      const reader = stream.getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        const chunk = next.value;
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
        peak = Math.max(peak, process.memoryUsage().rss);
      }
      const elapsed = performance.now() - started;
      report.exports.push({ source: mode, name, ms: Math.round(elapsed), rows: lines - 1, mb: Math.round(bytes / 1e5) / 10, rssMb: Math.round((peak - rssBefore) / 1e6) });
      log(
        `  export ${`${name} (${mode === 'on' ? 'cache' : 'database'})`.padEnd(33)}${ms(elapsed).padStart(32)}   ${(lines - 1).toLocaleString('en-US')} rows, ${(bytes / 1e6).toFixed(1)} MB, RSS +${Math.round((peak - rssBefore) / 1e6)} MB`,
      );
      }
    }

    // N exports of every customer started together: when did each one's first row arrive?
    for (const mode of concurrentExports > 0 ? modes : []) {
      process.env.SEGMENTA_RESULTS_CACHE = mode;
      const started = performance.now();
      const outcomes = await Promise.all(
        Array.from({ length: concurrentExports }, async () => {
          const stream = customerExportStream(db, { runId, filters: scenarios[0][1], columns: DEFAULT_EXPORT_COLUMNS, audienceId: null, actor: LOCAL_ACTOR });
          const reader = stream.getReader();
          let firstRow: number | null = null;
          let rows = 0;
          for (let next = await reader.read(); !next.done; next = await reader.read()) {
            for (let i = next.value.indexOf(10); i >= 0; i = next.value.indexOf(10, i + 1)) rows++;
            if (firstRow === null && rows > 1) firstRow = performance.now() - started;
          }
          return { firstRow: firstRow ?? performance.now() - started, rows: rows - 1, done: performance.now() - started };
        }),
      );
      const firstRowMs = outcomes.map((o) => Math.round(o.firstRow));
      const figures = {
        source: mode,
        exports: concurrentExports,
        rows: outcomes[0].rows,
        firstRowMs,
        spreadMs: Math.max(...firstRowMs) - Math.min(...firstRowMs),
        allDoneMs: Math.round(Math.max(...outcomes.map((o) => o.done))),
      };
      report.concurrentExports.push(figures);
      log(
        `  ${concurrentExports} exports at once (${mode === 'on' ? 'cache' : 'database'}), ${figures.rows.toLocaleString('en-US')} rows each: first rows after ${firstRowMs.join(', ')} ms (spread ${figures.spreadMs} ms), all done after ${ms(figures.allDoneMs).trim()}`,
      );
    }
    if (!keep) await db.prisma.dataset.deleteMany({ where: { name: BENCH_DATASET } });
    await db.prisma.audience.deleteMany({ where: { name: { in: scenarios.map(([name]) => name) } } });
  } finally {
    await closeDatabase();
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = readCommandLine(BENCH_DASHBOARD);
  if (values.json) log = (line: string) => console.error(line);
  const modes: CacheMode[] = values.cache === 'both' ? ['off', 'on'] : values.cache === 'off' ? ['off'] : values.cache === 'on' ? ['on'] : [];
  if (modes.length === 0) refuse(BENCH_DASHBOARD, `--cache must be on, off or both, got "${values.cache}"`);
  const concurrentExports = wholeNumber(BENCH_DASHBOARD, 'concurrent-exports', values['concurrent-exports'], 0);
  const reports: BenchReport[] = [];
  const target = wholeNumber(BENCH_DASHBOARD, 'customers', values.customers, 4000);
  // --only REGEX measures the queries whose names match (e.g. --only 'customers by|export').
  let only = /./;
  try {
    only = new RegExp(values.only ?? '.');
  } catch (error) {
    refuse(BENCH_DASHBOARD, `--only is not a regular expression: ${(error as Error).message}`);
  }
  // @ts-expect-error -- plain ES module without types
  const { bundle } = await import('./bundle.mjs');
  const workerPath: string = await bundle('lib/server/runs/analysis-worker.ts', '.segmenta/analysis-worker.mjs');
  // --keep-data DIR keeps the seeded PGlite folder (and the PostgreSQL rows) for the next run.
  const keep = values['keep-data'] !== undefined;
  const dataDir = values['keep-data'] ?? mkdtempSync(join(tmpdir(), 'segmenta-bench-pglite-'));
  delete process.env.DATABASE_URL;
  process.env.SEGMENTA_DATA_DIR = dataDir;
  if (!values['postgres-only']) await measure(`PGlite (embedded), ${target.toLocaleString('en-US')} customers`, target, workerPath, keep, only, modes, concurrentExports, reports);
  if (!keep) rmSync(dataDir, { recursive: true, force: true });
  const url = values.postgres;
  if (url) {
    process.env.DATABASE_URL = url;
    await measure(`PostgreSQL, ${target.toLocaleString('en-US')} customers`, target, workerPath, keep, only, modes, concurrentExports, reports);
  } else log('\nPostgreSQL: skipped (pass --postgres postgres://...)');
  if (values.json) console.log(JSON.stringify(reports, null, 2));
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
