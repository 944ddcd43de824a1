import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { parseDashboardFilters } from '../../../schemas/dashboard-filters-schema';
import type { Database } from '../../db/database';
import { TEST_BACKENDS } from '../../db/testing/test-databases';
import { customerHref, customerTableHref, parseCustomerTableParams } from './customer-table-params';
import { customerOrderBySql } from './customer-sort-sql';
import { sampleKey } from '../../db/sample-key';

vi.mock('server-only', () => ({}));
let current: Database | undefined;
vi.mock('../../db/database', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../db/database')>()),
  getDatabase: async () => current,
}));

const { listCustomers, prefixPattern } = await import('./list-customers');
const { getCustomerDetail } = await import('./get-customer-detail');
const { listCustomerTransactions } = await import('./list-customer-transactions');

test.each([
  [{}, { sort: 'customerId', dir: 'asc', page: 1, q: undefined }],
  [{ sort: 'clv' }, { sort: 'clv', dir: 'desc', page: 1, q: undefined }],
  [{ sort: 'clv', dir: 'asc', page: '3', q: ' C1 ' }, { sort: 'clv', dir: 'asc', page: 3, q: 'C1' }],
  [
    { sort: 'password; DROP TABLE run', dir: 'sideways', page: '-2', q: '' },
    {
      sort: 'customerId',
      dir: 'asc',
      page: 1,
      q: undefined,
      notices: [
        'The table cannot be sorted by "password; DROP TABLE run": it is sorted by customer instead.',
        '"sideways" is not a sort direction (asc or desc): the column\'s usual direction is used.',
        'Page "-2" is not a page number from 1 to 1,000,000: the first page is shown.',
      ],
    },
  ],
  [
    { sort: ['recency', 'monetary'], page: ['2', 'x'] },
    { sort: 'monetary', dir: 'desc', page: 1, q: undefined, notices: ['Page "x" is not a page number from 1 to 1,000,000: the first page is shown.'] },
  ],
  [{ page: '99999999' }, { sort: 'customerId', dir: 'asc', page: 1, q: undefined, notices: ['Page "99999999" is not a page number from 1 to 1,000,000: the first page is shown.'] }],
  [{ page: '1' }, { sort: 'customerId', dir: 'asc', page: 1, q: undefined }],
  [{ page: '' }, { sort: 'customerId', dir: 'asc', page: 1, q: undefined }],
  [{ sort: '', dir: '' }, { sort: 'customerId', dir: 'asc', page: 1, q: undefined }],
  [{ sort: 'evil' }, { sort: 'customerId', dir: 'asc', page: 1, q: undefined, notices: ['The table cannot be sorted by "evil": it is sorted by customer instead.'] }],
  [{ sort: ['evil', 'clv'] }, { sort: 'clv', dir: 'desc', page: 1, q: undefined }],
])('table params %j', (params, expected) => {
  expect(parseCustomerTableParams(params)).toEqual(expected);
});

test('a customer link carries the table view it came from, so the way back keeps filters, search, sort and page', () => {
  const filters = parseDashboardFilters({ run: '1', country: 'France' });
  const table = parseCustomerTableParams({ q: '12', sort: 'clv', page: '3' });
  expect(customerHref('12 347/x', filters, table)).toBe('/customers/12%20347%2Fx?run=1&country=France&q=12&sort=clv&page=3');
  const back = new URLSearchParams(customerHref('12347', filters, table).split('?')[1]);
  expect(customerTableHref(parseDashboardFilters(Object.fromEntries(back)), parseCustomerTableParams(Object.fromEntries(back)))).toBe(
    '/customers?run=1&country=France&q=12&sort=clv&page=3',
  );
});

test.each([
  ['customerId', 'desc', 'kmeans', 'c.customer_id DESC'],
  ['clv', 'asc', 'kmeans', '(c.clv IS NULL), c.clv ASC, c.customer_id ASC'],
  ['cluster', 'desc', 'gmm', '(c.cluster_gmm IS NULL), c.cluster_gmm DESC, c.customer_id DESC'],
  ['monetary', 'desc', 'kmeans', 'c.monetary DESC, c.customer_id DESC'],
] as const)('the table order on %s %s (%s) as one ORDER BY: %s', (sort, dir, method, expected) => {
  expect(customerOrderBySql(sort, dir, method)).toBe(expected);
});

