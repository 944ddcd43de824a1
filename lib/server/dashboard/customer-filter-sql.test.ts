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

describe.each(TEST_BACKENDS)('filters select the right customers on $name', (backend) => {
  let db: Database;
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
    await db.prisma.customerResult.createMany({
      data: [
        { ...base, customerId: 'a', sampleKey: 1, country: 'France', segment: 'Champions', combinedSegment: 'Active · Champions', frequency: 5, clv: 100, clusterKmeans: 0, clusterGmm: 1 },
        { ...base, customerId: 'b', sampleKey: 2, country: 'France', segment: 'Lost', combinedSegment: 'Churned · Lost', frequency: 1, clv: 5, clusterKmeans: 1, clusterGmm: 1 },
        { ...base, customerId: 'c', sampleKey: 3, country: 'EIRE', segment: 'Champions', combinedSegment: 'At Risk · Champions', frequency: 3, clv: null, clusterKmeans: 0, clusterGmm: 0 },
      ],
    });
  }, 60_000);
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
    const runId = (await db.prisma.run.findFirstOrThrow()).id;
    const { where, params: values } = customerFilterSql(runId, parseDashboardFilters(params));
    const { rows } = await db.sql.query<{ customer_id: string }>(`SELECT c.customer_id FROM customer_result c WHERE ${where} ORDER BY 1`, values);
    expect(rows.map((r) => r.customer_id)).toEqual(expected);
  });
});
