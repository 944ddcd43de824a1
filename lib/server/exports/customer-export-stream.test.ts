import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseDashboardFilters } from '../../schemas/dashboard-filters-schema';
import { exportRequestSchema } from '../../schemas/export-request-schema';
import { customerFilterSql } from '../dashboard/customer-filter-sql';
import type { Database } from '../db/database';
import { TEST_BACKENDS } from '../db/testing/test-databases';
import { customerExportStream, exportFileName } from './customer-export-stream';
import { readExportLogs } from './export-log';
import { withCompanionColumns } from './export-columns';
import { seedRun, type SeedCustomer } from './testing/seed-run';

const CUSTOMERS: SeedCustomer[] = [
  { customerId: '12001', country: 'France', segment: 'Champions', frequency: 5, clv: 250.126, clusterKmeans: 0, clusterKmeansName: 'High value · recent', clusterGmm: 1, clusterGmmName: 'Very high value · recent' },
  { customerId: '12002', country: 'France', segment: '=HYPERLINK("http://x")', frequency: 1, clv: -3.5, clusterKmeans: 1, clusterKmeansName: '+Low value · lapsed', clusterGmm: 0, clusterGmmName: 'Low value · lapsing' },
  { customerId: '12003', country: 'France', segment: '@Lost', frequency: 2, clv: null, clusterKmeans: 1, clusterKmeansName: '-minus', clusterGmm: 1, clusterGmmName: 'Very high value · recent' },
  { customerId: '12004', country: 'France', segment: '\tTabbed, "quoted"', frequency: 3, clv: 10, clusterKmeans: 0, clusterKmeansName: 'High value · recent', clusterGmm: 1, clusterGmmName: 'Very high value · recent' },
  { customerId: '12005', country: 'France', segment: 'Lost', frequency: 1, clv: 1, clusterKmeans: 1, clusterKmeansName: 'Low value · lapsed', clusterGmm: 0, clusterGmmName: 'Low value · lapsing' },
  { customerId: '13001', country: 'Germany', segment: 'Champions', frequency: 9, clv: 900, clusterKmeans: 0, clusterKmeansName: 'High value · recent', clusterGmm: 0, clusterGmmName: 'Low value · lapsing' },
  { customerId: '14001', country: 'EIRE', segment: 'Lost', frequency: 1, clv: 2, clusterKmeans: 1, clusterKmeansName: 'Low value · lapsed', clusterGmm: 0, clusterGmmName: 'Low value · lapsing' },
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
  // Not asked: the currency right after the money columns.
  [{}, ['customer_id', 'country', 'segment', 'cluster', 'cluster_name', 'rfm_code', 'recency', 'frequency', 'monetary', 'clv', 'currency', 'p_alive', 'churn_status']],
  // Asked: the order asked for, each column once.
  [{ columns: 'clv,customer_id' }, ['clv', 'customer_id']],
  [{ columns: ['country', 'country', 'segment'] }, ['country', 'segment']],
  [{ columns: 'combined_segment,customer_id,churn_basis' }, ['combined_segment', 'customer_id', 'churn_basis']],
  [{ columns: 'customer_id,monetary,currency' }, ['customer_id', 'monetary', 'currency']],
  [{ columns: 'monetary,customer_id,currency,clv' }, ['monetary', 'customer_id', 'currency', 'clv']],
])('export columns %j', (query, expected) => {
  expect(exportRequestSchema.parse(query).columns).toEqual(expected);
});

