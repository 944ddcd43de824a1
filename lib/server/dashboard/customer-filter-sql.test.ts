import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseDashboardFilters } from '../../schemas/dashboard-filters-schema';
import type { Database } from '../db/database';
import { TEST_BACKENDS } from '../db/testing/test-databases';
import { customerFilterSql } from './customer-filter-sql';

test('builds numbered conditions for every filter', () => {
  const filters = parseDashboardFilters({
    country: ['France', 'EIRE'],
    segment: 'Champions',
    combined: 'At Risk · Champions',
    minClv: '10',
    minFrequency: '2',
    method: 'gmm',
    cluster: '1',
  });
  expect(customerFilterSql(5, filters, 3)).toEqual({
    where:
      'c.run_id = $3 AND c.country = ANY($4::text[]) AND c.segment = ANY($5::text[]) AND c.combined_segment = ANY($6::text[]) AND c.clv >= $7 AND c.frequency >= $8 AND c.cluster_gmm = ANY($9::int[])',
    params: [5, ['France', 'EIRE'], ['Champions'], ['At Risk · Champions'], 10, 2, [1]],
  });
  expect(customerFilterSql(5, parseDashboardFilters({}))).toEqual({ where: 'c.run_id = $1', params: [5] });
});

test('the movement filters add one clause each, after the others', () => {
  const filters = parseDashboardFilters({ segment: 'At Risk', churn: 'Churned', movedFrom: '4:Champions', churnFrom: '4:' });
  expect(customerFilterSql(9, filters)).toEqual({
    where:
      'c.run_id = $1 AND c.segment = ANY($2::text[]) AND c.churn_status = ANY($3::text[])' +
      ' AND EXISTS (SELECT 1 FROM customer_result m WHERE m.run_id = $4 AND m.customer_id = c.customer_id AND m.segment = $5)' +
      ' AND NOT EXISTS (SELECT 1 FROM customer_result m WHERE m.run_id = $6 AND m.customer_id = c.customer_id)',
    params: [9, ['At Risk'], ['Churned'], 4, 'Champions', 4],
  });
});

describe.each(TEST_BACKENDS)('filters select the right customers on $name', (backend) => {
  let db: Database;
  let earlierRunId = 0;
  beforeAll(async () => {
    if (!backend.available) return;
    db = await backend.open();
    const dataset = await db.prisma.dataset.create({
      data: { name: 'd', sourceFileName: 'd.csv', checksum: 'x', byteSize: 1n, rowsRead: 0, rowsKept: 0, customerCount: 0, cleaningReport: {}, ingestReport: {} },
    });
    const run = await db.prisma.run.create({ data: { datasetId: dataset.id, parameters: {} } });
    const base = {
      runId: run.id, homeMarket: true, recency: 1, monetary: 1, averageOrderValue: 1, tenure: 1, distinctProducts: 1, returnRate: 0,
      productMix: {}, rScore: 1, fScore: 1, mScore: 1, rfmCode: '111', churnStatus: 'Active',
      firstPurchase: new Date('2011-01-01'), lastPurchase: new Date('2011-01-02'),
    };
    // An earlier snapshot: a was Loyal and Active, b was Lost and At Risk, c was not a customer yet.
    const earlier = await db.prisma.run.create({ data: { datasetId: dataset.id, parameters: {} } });
    earlierRunId = earlier.id;
    await db.prisma.customerResult.createMany({
      data: [
        { ...base, runId: earlier.id, customerId: 'a', sampleKey: 1, country: 'France', segment: 'Loyal', combinedSegment: 'Active · Loyal', frequency: 4, clv: 90 },
        { ...base, runId: earlier.id, customerId: 'b', sampleKey: 2, country: 'France', segment: 'Lost', churnStatus: 'At Risk', combinedSegment: 'At Risk · Lost', frequency: 1, clv: 5 },
      ],
    });
    await db.prisma.customerResult.createMany({
      data: [
        { ...base, customerId: 'a', sampleKey: 1, country: 'France', segment: 'Champions', combinedSegment: 'Active · Champions', frequency: 5, clv: 100, clusterKmeans: 0, clusterGmm: 1 },
        { ...base, customerId: 'b', sampleKey: 2, country: 'France', segment: 'Lost', combinedSegment: 'Churned · Lost', frequency: 1, clv: 5, clusterKmeans: 1, clusterGmm: 1 },
        { ...base, customerId: 'c', sampleKey: 3, country: 'EIRE', segment: 'Champions', combinedSegment: 'At Risk · Champions', frequency: 3, clv: null, clusterKmeans: 0, clusterGmm: 0 },
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  test.skipIf(!backend.available).each([
    [{}, ['a', 'b', 'c']],
    [{ country: 'France' }, ['a', 'b']],
    [{ segment: 'Champions', minFrequency: '4' }, ['a']],
    [{ minClv: '10' }, ['a']],
    [{ cluster: '1', method: 'gmm' }, ['a', 'b']],
    [{ cluster: ['0'] }, ['a', 'c']],
    [{ combined: 'At Risk · Champions' }, ['c']],
    [{ combined: ['Churned · Lost', 'Active · Champions'] }, ['a', 'b']],
    [{ combined: ['Churned · Lost', 'Active · Champions'], country: 'France', minClv: '10' }, ['a']],
    [{ combined: 'Active · Lost' }, []],
  ])('%j', async (params, expected) => {
    const runId = (await db.prisma.run.findFirstOrThrow({ orderBy: { id: 'asc' } })).id;
    const { where, params: values } = customerFilterSql(runId, parseDashboardFilters(params));
    const { rows } = await db.sql.query<{ customer_id: string }>(`SELECT c.customer_id FROM customer_result c WHERE ${where} ORDER BY 1`, values);
    expect(rows.map((r) => r.customer_id)).toEqual(expected);
  });

  test.skipIf(!backend.available).each([
    [{ movedFrom: 'E:Loyal' }, ['a']],
    [{ movedFrom: 'E:Lost', segment: 'Lost' }, ['b']],
    [{ movedFrom: 'E:Lost', segment: 'Champions' }, []],
    [{ movedFrom: 'E:' }, ['c']],
    [{ churnFrom: 'E:At Risk' }, ['b']],
    [{ churnFrom: 'E:Active', churn: 'Active' }, ['a']],
    [{ churn: 'At Risk' }, []],
    [{ movedFrom: 'E:Loyal', churnFrom: 'E:Active', country: 'France' }, ['a']],
  ])('moved: %j', async (params, expected) => {
    const runId = (await db.prisma.run.findFirstOrThrow({ orderBy: { id: 'asc' } })).id;
    const resolved = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.replace(/^E:/, `${earlierRunId}:`)]));
    const { where, params: values } = customerFilterSql(runId, parseDashboardFilters(resolved));
    const { rows } = await db.sql.query<{ customer_id: string }>(`SELECT c.customer_id FROM customer_result c WHERE ${where} ORDER BY 1`, values);
    expect(rows.map((r) => r.customer_id)).toEqual(expected);
  });
});
