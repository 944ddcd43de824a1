import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { parseDashboardFilters, type DashboardFilters } from '../../schemas/dashboard-filters-schema';
import { EXPORT_COLUMNS } from '../../schemas/export-request-schema';
import type { Database } from '../db/database';
import type { SqlClient } from '../db/sql-client';
import { TEST_BACKENDS } from '../db/testing/test-databases';
import { cachedResultsSql, indexedResultsSql } from './cached-results-sql';
import { CachedResultsSqlClient } from './cached-results-sql-client';
import { runResultsFile, removeDatasetResultsCache } from './run-results-cache';
import { seedVariedRun } from './testing/seed-varied-run';

vi.mock('server-only', () => ({}));
let current: Database | undefined;
vi.mock('../db/database', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../db/database')>()),
  getDatabase: async () => current,
}));

const { getOverviewKpis, getSegmentShares, getRevenueByCountry, getConcentration } = await import('../dashboard/get-overview');
const { getSegmentSummary } = await import('../dashboard/segments/get-segment-summary');
const { getRfmGrid } = await import('../dashboard/segments/get-rfm-grid');
const { getClusterProfiles } = await import('../dashboard/clusters/get-cluster-profiles');
const { getClusterScatter } = await import('../dashboard/clusters/get-cluster-scatter');
const { getClvBoxPlots } = await import('../dashboard/clusters/get-clv-box-plots');
const { getLifetimeValueHeatmap } = await import('../dashboard/lifetime-value/get-lifetime-value-heatmap');
const { getClvDistribution } = await import('../dashboard/lifetime-value/get-clv-distribution');
const { listTopClvCustomers } = await import('../dashboard/lifetime-value/list-top-clv-customers');
const { listCustomers } = await import('../dashboard/customers/list-customers');
const { getFilterOptions } = await import('../dashboard/get-filter-options');
const { customerExportStream } = await import('../exports/customer-export-stream');

type View = (runId: number, filters: DashboardFilters, sql: SqlClient) => Promise<unknown>;

const VIEWS: Array<[string, View]> = [
  ['overview KPIs', (r, f, s) => getOverviewKpis(r, f, s)],
  ['segment shares', (r, f, s) => getSegmentShares(r, f, s)],
  ['revenue by country', (r, f, s) => getRevenueByCountry(r, f, 10, s)],
  ['concentration', (r, f, s) => getConcentration(r, f, s)],
  ['segment summary', (r, f, s) => getSegmentSummary(r, f, s)],
  ['R x F grid', (r, f, s) => getRfmGrid(r, f, s)],
  ['cluster profiles', (r, f, s) => getClusterProfiles(r, f, s)],
  ['cluster scatter', (r, f, s) => getClusterScatter(r, f, 150, s)],
  ['CLV box plots', (r, f, s) => getClvBoxPlots(r, f, s)],
  ['lifetime-value heatmap', (r, f, s) => getLifetimeValueHeatmap(r, f, s)],
  ['CLV histogram', (r, f, s) => getClvDistribution(r, f, s)],
  ['top CLV customers', (r, f, s) => listTopClvCustomers(r, f, 20, s)],
  ['filter options', (r, _f, s) => getFilterOptions(r, s)],
  ...(
    [
      ['customerId', 'asc', 1, undefined],
      ['customerId', 'desc', 3, undefined],
      ['clv', 'desc', 2, undefined],
      ['clv', 'asc', 9, undefined],
      ['pAlive', 'desc', 1, undefined],
      ['cluster', 'asc', 2, undefined],
      ['monetary', 'desc', 1, undefined],
      ['lastPurchase', 'asc', 2, undefined],
      ['country', 'desc', 1, undefined],
      ['combinedSegment', 'asc', 1, undefined],
      ['customerId', 'asc', 1, 'c0'],
      ['clv', 'desc', 1, 'x-'],
      ['customerId', 'asc', 1, '%'],
    ] as const
  ).map(([sort, dir, page, q]): [string, View] => [
    `customers by ${sort} ${dir}, page ${page}${q ? `, search ${q}` : ''}`,
    (r, f, s) => listCustomers(r, f, { sort, dir, page, q }, s),
  ]),
];