test.each([
  [['customer_id', 'churn_status'], ['customer_id', 'churn_status', 'churn_basis', 'combined_segment']],
  [['p_alive', 'churn_status'], ['p_alive', 'p_alive_note', 'churn_status', 'churn_basis', 'combined_segment']],
  [['clv', 'clv_lower', 'clv_upper', 'last_purchase'], ['clv', 'clv_lower', 'clv_upper', 'clv_caveat', 'last_purchase']],
  [['clv_lower', 'first_purchase'], ['clv_lower', 'clv_caveat', 'first_purchase']],
  [['customer_id', 'segment', 'monetary'], ['customer_id', 'segment', 'monetary']],
  // Chosen companions are written once, where they were chosen.
  [['churn_status', 'churn_basis', 'combined_segment'], ['churn_status', 'churn_basis', 'combined_segment']],
  [['churn_status', 'combined_segment'], ['churn_status', 'churn_basis', 'combined_segment']],
  [['combined_segment', 'churn_status'], ['combined_segment', 'churn_status', 'churn_basis']],
  [['customer_id', 'combined_segment'], ['customer_id', 'combined_segment']],
  // A currency right after a money column stays beside it; the CLV caveat follows both.
  [['monetary', 'clv', 'currency', 'p_alive'], ['monetary', 'clv', 'currency', 'clv_caveat', 'p_alive', 'p_alive_note']],
  [['clv', 'clv_lower', 'clv_upper', 'currency'], ['clv', 'clv_lower', 'clv_upper', 'currency', 'clv_caveat']],
  [['currency', 'clv'], ['currency', 'clv', 'clv_caveat']],
  [['clv', 'customer_id', 'currency'], ['clv', 'clv_caveat', 'customer_id', 'currency']],
] as const)('companions of %j', (chosen, expected) => {
  expect(withCompanionColumns(chosen)).toEqual(expected);
});

test('unknown export columns are refused in words', () => {
  const parsed = exportRequestSchema.safeParse({ columns: 'customer_id,password' });
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues[0].message).toMatch(/^Unknown export column: password\. Choose from customer_id, /);
});

const CAVEAT = 'On the holdout period BG/NBD predicted spend 12 % worse than the naive baseline (each customer keeps their past rate): read CLV as a ranking, not a forecast.';
const ONE_TIME_NOTE = 'P(alive) is not shown for the 2 one-time buyers: BG/NBD sets it to 100 % for anyone without a repeat purchase.';
// A run whose lifetime value ran under BG/NBD with a caveat: one-time buyers have no P(alive) and a status by days silent.
const MODELLED: SeedCustomer[] = [
  { customerId: 'm1', country: 'France', segment: 'Loyal Customers', frequency: 4, clv: 120, pAlive: 0.12, churnStatus: 'Churned', churnBasis: 'P(alive)', combinedSegment: 'Churned · Loyal Customers' },
  { customerId: 'm2', country: 'France', segment: 'Loyal Customers', frequency: 1, clv: 30, pAlive: null, churnStatus: 'At Risk', churnBasis: 'rules', combinedSegment: 'At Risk · Loyal Customers' },
  { customerId: 'm3', country: 'EIRE', segment: 'Lost', frequency: 1, clv: 5, pAlive: null, churnStatus: 'Churned', churnBasis: 'rules', combinedSegment: 'Churned · Lost' },
];
const MODELLED_METRICS = {
  lifetimeValue: { status: 'done', model: 'bgnbd', modelLabel: 'BG/NBD', pAliveShown: 1, pAliveNote: ONE_TIME_NOTE, caveat: CAVEAT },
  churnBasis: { pAlive: 1, rules: 2, thresholds: { atRiskBelow: 0.7, churnedBelow: 0.3 } },
  currency: 'GBP',
};

