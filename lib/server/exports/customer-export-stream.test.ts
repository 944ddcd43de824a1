import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseDashboardFilters } from '../../schemas/dashboard-filters-schema';
import { exportRequestSchema } from '../../schemas/export-request-schema';
import { customerFilterSql } from '../dashboard/customer-filter-sql';
import type { Database } from '../db/database';
import { TEST_BACKENDS } from '../db/testing/test-databases';
import { customerExportStream, exportFileName } from './customer-export-stream';
import { seedRun, type SeedCustomer } from './testing/seed-run';

const CUSTOMERS: SeedCustomer[] = [
  { customerId: '12001', country: 'France', segment: 'Champions', frequency: 5, clv: 250.126, clusterKmeans: 0, clusterKmeansName: 'Champions', clusterGmm: 1, clusterGmmName: 'Loyal' },
  { customerId: '12002', country: 'France', segment: '=HYPERLINK("http://x")', frequency: 1, clv: -3.5, clusterKmeans: 1, clusterKmeansName: '+Sleepers', clusterGmm: 0, clusterGmmName: 'Big' },
  { customerId: '12003', country: 'France', segment: '@Lost', frequency: 2, clv: null, clusterKmeans: 1, clusterKmeansName: '-minus', clusterGmm: 1, clusterGmmName: 'Loyal' },
  { customerId: '12004', country: 'France', segment: '\tTabbed, "quoted"', frequency: 3, clv: 10, clusterKmeans: 0, clusterKmeansName: 'Champions', clusterGmm: 1, clusterGmmName: 'Loyal' },
  { customerId: '12005', country: 'France', segment: 'Lost', frequency: 1, clv: 1, clusterKmeans: 1, clusterKmeansName: 'Sleepers', clusterGmm: 0, clusterGmmName: 'Big' },
  { customerId: '13001', country: 'Germany', segment: 'Champions', frequency: 9, clv: 900, clusterKmeans: 0, clusterKmeansName: 'Champions', clusterGmm: 0, clusterGmmName: 'Big' },
  { customerId: '14001', country: 'EIRE', segment: 'Lost', frequency: 1, clv: 2, clusterKmeans: 1, clusterKmeansName: 'Sleepers', clusterGmm: 0, clusterGmmName: 'Big' },
];

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  // ignoreBOM keeps the byte order mark in the text, so the test can see it.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

function lines(text: string): string[] {
  return text.split('\r\n').filter((l) => l.length > 0);
}

test('the export file is named after the run and the day', () => {
  expect(exportFileName(7, new Date('2025-03-04T23:59:00Z'))).toBe('segmenta-run7-2025-03-04.csv');
});

test.each([
  [{}, ['customer_id', 'country', 'segment', 'cluster', 'cluster_name', 'rfm_code', 'recency', 'frequency', 'monetary', 'clv', 'p_alive', 'churn_status']],
  [{ columns: 'clv,customer_id' }, ['customer_id', 'clv']],
  [{ columns: ['country', 'country', 'segment'] }, ['country', 'segment']],
])('export columns %j', (query, expected) => {
  expect(exportRequestSchema.parse(query).columns).toEqual(expected);
});

test('unknown export columns are refused in words', () => {
  const parsed = exportRequestSchema.safeParse({ columns: 'customer_id,password' });
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues[0].message).toMatch(/^Unknown export column: password\. Choose from customer_id, /);
});

describe.each(TEST_BACKENDS)('customer export on $name', (backend) => {
  let db: Database;
  let runId: number;
  beforeAll(async () => {
    if (!backend.available) return;
    db = await backend.open();
    runId = await seedRun(db, CUSTOMERS);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  test.skipIf(!backend.available)('streams the filtered customers in pages, spreadsheet-safe, with a BOM, and logs the export', async () => {
    const filters = parseDashboardFilters({ country: 'France', method: 'gmm' });
    const columns = exportRequestSchema.parse({ columns: 'customer_id,segment,cluster,cluster_name,clv,frequency,last_purchase' }).columns;
    const text = await readAll(customerExportStream(db, { runId, filters, columns, audienceId: null, actor: 'local user', pageSize: 2 }));

    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = lines(text.slice(1));
    expect(rows[0]).toBe('customer_id,segment,cluster_gmm,cluster_gmm_name,frequency,clv,last_purchase');
    const { where, params } = customerFilterSql(runId, filters);
    const count = (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM customer_result c WHERE ${where}`, params)).rows[0].n;
    expect(count).toBe(5);
    expect(rows.slice(1)).toEqual([
      '12001,Champions,1,Loyal,5,250.13,2011-06-30',
      `12002,"'=HYPERLINK(""http://x"")",0,Big,1,-3.5,2011-06-30`,
      "12003,'@Lost,1,Loyal,2,,2011-06-30",
      `12004,"'\tTabbed, ""quoted""",1,Loyal,3,10,2011-06-30`,
      '12005,Lost,0,Big,1,1,2011-06-30',
    ]);

    const log = await db.prisma.exportLog.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(log).toMatchObject({ actor: 'local user', runId, audienceId: null, rowCount: 5 });
    expect(log.filter).toEqual({ country: 'France', method: 'gmm', columns: ['customer_id', 'segment', 'cluster', 'cluster_name', 'frequency', 'clv', 'last_purchase'] });
  });

  test.skipIf(!backend.available)('a page boundary at the last row, k-means cluster names neutralised, and an empty result still logged', async () => {
    const before = await db.prisma.exportLog.count();
    const kmeans = parseDashboardFilters({ cluster: '1' });
    const columns = exportRequestSchema.parse({ columns: 'customer_id,cluster_name' }).columns;
    const text = await readAll(customerExportStream(db, { runId, filters: kmeans, columns, audienceId: null, actor: 'a', pageSize: 2 }));
    expect(lines(text.slice(1))).toEqual([
      'customer_id,cluster_kmeans_name',
      "12002,'+Sleepers",
      "12003,'-minus",
      '12005,Sleepers',
      '14001,Sleepers',
    ]);
    const none = await readAll(
      customerExportStream(db, { runId, filters: parseDashboardFilters({ country: 'Spain' }), columns, audienceId: null, actor: 'a' }),
    );
    expect(none).toBe('\uFEFFcustomer_id,cluster_kmeans_name\r\n');
    const logs = await db.prisma.exportLog.findMany({ where: { id: { gt: 0 } }, orderBy: { id: 'asc' }, skip: before });
    expect(logs.map((l) => l.rowCount)).toEqual([4, 0]);
  });
});