const FILTERS: Record<string, string | string[]>[] = [
  {},
  { country: ['France', "Côte d'Ivoire"] },
  { country: '50%_off\\land' },
  { segment: 'Lost', minFrequency: '3' },
  { combined: ['At Risk · Champions', 'Churned · Lost'] },
  { minClv: '100.5' },
  { method: 'gmm', cluster: ['1', '3'] },
  { method: 'hierarchical' },
  { country: 'Nowhere' },
];

/** Equal DTOs, floats to 12 significant digits (the two engines may add in another order). */
function expectSame(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number' && typeof actual === 'number' && !Number.isInteger(expected)) {
    expect(Math.abs(actual - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    expect((actual as unknown[]).length, `${where}.length`).toBe(expected.length);
    expected.forEach((item, i) => expectSame((actual as unknown[])[i], item, `${where}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object' && !(expected instanceof Date)) {
    expect(Object.keys(actual as object).sort(), `${where} keys`).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectSame((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
    return;
  }
  expect(actual, where).toEqual(expected);
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

describe.each(TEST_BACKENDS)('the results cache on $name', (backend) => {
  let runId: number;
  let datasetId: number;
  let cached: CachedResultsSqlClient;

  beforeAll(async () => {
    if (!backend.available) return;
    current = await backend.open();
    ({ runId, datasetId } = await seedVariedRun(current, 700));
    const file = await runResultsFile(current, runId, { minCustomers: 0 });
    if (!file) throw new Error('expected a cache file');
    cached = new CachedResultsSqlClient(current, file);
  }, 120_000);
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  const it = test.skipIf(!backend.available);

  it.each(VIEWS)('%s: the same DTO from the database and from the cache, under every filter', async (name, view) => {
    for (const query of FILTERS) {
      const filters = parseDashboardFilters({ run: String(runId), ...query });
      const fromDatabase = await view(runId, filters, current!.sql);
      const fromCache = await view(runId, filters, cached);
      expectSame(fromCache, fromDatabase, `${name} ${JSON.stringify(query)}`);
    }
  });

  it.each(VIEWS.filter(([name]) => name.startsWith('customers ')))('%s, read in two phases from the cache: the same DTO', async (name, view) => {
    vi.stubEnv('SEGMENTA_CACHE_TWO_PHASE_MIN', '0');
    try {
      for (const query of FILTERS) {
        const filters = parseDashboardFilters({ run: String(runId), ...query });
        expectSame(await view(runId, filters, cached), await view(runId, filters, current!.sql), `${name} ${JSON.stringify(query)}`);
      }
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('the fixture reaches every branch the views have: NULLs, empty filters, several pages', async () => {
    const all = await listCustomers(runId, parseDashboardFilters({}), { sort: 'clv', dir: 'asc', page: 14, q: undefined }, cached);
    expect(all.total).toBe(700);
    expect(all.rows.some((r) => r.clv === null)).toBe(true);
    const none = await getOverviewKpis(runId, parseDashboardFilters({ country: 'Nowhere' }), cached);
    expect(none.customers).toBe(0);
  });

  it('an export of every column is byte for byte the same from the cache as from the database, in batches', async () => {
    const filters = parseDashboardFilters({ country: ['France', '50%_off\\land', 'United Kingdom'] });
    const input = { runId, filters, columns: EXPORT_COLUMNS, audienceId: null, actor: 'test', pageSize: 37 };
    vi.stubEnv('SEGMENTA_RESULTS_CACHE', 'off');
    const fromDatabase = await readAll(customerExportStream(current!, input));
    vi.stubEnv('SEGMENTA_RESULTS_CACHE', 'on');
    vi.stubEnv('SEGMENTA_CACHE_MIN_CUSTOMERS', '0');
    const sorted = { ...input, table: { sort: 'clv', dir: 'desc' } as const };
    try {
      // The export below really reads the cache.
      expect(await cachedResultsSql(current!, runId)).toBeInstanceOf(CachedResultsSqlClient);
      expect(await readAll(customerExportStream(current!, input))).toBe(fromDatabase);
      vi.stubEnv('SEGMENTA_RESULTS_CACHE', 'off');
      const sortedFromDatabase = await readAll(customerExportStream(current!, sorted));
      vi.stubEnv('SEGMENTA_RESULTS_CACHE', 'on');
      expect(await readAll(customerExportStream(current!, sorted))).toBe(sortedFromDatabase);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(fromDatabase.split('\r\n').length).toBeGreaterThan(100);
    // Every export is logged with its row count, from either source.
    const logs = await current!.prisma.exportLog.findMany({ where: { runId }, orderBy: { id: 'asc' } });
    expect(logs.map((l) => l.rowCount)).toEqual(Array(4).fill(fromDatabase.split('\r\n').length - 2));
  });

  it('builds one file however many first reads arrive at once, and never for a run that has not succeeded', async () => {
    const other = await seedVariedRun(current!, 60, 5);
    const files = await Promise.all(Array.from({ length: 6 }, () => runResultsFile(current!, other.runId, { minCustomers: 0 })));
    expect(new Set(files.map((f) => f?.path)).size).toBe(1);
    const dir = dirname(files[0]!.path);
    expect(readdirSync(dir).filter((name) => name.startsWith(`dataset-${other.datasetId}-`))).toHaveLength(1);
    expect(readdirSync(dir).filter((name) => name.startsWith('.building'))).toEqual([]);

    for (const status of ['queued', 'running', 'failed'] as const) {
      const run = await current!.prisma.run.create({ data: { datasetId: other.datasetId, parameters: {}, status, customerCount: 0 } });
      expect(await runResultsFile(current!, run.id, { minCustomers: 0 }), status).toBeNull();
    }
    expect(await runResultsFile(current!, 999_999, { minCustomers: 0 })).toBeNull();
    // Below the size threshold the database answers.
    expect(await runResultsFile(current!, other.runId, { minCustomers: 61 })).toEqual(files[0]);
    const small = await seedVariedRun(current!, 30, 6);
    expect(await runResultsFile(current!, small.runId, { minCustomers: 31 })).toBeNull();
  });

  it('a page that asks first does not wait: the database answers while the file is built in the background', async () => {
    const other = await seedVariedRun(current!, 50, 9);
    expect(await runResultsFile(current!, other.runId, { minCustomers: 0, wait: false })).toBeNull();
    const built = await runResultsFile(current!, other.runId, { minCustomers: 0 });
    expect(built).not.toBeNull();
    expect(await runResultsFile(current!, other.runId, { minCustomers: 0, wait: false })).toEqual(built);
    expect(readdirSync(dirname(built!.path)).filter((name) => name.startsWith(`dataset-${other.datasetId}-`))).toHaveLength(1);
  });

  it('removing a dataset’s cache removes its runs’ files and leaves other datasets’ files', async () => {
    const file = await runResultsFile(current!, runId, { minCustomers: 0 });
    const other = await seedVariedRun(current!, 40, 8);
    const otherFile = await runResultsFile(current!, other.runId, { minCustomers: 0 });
    expect(existsSync(file!.path) && existsSync(otherFile!.path)).toBe(true);
    await removeDatasetResultsCache(current!, other.datasetId);
    expect(existsSync(otherFile!.path)).toBe(false);
    expect(existsSync(file!.path)).toBe(true);
    // Asked again, the file is rebuilt from the database.
    const rebuilt = await runResultsFile(current!, other.runId, { minCustomers: 0 });
    expect(rebuilt?.path).toBe(otherFile!.path);
    expect(existsSync(rebuilt!.path)).toBe(true);
  });

  it('an unfiltered top CLV list or customers page reads the database’s indexes; a filtered one reads the cache', async () => {
    vi.stubEnv('SEGMENTA_CACHE_MIN_CUSTOMERS', '0');
    try {
      expect(await indexedResultsSql(runId, parseDashboardFilters({ run: String(runId) }))).toBe(current!.sql);
      expect(await indexedResultsSql(runId, parseDashboardFilters({ run: String(runId), country: 'France' }))).toBeInstanceOf(CachedResultsSqlClient);
      expect(await indexedResultsSql(runId, parseDashboardFilters({ run: String(runId), minClv: '0' }))).toBeInstanceOf(CachedResultsSqlClient);
      // The routed answer is the one both clients give.
      const all = parseDashboardFilters({ run: String(runId) });
      expectSame(await listTopClvCustomers(runId, all, 20), await listTopClvCustomers(runId, all, 20, cached), 'top 20 routed');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('the cache refuses writes and answers statements on other tables from the database', async () => {
    await expect(cached.exec()).rejects.toThrow('read-only');
    const { rows } = await cached.query<{ id: number }>('SELECT id FROM run WHERE id = $1', [runId]);
    expect(rows).toEqual([{ id: runId }]);
    void datasetId;
  });
});
