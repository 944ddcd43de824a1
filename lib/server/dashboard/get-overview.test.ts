import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { parseDashboardFilters } from '../../schemas/dashboard-filters-schema';
import type { Database } from '../db/database';
import { TEST_BACKENDS } from '../db/testing/test-databases';

vi.mock('server-only', () => ({}));
let current: Database;
vi.mock('../db/database', async (importOriginal) => ({ ...(await importOriginal<object>()), getDatabase: async () => current }));

const { getConcentration, getOverviewKpis, getRevenueByCountry, getSegmentShares } = await import('./get-overview');

// Ten customers: c1..c10 with monetary 10..100, frequency 1 or 2, CLV = 2 x monetary (c10 has none).
function customers(runId: number) {
  return Array.from({ length: 10 }, (_, i) => ({
    runId,
    customerId: `c${i + 1}`,
    country: i < 6 ? 'United Kingdom' : 'France',
    homeMarket: i < 6,
    recency: 10 * (i + 1),
    frequency: i % 2 === 0 ? 1 : 2,
    monetary: 10 * (i + 1),
    averageOrderValue: 1,
    tenure: 100,
    distinctProducts: 1,
    returnRate: 0,
    productMix: {},
    rScore: 1,
    fScore: 1,
    mScore: 1,
    rfmCode: '111',
    segment: i >= 8 ? 'Champions' : 'Lost',
    churnStatus: i === 8 ? 'At Risk' : 'Active',
    clv: i === 9 ? null : 20 * (i + 1),
    firstPurchase: new Date('2011-01-01'),
    lastPurchase: new Date('2011-02-01'),
  }));
}

describe.each(TEST_BACKENDS)('overview aggregations on $name', (backend) => {
  let runId = 0;
  beforeAll(async () => {
    if (!backend.available) return;
    current = await backend.open();
    const dataset = await current.prisma.dataset.create({
      data: { name: 'd', sourceFileName: 'd.csv', checksum: 'x', byteSize: 1n, rowsRead: 0, rowsKept: 0, customerCount: 10, cleaningReport: {}, ingestReport: {} },
    });
    runId = (await current.prisma.run.create({ data: { datasetId: dataset.id, parameters: {}, status: 'succeeded' } })).id;
    await current.prisma.customerResult.createMany({ data: customers(runId) });
  }, 60_000);
  afterAll(async () => {
    await current?.close();
  });

  test.skipIf(!backend.available)('KPIs of all and of filtered customers', async () => {
    // Revenue 550 over 15 orders; CLV mean of 20..180 = 100; 5 repeat customers; 1 at risk.
    expect(await getOverviewKpis(runId, parseDashboardFilters({}))).toEqual({
      customers: 10, revenue: 550, averageClv: 100, averageOrderValue: 550 / 15, repeatCustomerRate: 0.5, atRiskShare: 0.1,
    });
    const france = await getOverviewKpis(runId, parseDashboardFilters({ country: 'France' }));
    expect(france.customers).toBe(4);
    expect(france.revenue).toBe(70 + 80 + 90 + 100);
  });

  test.skipIf(!backend.available)('segments, countries and concentration', async () => {
    const segments = await getSegmentShares(runId, parseDashboardFilters({}));
    expect(segments.map((s) => [s.segment, s.customers, s.revenue])).toEqual([
      ['Lost', 8, 360],
      ['Champions', 2, 190],
    ]);
    expect(segments[1].revenueShare).toBeCloseTo(190 / 550, 12);
    expect(segments[1].averageClv).toBe(180);
    expect(await getRevenueByCountry(runId, parseDashboardFilters({}))).toEqual([
      { country: 'France', customers: 4, revenue: 340 },
      { country: 'United Kingdom', customers: 6, revenue: 210 },
    ]);
    // Top decile = c10 (100 of 550); CLV 80th percentile of 20..180 = 148, so c8 (160) and c9 (180), c9 at risk.
    const concentration = await getConcentration(runId, parseDashboardFilters({}));
    expect(concentration.topDecileRevenueShare).toBeCloseTo(100 / 550, 12);
    expect(concentration.highValueCustomers).toBe(2);
    expect(concentration.highValueAtRisk).toBe(1);
  });
});
