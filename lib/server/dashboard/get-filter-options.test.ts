import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Database } from '../db/database';
import { sampleKey } from '../db/sample-key';
import { TEST_BACKENDS } from '../db/testing/test-databases';

vi.mock('server-only', () => ({}));
let current: Database | undefined;
vi.mock('../db/database', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../db/database')>()),
  getDatabase: async () => current,
}));
const { getFilterOptions, runLabels } = await import('./get-filter-options');

test('runs of one dataset that count money differently are told apart by their value basis', () => {
  expect(
    runLabels([
      { id: 8, datasetId: 2, name: 'stripe_payments_aud.csv', valueBasis: 'gross' },
      { id: 7, datasetId: 2, name: 'stripe_payments_aud.csv', valueBasis: 'net' },
      { id: 6, datasetId: 1, name: 'demo.csv', valueBasis: 'net' },
      { id: 5, datasetId: 1, name: 'demo.csv', valueBasis: 'net' },
    ]),
  ).toEqual([
    { id: 8, label: '#8 stripe_payments_aud.csv (gross)' },
    { id: 7, label: '#7 stripe_payments_aud.csv (net of refunds)' },
    { id: 6, label: '#6 demo.csv' },
    { id: 5, label: '#5 demo.csv' },
  ]);
});

test('a run stored before the value basis existed counted gross', () => {
  expect(
    runLabels([
      { id: 3, datasetId: 1, name: 'old.csv', valueBasis: 'net' },
      { id: 2, datasetId: 1, name: 'old.csv', valueBasis: null },
      { id: 1, datasetId: 1, name: 'old.csv', valueBasis: 'gross' },
    ]).map((r) => r.label),
  ).toEqual(['#3 old.csv (net of refunds)', '#2 old.csv (gross)', '#1 old.csv (gross)']);
});

describe.each(TEST_BACKENDS)('filter options on $name', (backend) => {
  let runId = 0;
  beforeAll(async () => {
    if (!backend.available) return;
    current = await backend.open();
    const dataset = await current.prisma.dataset.create({
      data: { name: 'demo.csv', sourceFileName: 'demo.csv', checksum: 'x', byteSize: 1n, rowsRead: 0, rowsKept: 0, customerCount: 0, cleaningReport: {}, ingestReport: {} },
    });
    runId = (await current.prisma.run.create({ data: { datasetId: dataset.id, parameters: {}, status: 'succeeded' } })).id;
    const base = {
      runId, homeMarket: true, recency: 1, frequency: 1, monetary: 1, averageOrderValue: 1, tenure: 1, distinctProducts: 1, returnRate: 0,
      productMix: {}, rScore: 1, fScore: 1, mScore: 1, rfmCode: '111', firstPurchase: new Date('2011-01-01'), lastPurchase: new Date('2011-01-02'),
    };
    // [id, country, segment, churn status]; the combined segment as the pipeline stores it, but '' for 'e' (stored without one).
    const rows: [string, string, string, string][] = [
      ['a', 'France', 'Loyal Customers', 'At Risk'],
      ['b', 'France', 'Loyal Customers', 'At Risk'],
      ['c', 'EIRE', 'Loyal Customers', 'Active'],
      ['d', 'EIRE', 'Lost', 'Churned'],
      ['e', 'EIRE', 'Lost', 'Churned'],
    ];
    await current.prisma.customerResult.createMany({
      data: rows.map(([customerId, country, segment, churnStatus]) => ({
        ...base,
        customerId,
        sampleKey: sampleKey(customerId),
        country,
        segment,
        churnStatus,
        combinedSegment: customerId === 'e' ? '' : `${churnStatus} · ${segment}`,
      })),
    });
  }, 60_000);
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });

  test.skipIf(!backend.available)('combined segments are counted per run, largest first, ties by name, none for a row stored without one', async () => {
    const options = await getFilterOptions(runId);
    expect(options.combinedSegments).toEqual([
      { value: 'At Risk · Loyal Customers', customers: 2 },
      { value: 'Active · Loyal Customers', customers: 1 },
      { value: 'Churned · Lost', customers: 1 },
    ]);
    expect(options.segments).toEqual([
      { value: 'Loyal Customers', customers: 3 },
      { value: 'Lost', customers: 2 },
    ]);
    expect(options.countries).toEqual([
      { value: 'EIRE', customers: 3 },
      { value: 'France', customers: 2 },
    ]);
    expect((await getFilterOptions(runId + 1)).combinedSegments).toEqual([]);
  });
});