test('table links keep the shared filters and leave defaults out', () => {
  const filters = parseDashboardFilters({ run: '1', country: 'France', method: 'gmm' });
  expect(customerTableHref(filters, { sort: 'clv', dir: 'desc', page: 2 })).toBe('/customers?run=1&country=France&method=gmm&sort=clv&page=2');
  expect(customerTableHref(filters, { sort: 'clv', dir: 'asc', q: '12' })).toBe('/customers?run=1&country=France&method=gmm&q=12&sort=clv&dir=asc');
  expect(customerTableHref({}, { sort: 'customerId', dir: 'asc', page: 1 })).toBe('/customers');
  expect(prefixPattern('1_2%\\')).toBe('1\\_2\\%\\\\%');
});

const ONE_TIME_NOTE = 'P(alive) is not shown for the 17 one-time buyers: BG/NBD sets it to 100 % for anyone without a repeat purchase.';
const CAVEAT = 'On the holdout period BG/NBD predicted spend 12 % worse than the naive baseline: read CLV as a ranking, not a forecast.';

// 120 customers C001..C120: CLV 5 x i (none for C120), every third in France; every seventh bought once, has no
// P(alive) and is Churned by days silent; the others are Active by P(alive) 0.5 (C120: none, the model did not reach it).
const ids = Array.from({ length: 120 }, (_, k) => `C${String(k + 1).padStart(3, '0')}`);

