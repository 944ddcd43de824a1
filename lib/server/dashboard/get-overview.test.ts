import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { parseDashboardFilters } from '../../schemas/dashboard-filters-schema';
import type { Database } from '../db/database';
import { TEST_BACKENDS } from '../db/testing/test-databases';
import { sampleKey } from '../db/sample-key';
import { createRng } from '../../engines/random';

vi.mock('server-only', () => ({}));
let current: Database;
vi.mock('../db/database', async (importOriginal) => ({ ...(await importOriginal<object>()), getDatabase: async () => current }));

const { getConcentration, getOverviewKpis, getRevenueByCountry, getSegmentShares } = await import('./get-overview');
const { customerFilterSql } = await import('./customer-filter-sql');

// Ten customers: c1..c10 with monetary 10..100 (gross + 5, refunds 5; c1's refunds of 20 exceed its gross 15), frequency 1 or 2,
// CLV = 2 x monetary (c10 has none).
function customers(runId: number) {
  return Array.from({ length: 10 }, (_, i) => ({
    runId,
    customerId: `c${i + 1}`,
    sampleKey: sampleKey(`c${i + 1}`),
    country: i < 6 ? 'United Kingdom' : 'France',
    homeMarket: i < 6,
    recency: 10 * (i + 1),
    frequency: i % 2 === 0 ? 1 : 2,
    monetary: 10 * (i + 1),
    grossSpend: 10 * (i + 1) + 5,
    refunds: i === 0 ? 20 : 5,
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
    // The run's refunds include 15 by customers with no purchase, who have no customer_result row.
    runId = (await current.prisma.run.create({ data: { datasetId: dataset.id, parameters: {}, status: 'succeeded', metrics: { refunds: 80 } } })).id;
    await current.prisma.customerResult.createMany({ data: customers(runId) });
  }, 120_000);
  afterAll(async () => {
    await current?.close();
  });

  test.skipIf(!backend.available)('KPIs of all and of filtered customers', async () => {
    // Revenue 550 (gross 600, less 60 of refunds: c1's 20 are capped at its 15, the other 5 go beyond its purchases,
    // and 15 more are the run's refunds by customers without a purchase) over 15 orders;
    // CLV mean of 20..180 = 100; 5 repeat customers; 1 at risk.
    expect(await getOverviewKpis(runId, parseDashboardFilters({}))).toEqual({
      customers: 10, revenue: 550, grossRevenue: 600, refunds: { total: 80, deducted: 60, beyondPurchases: 5, withoutPurchase: 15 },
      averageClv: 100, purchaseOrders: 15, averageOrderValue: 550 / 15, repeatCustomerRate: 0.5, atRiskShare: 0.1,
      atRiskRule: expect.stringMatching(/^churn status “At Risk”: silent more than 1\.5 and up to 3 times their usual gap/),
    });
    // Filtered customers all bought something: none of the run's refunds without a purchase are theirs.
    const france = await getOverviewKpis(runId, parseDashboardFilters({ country: 'France' }));
    expect(france.customers).toBe(4);
    expect(france.revenue).toBe(70 + 80 + 90 + 100);
    expect(france.grossRevenue).toBe(70 + 80 + 90 + 100 + 20);
    expect(france.refunds).toEqual({ total: 20, deducted: 20, beyondPurchases: 0, withoutPurchase: 0 });
    expect(france.grossRevenue - france.refunds.deducted).toBe(france.revenue);
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

  // The window-function SQL the index-order reads replaced: ntile(10) and percentile_cont(0.8) over
  // every filtered customer. Random runs with ties, missing CLVs and tiny filters must agree.
  const oracleSql = (where: string) =>
    `WITH f AS (SELECT c.monetary, c.clv, c.churn_status FROM customer_result c WHERE ${where}),
          ranked AS (SELECT monetary, ntile(10) OVER (ORDER BY monetary DESC) AS decile FROM f),
          cut AS (SELECT percentile_cont(0.8) WITHIN GROUP (ORDER BY clv) AS clv80 FROM f WHERE clv IS NOT NULL)
     SELECT (SELECT sum(monetary) FILTER (WHERE decile = 1) / NULLIF(sum(monetary), 0) FROM ranked)::float8 AS top_share,
            (SELECT count(*) FROM f, cut WHERE f.clv >= cut.clv80)::int AS high_value,
            (SELECT count(*) FROM f, cut WHERE f.clv >= cut.clv80 AND f.churn_status = 'At Risk')::int AS high_value_at_risk`;

  test.skipIf(!backend.available)('concentration agrees with ntile and percentile_cont on random runs', async () => {
    const rng = createRng(20261121);
    const countries = ['United Kingdom', 'France', 'Germany', 'Spain'];
    const dataset = await current!.prisma.dataset.findFirstOrThrow();
    const random = (await current!.prisma.run.create({ data: { datasetId: dataset.id, parameters: {}, status: 'succeeded' } })).id;
    await current!.prisma.customerResult.createMany({
      data: Array.from({ length: 237 }, (_, i) => ({
        ...customers(random)[i % 10],
        customerId: `r${i}`,
        sampleKey: sampleKey(`r${i}`),
        // Whole amounts from a small range: plenty of ties at the cut-offs.
        monetary: 1 + Math.floor(rng.next() * 40),
        clv: rng.next() < 0.15 ? null : Math.floor(rng.next() * 25),
        churnStatus: rng.next() < 0.3 ? 'At Risk' : 'Active',
        country: countries[i % 4] === 'Spain' && i > 12 ? 'Portugal' : countries[i % 4],
        frequency: 1 + (i % 5),
      })),
    });
    const cases = [{}, { country: 'France' }, { country: 'Spain' }, { minFrequency: '5' }, { minClv: '20' }, { minClv: '1000' }, { country: 'Spain', minClv: '1000' }];
    for (const query of cases) {
      const filters = parseDashboardFilters(query);
      const { where, params } = customerFilterSql(random, filters);
      const expected = (await current!.sql.query<{ top_share: number | null; high_value: number; high_value_at_risk: number }>(oracleSql(where), params)).rows[0];
      const actual = await getConcentration(random, filters);
      expect(actual.highValueCustomers, JSON.stringify(query)).toBe(expected.high_value);
      expect(actual.highValueAtRisk, JSON.stringify(query)).toBe(expected.high_value_at_risk);
      if (expected.top_share === null) expect(actual.topDecileRevenueShare).toBeNull();
      else expect(actual.topDecileRevenueShare).toBeCloseTo(expected.top_share, 12);
    }
  });
});
