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
const { getFilterOptions, listRunChoices, runLabels } = await import('./get-filter-options');

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

test('a snapshot run is named with the last day it counts, so it is told apart from the run of all the data', () => {
  expect(
    runLabels([
      { id: 9, datasetId: 1, name: 'retail.csv', valueBasis: 'net', snapshot: Date.parse('2011-09-01T00:00:00Z') },
      { id: 8, datasetId: 1, name: 'retail.csv', valueBasis: 'net', snapshot: null },
    ]).map((r) => r.label),
  ).toEqual(['#9 retail.csv · snapshot 31 Aug 2011', '#8 retail.csv']);
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
  }, 120_000);
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
    expect(options.currency).toBeNull();
  });

  test.skipIf(!backend.available)('run choices name the dataset, its upload time and the run, newest first, successful runs only', async () => {
    const db = current!;
    const dataset = await db.prisma.dataset.create({
      data: {
        name: 'demo.csv', sourceFileName: 'demo.csv', checksum: 'x', byteSize: 1n, rowsRead: 0, rowsKept: 0, customerCount: 0, cleaningReport: {}, ingestReport: {},
        currency: 'GBP', createdAt: new Date('2026-11-30T10:15:00Z'),
      },
    });
    const ok = await db.prisma.run.create({
      data: { datasetId: dataset.id, parameters: {}, status: 'succeeded', customerCount: 4338, finishedAt: new Date('2026-11-30T10:20:00Z') },
    });
    await db.prisma.run.create({ data: { datasetId: dataset.id, parameters: {}, status: 'failed' } });
    await db.prisma.dataset.update({ where: { id: dataset.id }, data: { lastDate: new Date('2011-12-09T12:50:00Z') } });
    const snapshot = await db.prisma.run.create({
      data: { datasetId: dataset.id, parameters: { snapshot: Date.parse('2011-09-01T00:00:00Z') }, status: 'succeeded', customerCount: 3000, finishedAt: new Date('2026-11-30T10:25:00Z') },
    });
    const choices = await listRunChoices();
    expect(choices.map((c) => c.id)).toEqual([snapshot.id, ok.id, runId]);
    expect(choices[0].label).toBe(`#${snapshot.id} demo.csv · snapshot 31 Aug 2011`);
    const rest = choices.slice(1);
    expect(rest[0]).toEqual({
      id: ok.id,
      label: `#${ok.id} demo.csv`,
      datasetId: dataset.id,
      datasetName: 'demo.csv',
      uploadedAt: '2026-11-30T10:15:00.000Z',
      finishedAt: '2026-11-30T10:20:00.000Z',
      customerCount: 4338,
    });
    expect((await getFilterOptions(ok.id)).currency).toBe('GBP');
  });
});