describe.each(TEST_BACKENDS)('customer export on $name', (backend) => {
  let db: Database;
  let runId: number;
  let modelledRunId: number;
  beforeAll(async () => {
    if (!backend.available) return;
    db = await backend.open();
    runId = await seedRun(db, CUSTOMERS);
    modelledRunId = await seedRun(db, MODELLED, new Date('2024-02-01T00:00:00Z'), MODELLED_METRICS);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  test.skipIf(!backend.available)('the default columns carry the churn basis, the combined segment, why P(alive) is empty and the CLV caveat on every row', async () => {
    const columns = exportRequestSchema.parse({}).columns;
    const text = await readAll(customerExportStream(db, { runId: modelledRunId, filters: parseDashboardFilters({}), columns, audienceId: null, actor: 'a' }));
    const rows = lines(text.slice(1));
    expect(rows[0]).toBe(
      'customer_id,country,segment,cluster_kmeans,cluster_kmeans_name,rfm_code,recency,frequency,monetary,clv,currency,clv_caveat,p_alive,p_alive_note,churn_status,churn_basis,combined_segment',
    );
    // The caveat holds commas, so it is quoted; the run's currency is GBP.
    expect(rows.slice(1)).toEqual([
      `m1,France,Loyal Customers,,,543,10,4,100.5,120,GBP,"${CAVEAT}",0.12,,Churned,P(alive),Churned · Loyal Customers`,
      `m2,France,Loyal Customers,,,543,10,1,100.5,30,GBP,"${CAVEAT}",,one purchase: the model cannot tell,At Risk,rules,At Risk · Loyal Customers`,
      `m3,EIRE,Lost,,,543,10,1,100.5,5,GBP,"${CAVEAT}",,one purchase: the model cannot tell,Churned,rules,Churned · Lost`,
    ]);
    // The export log names every column written, companions included, in file order.
    const log = await db.prisma.exportLog.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect((log.filter as { columns: string[] }).columns.join(',')).toBe(rows[0]);
  });

  test.skipIf(!backend.available)('the churn basis and combined segment chosen as columns are written once each', async () => {
    const columns = exportRequestSchema.parse({ columns: 'combined_segment,churn_status,customer_id,churn_basis' }).columns;
    const text = await readAll(customerExportStream(db, { runId: modelledRunId, filters: parseDashboardFilters({ country: 'EIRE' }), columns, audienceId: null, actor: 'a' }));
    expect(lines(text.slice(1))).toEqual(['combined_segment,churn_status,customer_id,churn_basis', 'Churned · Lost,Churned,m3,rules']);
  });

  test.skipIf(!backend.available)('the combined-segment filter narrows the export and is logged', async () => {
    const columns = exportRequestSchema.parse({ columns: 'customer_id,churn_status' }).columns;
    const filters = parseDashboardFilters({ combined: ['Churned · Lost', 'Churned · Loyal Customers'] });
    const text = await readAll(customerExportStream(db, { runId: modelledRunId, filters, columns, audienceId: null, actor: 'a' }));
    expect(lines(text.slice(1))).toEqual([
      'customer_id,churn_status,churn_basis,combined_segment',
      'm1,Churned,P(alive),Churned · Loyal Customers',
      'm3,Churned,rules,Churned · Lost',
    ]);
    const log = await db.prisma.exportLog.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(log.filter).toEqual({ combined: ['Churned · Lost', 'Churned · Loyal Customers'], columns: ['customer_id', 'churn_status', 'churn_basis', 'combined_segment'] });
  });

  test.skipIf(!backend.available)('streams the filtered customers in pages, spreadsheet-safe, with a BOM, and logs the export', async () => {
    const filters = parseDashboardFilters({ country: 'France', method: 'gmm' });
    const columns = exportRequestSchema.parse({ columns: 'customer_id,segment,cluster,cluster_name,clv,frequency,last_purchase' }).columns;
    const text = await readAll(customerExportStream(db, { runId, filters, columns, audienceId: null, actor: 'local user', pageSize: 2 }));

    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = lines(text.slice(1));
    // A run without lifetime-value results has no caveat: the column is there, empty.
    expect(rows[0]).toBe('customer_id,segment,cluster_gmm,cluster_gmm_name,clv,clv_caveat,frequency,last_purchase');
    const { where, params } = customerFilterSql(runId, filters);
    const count = (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM customer_result c WHERE ${where}`, params)).rows[0].n;
    expect(count).toBe(5);
    expect(rows.slice(1)).toEqual([
      '12001,Champions,1,Very high value · recent,250.13,,5,2011-06-30',
      `12002,"'=HYPERLINK(""http://x"")",0,Low value · lapsing,-3.5,,1,2011-06-30`,
      "12003,'@Lost,1,Very high value · recent,,,2,2011-06-30",
      `12004,"'\tTabbed, ""quoted""",1,Very high value · recent,10,,3,2011-06-30`,
      '12005,Lost,0,Low value · lapsing,1,,1,2011-06-30',
    ]);

    const log = await db.prisma.exportLog.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(log).toMatchObject({ actor: 'local user', runId, audienceId: null, rowCount: 5 });
    expect(log.filter).toEqual({ country: 'France', method: 'gmm', columns: ['customer_id', 'segment', 'cluster_gmm', 'cluster_gmm_name', 'clv', 'clv_caveat', 'frequency', 'last_purchase'] });
  });

  test.skipIf(!backend.available)("with the table's search and sort, the export holds only the matching customers in the table's order, across pages", async () => {
    const columns = exportRequestSchema.parse({ columns: 'customer_id,clv,currency' }).columns;
    const filters = parseDashboardFilters({ country: ['France', 'Germany'] });
    const read = (table: NonNullable<Parameters<typeof customerExportStream>[1]['table']>) =>
      readAll(customerExportStream(db, { runId, filters, columns, audienceId: null, actor: 'a', table, pageSize: 2 })).then((t) => lines(t.slice(1)));
    // CLV high to low, the customer without a CLV last; a run without a currency leaves the column empty.
    expect(await read({ q: '1200', sort: 'clv', dir: 'desc' })).toEqual(['customer_id,clv,currency,clv_caveat', '12001,250.13,,', '12004,10,,', '12005,1,,', '12002,-3.5,,', '12003,,,']);
    expect(await read({ q: '1200', sort: 'clv', dir: 'asc' })).toEqual(['customer_id,clv,currency,clv_caveat', '12002,-3.5,,', '12005,1,,', '12004,10,,', '12001,250.13,,', '12003,,,']);
    expect(await read({ sort: 'customerId', dir: 'desc' })).toEqual(['customer_id,clv,currency,clv_caveat', '13001,900,,', '12005,1,,', '12004,10,,', '12003,,,', '12002,-3.5,,', '12001,250.13,,']);
    // A search is literal: _ is no wildcard.
    expect(await read({ q: '1_', sort: 'customerId', dir: 'asc' })).toEqual(['customer_id,clv,currency,clv_caveat']);
    const log = await db.prisma.exportLog.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(log.filter).toMatchObject({ q: '1_', country: ['France', 'Germany'] });
    // The export log on the Data page says the search narrowed the file.
    expect((await readExportLogs(db))[0].filter).toBe('Country: France, Germany; Customer id starts with "1_"');
  });

  test.skipIf(!backend.available)('a page boundary at the last row, k-means cluster names neutralised, and an empty result still logged', async () => {
    const before = await db.prisma.exportLog.count();
    const kmeans = parseDashboardFilters({ cluster: '1' });
    const columns = exportRequestSchema.parse({ columns: 'customer_id,cluster_name' }).columns;
    const text = await readAll(customerExportStream(db, { runId, filters: kmeans, columns, audienceId: null, actor: 'a', pageSize: 2 }));
    expect(lines(text.slice(1))).toEqual([
      'customer_id,cluster_kmeans_name',
      "12002,'+Low value · lapsed",
      "12003,'-minus",
      '12005,Low value · lapsed',
      '14001,Low value · lapsed',
    ]);
    const none = await readAll(
      customerExportStream(db, { runId, filters: parseDashboardFilters({ country: 'Spain' }), columns, audienceId: null, actor: 'a' }),
    );
    expect(none).toBe('\uFEFFcustomer_id,cluster_kmeans_name\r\n');
    const logs = await db.prisma.exportLog.findMany({ where: { id: { gt: 0 } }, orderBy: { id: 'asc' }, skip: before });
    expect(logs.map((l) => l.rowCount)).toEqual([4, 0]);
  });
});