describe.each(TEST_BACKENDS)('customers table and page on $name', (backend) => {
  let runId = 0;
  beforeAll(async () => {
    if (!backend.available) return;
    const db = await backend.open();
    current = db;
    const dataset = await db.prisma.dataset.create({
      data: { name: 'd', sourceFileName: 'd.csv', checksum: 'x', byteSize: 1n, rowsRead: 0, rowsKept: 0, customerCount: 0, cleaningReport: {}, ingestReport: {} },
    });
    const run = await db.prisma.run.create({
      data: {
        datasetId: dataset.id,
        parameters: {},
        status: 'succeeded',
        metrics: {
          options: { snapshot: '2025-01-01' },
          lifetimeValue: { status: 'done', model: 'bgnbd', modelLabel: 'BG/NBD', horizonMonths: 6, interval: { level: 0.9 }, pAliveShown: 102, pAliveNote: ONE_TIME_NOTE, caveat: CAVEAT },
          churnBasis: { pAlive: 103, rules: 17, thresholds: { atRiskBelow: 0.7, churnedBelow: 0.3 } },
        },
      },
    });
    runId = run.id;
    await db.prisma.customerResult.createMany({
      data: ids.map((customerId, k) => {
        const i = k + 1;
        return {
          runId,
          customerId,
          sampleKey: sampleKey(customerId),
          country: i % 3 === 0 ? 'France' : 'United Kingdom',
          homeMarket: i % 3 !== 0,
          recency: (i * 13) % 400,
          frequency: (i % 7) + 1,
          // Occasions (days with an order) on odd customers; even ones as runs saved before they were stored.
          occasions: i % 2 === 1 ? Math.max(1, i % 7) : null,
          monetary: i * 10,
          averageOrderValue: 10,
          tenure: 400,
          distinctProducts: 3,
          returnRate: 0,
          productMix: { bags: 0.75, other: 0.25 },
          rScore: 5,
          fScore: 4,
          mScore: 4,
          rfmCode: '544',
          segment: 'Potential Loyalist',
          churnStatus: i % 7 === 0 ? 'Churned' : 'Active',
          churnBasis: i % 7 === 0 || i === 120 ? 'rules' : 'P(alive)',
          combinedSegment: `${i % 7 === 0 ? 'Churned' : 'Active'} · Potential Loyalist`,
          clusterKmeans: i % 2,
          clusterKmeansName: i % 2 === 0 ? 'High value · recent' : 'Low value · lapsed',
          clv: i === 120 ? null : i * 5,
          clvLower: i === 120 ? null : i * 4,
          clvUpper: i === 120 ? null : i * 6,
          pAlive: i === 120 || i % 7 === 0 ? null : 0.5,
          expectedPurchases: i === 120 ? null : 1.25,
          firstPurchase: new Date('2024-01-01'),
          lastPurchase: new Date(Date.UTC(2025, 0, 1) - ((i * 13) % 400) * 86_400_000),
        };
      }),
    });
    const line = { datasetId: dataset.id, stockCode: 'S1', description: 'MUG', country: 'France', customerId: 'C003' };
    await db.prisma.transaction.createMany({
      data: [
        { ...line, line: 0, invoice: '1001', quantity: 2, unitPrice: 1.5, invoiceDate: new Date('2024-03-01T10:00:00Z') },
        { ...line, line: 1, invoice: '1002', quantity: 4, unitPrice: 2.25, invoiceDate: new Date('2024-12-20T09:30:00Z') },
        { ...line, line: 2, invoice: 'C1003', quantity: -1, unitPrice: 2.25, invoiceDate: new Date('2024-12-21T08:00:00Z'), isReturn: true },
        { ...line, line: 3, invoice: '1004', quantity: 1, unitPrice: 9, invoiceDate: new Date('2024-06-01T12:00:00Z'), customerId: 'C004' },
        { ...line, line: 4, invoice: '#1005', quantity: null, unitPrice: null, orderTotal: 96.9, invoiceDate: new Date('2024-07-01T12:00:00Z'), customerId: 'C005' },
        { ...line, line: 5, invoice: 'txn_6', quantity: null, unitPrice: null, amount: -12.5, kind: 1, invoiceDate: new Date('2024-07-02T12:00:00Z'), customerId: 'C005', isReturn: true },
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });

  const list = (filters: Record<string, string>, table: Record<string, string>) =>
    listCustomers(runId, parseDashboardFilters(filters), parseCustomerTableParams(table));

  test.skipIf(!backend.available)('sorts by CLV descending, customers without a CLV last, and pages by 50', async () => {
    const first = await list({}, { sort: 'clv' });
    expect(first.total).toBe(120);
    expect(first.pages).toBe(3);
    expect(first.rows).toHaveLength(50);
    expect(first.rows.slice(0, 3).map((r) => [r.customerId, r.clv])).toEqual([
      ['C119', 595],
      ['C118', 590],
      ['C117', 585],
    ]);
    const third = await list({}, { sort: 'clv', page: '3' });
    expect(third.rows).toHaveLength(20);
    expect(third.rows.at(-2)?.customerId).toBe('C001');
    expect(third.rows.at(-1)).toMatchObject({ customerId: 'C120', clv: null, pAlive: null });
    const ascending = await list({}, { sort: 'clv', dir: 'asc', page: '3' });
    expect(ascending.rows.map((r) => r.customerId)).toEqual(ids.slice(100));
  });

  test.skipIf(!backend.available)('rows carry the status with its basis, the combined segment, why P(alive) is missing, and the CLV caveat', async () => {
    const page = await list({ combined: 'Churned · Potential Loyalist' }, { sort: 'combinedSegment' });
    expect(page.total).toBe(17);
    expect(page.clvCaveat).toBe(CAVEAT);
    expect(page.rows[0]).toMatchObject({
      customerId: 'C007',
      churnStatus: 'Churned',
      churnStatusLabel: 'Churned · by days silent',
      combinedSegment: 'Churned · Potential Loyalist',
      pAlive: null,
      pAliveReason: 'one purchase: the model cannot tell',
    });
    expect(page.rows.every((r) => r.pAlive === null && r.pAliveReason === 'one purchase: the model cannot tell')).toBe(true);
    const active = await list({}, { sort: 'combinedSegment' });
    expect(active.rows[0]).toMatchObject({ customerId: 'C001', churnStatusLabel: 'Active · P(alive) 50.0%', pAlive: 0.5, pAliveReason: null });
    // C120 bought twice but has no model values: the run's note, not the one-purchase reason.
    expect((await list({}, { q: 'C120' })).rows[0]).toMatchObject({ pAlive: null, pAliveReason: ONE_TIME_NOTE, churnStatusLabel: 'Active · by days silent' });
    const descending = await list({}, { sort: 'combinedSegment', dir: 'desc' });
    expect(descending.rows.slice(0, 2).map((r) => r.customerId)).toEqual(['C119', 'C112']);
  });

  test.skipIf(!backend.available)('a page past the end shows the last page; the default order is by id', async () => {
    const page = await list({}, { page: '99' });
    expect(page.page).toBe(3);
    expect(page.rows[0].customerId).toBe('C101');
    const second = await list({}, { page: '2' });
    expect(second.rows.map((r) => r.customerId)).toEqual(ids.slice(50, 100));
  });

  test.skipIf(!backend.available)('sorts by recency, and by cluster of the chosen method with the id as tie-breaker', async () => {
    const page = await list({}, { sort: 'recency' });
    const recencies = page.rows.map((r) => r.recency);
    expect(recencies).toEqual([...recencies].sort((a, b) => a - b));
    // 13 x 31 = 403: C031 bought 3 days before the snapshot, the most recent of all.
    expect(page.rows[0]).toMatchObject({ customerId: 'C031', recency: 3, lastPurchase: '2024-12-29' });
    const byCluster = await list({}, { sort: 'cluster', dir: 'desc' });
    expect(byCluster.rows[0]).toMatchObject({ customerId: 'C119', cluster: 1, clusterName: 'Low value · lapsed' });
  });

  test.skipIf(!backend.available)('searches by id prefix within the filters', async () => {
    const found = await list({}, { q: 'C11' });
    expect(found.total).toBe(10);
    expect(found.rows.map((r) => r.customerId)).toEqual(ids.slice(109, 119));
    const inFrance = await list({ country: 'France' }, { q: 'C11', sort: 'monetary' });
    expect(inFrance.rows.map((r) => [r.customerId, r.monetary])).toEqual([
      ['C117', 1170],
      ['C114', 1140],
      ['C111', 1110],
    ]);
    expect((await list({}, { q: 'C1%' })).total).toBe(0);
    expect((await list({}, { q: 'c11' })).total).toBe(0);
  });

  test.skipIf(!backend.available)('the id search reads the primary key (ids compare byte by byte on every server)', async () => {
    const sql = current!.sql;
    await sql.exec('SET enable_seqscan = off');
    try {
      const { rows } = await sql.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT c.customer_id FROM customer_result c WHERE c.run_id = $1 AND c.customer_id LIKE $2 ORDER BY c.customer_id LIMIT 50`,
        [runId, 'C11%'],
      );
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/customer_result_pkey/);
      expect(plan).toMatch(/customer_id >= 'C11'/);
    } finally {
      await sql.exec('RESET enable_seqscan');
    }
  });

  test.skipIf(!backend.available)('the customer page has the newest lines first, the CLV interval and the explanation', async () => {
    const detail = await getCustomerDetail(runId, 'C003');
    expect(detail).not.toBeNull();
    const lines = await listCustomerTransactions(runId, 'C003');
    expect(lines.transactionCount).toBe(3);
    expect(lines.transactions.map((t) => [t.invoice, t.date, t.amount, t.isReturn])).toEqual([
      ['C1003', '2024-12-21T08:00:00', -2.25, true],
      ['1002', '2024-12-20T09:30:00', 9, false],
      ['1001', '2024-03-01T10:00:00', 3, false],
    ]);
    expect(detail).toMatchObject({ clv: 15, clvLower: 12, clvUpper: 18, intervalLevel: 0.9, horizonMonths: 6, pAlive: 0.5, snapshot: '2025-01-01', country: 'France' });
    expect(detail!.productMix).toEqual([
      { category: 'bags', share: 0.75 },
      { category: 'other', share: 0.25 },
    ]);
    expect(detail!.clusters[0]).toEqual({ method: 'kmeans', label: 'k-means', cluster: 1, name: 'Low value · lapsed' });
    expect(detail).toMatchObject({ frequency: 4, occasions: 3 });
    expect(detail!.explanation).toMatch(/^Placed 4 orders on 3 days, most recently 39 days before the snapshot \(2025-01-01\), spending 30\.00 in total;/);
    // A run saved before occasions were stored names the orders alone.
    expect((await getCustomerDetail(runId, 'C002'))!.explanation).toMatch(/^Placed 3 orders, most recently /);
    expect(detail!.explanation).toMatch(/matches "Potential Loyalist" \(R 3-5, F 3-5, M 2-5\)\.$/);
    expect(detail).toMatchObject({ churnStatusLabel: 'Active · P(alive) 50.0%', combinedSegment: 'Active · Potential Loyalist', pAliveReason: null, clvCaveat: CAVEAT });
    expect(await getCustomerDetail(runId, 'C007')).toMatchObject({
      frequency: 1,
      pAlive: null,
      pAliveReason: 'one purchase: the model cannot tell',
      churnStatusLabel: 'Churned · by days silent',
      churnBasis: 'rules',
      combinedSegment: 'Churned · Potential Loyalist',
    });
    expect(await getCustomerDetail(runId, 'nobody')).toBeNull();
    expect(await getCustomerDetail(runId + 1, 'C003')).toBeNull();
    // Order logs: no quantity or price; the value is the line amount, else the order's total.
    expect((await listCustomerTransactions(runId, 'C005')).transactions.map((t) => [t.invoice, t.quantity, t.unitPrice, t.amount, t.isReturn])).toEqual([
      ['txn_6', null, null, -12.5, true],
      ['#1005', null, null, 96.9, false],
    ]);
    expect(await listCustomerTransactions(runId, 'nobody')).toEqual({ transactions: [], transactionCount: 0, datesOnly: false, linesState: 'saved' });
    expect(await listCustomerTransactions(runId + 1, 'C003')).toEqual({ transactions: [], transactionCount: 0, datesOnly: false, linesState: 'saved' });
    expect(lines.datesOnly).toBe(false);
  });

  test.skipIf(!backend.available)('a dataset whose file wrote dates only says so, and one line with a time of day is enough to show times', async () => {
    const db = current!;
    const dataset = (name: string) =>
      db.prisma.dataset.create({ data: { name, sourceFileName: name, checksum: name, byteSize: 1n, rowsRead: 0, rowsKept: 0, customerCount: 0, cleaningReport: {}, ingestReport: {} } });
    const [daily, timed] = [await dataset('daily.csv'), await dataset('timed.csv')];
    const line = { stockCode: 'S1', description: 'MUG', country: 'France', customerId: 'D1', quantity: 1, unitPrice: 2 };
    await db.prisma.transaction.createMany({
      data: [
        { ...line, datasetId: daily.id, line: 0, invoice: 'a', invoiceDate: new Date('2024-03-01T00:00:00Z') },
        { ...line, datasetId: daily.id, line: 1, invoice: 'b', invoiceDate: new Date('2024-03-02T00:00:00Z') },
        { ...line, datasetId: timed.id, line: 0, invoice: 'c', invoiceDate: new Date('2024-03-01T00:00:00Z') },
        { ...line, datasetId: timed.id, line: 1, invoice: 'd', invoiceDate: new Date('2024-03-02T00:00:00Z'), customerId: 'D2' },
        { ...line, datasetId: timed.id, line: 2, invoice: 'e', invoiceDate: new Date('2024-03-03T14:05:00Z'), customerId: 'D3' },
      ],
    });
    const runOf = async (datasetId: number) => (await db.prisma.run.create({ data: { datasetId, parameters: {}, status: 'succeeded' } })).id;
    const daily1 = await listCustomerTransactions(await runOf(daily.id), 'D1');
    expect(daily1).toMatchObject({ datesOnly: true, transactionCount: 2 });
    expect(daily1.transactions.map((t) => t.date)).toEqual(['2024-03-02T00:00:00', '2024-03-01T00:00:00']);
    // D1's own lines are at midnight, but the dataset has times of day.
    expect(await listCustomerTransactions(await runOf(timed.id), 'D1')).toMatchObject({ datesOnly: false, transactionCount: 1 });
  });
});
