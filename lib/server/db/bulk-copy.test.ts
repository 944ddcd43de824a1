import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runAnalysis, type AnalysisResult } from '@/lib/engines';
import { cleanTransactions, type CleanResult } from '@/lib/engines/clean';
import { readTransactions, type TransactionTable } from '@/lib/engines/ingest';
import { formatRfmCode } from '@/lib/engines/rfm';
import { STATUS_BASIS_LABELS } from '@/lib/engines/pipeline/customer-status';
import { byteSource } from '@/lib/engines/testing/byte-source';
import { copyCustomerResults, copyTransactionLines, csvText, csvTimestamp } from './bulk-copy';
import type { Database } from './database';
import { sampleKey } from './sample-key';
import { syntheticLog } from './testing/synthetic-log';
import { DRIVER_TEST_BACKENDS } from './testing/test-databases';
import type { StoredLineRow } from '../runs/export-dataset-lines';

const LOG = syntheticLog(50_000, 1_500, 11);

let table: TransactionTable;
let cleaned: CleanResult;
let analysis: AnalysisResult;

beforeAll(async () => {
  table = (await readTransactions(byteSource(LOG, 1 << 16))).table;
  cleaned = cleanTransactions(table);
  analysis = await runAnalysis(byteSource(LOG, 1 << 16), { seed: 7, intervalDraws: 20 });
});

test('the synthetic log has the shape the round trip needs', () => {
  expect(table.length).toBe(50_000);
  expect(cleaned.kept.length).toBeGreaterThan(40_000);
  expect(cleaned.returns.length).toBeGreaterThan(500);
  expect(analysis.features.count).toBeGreaterThan(1_000);
  expect(analysis.clustering.status).toBe('done');
  expect(analysis.lifetimeValue.status).toBe('done');
});

test.each([
  ['plain', 'plain'],
  ['', '""'],
  ['a,b', '"a,b"'],
  ['say "hi"', '"say ""hi"""'],
  ['two\nlines', '"two\nlines"'],
  ['C:\\temp', '"C:\\temp"'],
  ['  spaced  ', '  spaced  '],
])('csvText(%j) = %j', (value, expected) => {
  expect(csvText(value)).toBe(expected);
});

test('csvTimestamp writes UTC wall-clock time to the millisecond', () => {
  expect(csvTimestamp(Date.UTC(2010, 11, 1, 8, 26, 0, 5))).toBe('2010-12-01T08:26:00.005');
});

interface LineRow extends StoredLineRow {
  is_return: boolean;
}

interface CustomerRow {
  customer_id: string;
  country: string;
  home_market: boolean;
  recency: number;
  frequency: number;
  occasions: number;
  monetary: number;
  gross_spend: number;
  refunds: number;
  average_order_value: number;
  return_rate: number;
  rfm_code: string;
  segment: string;
  churn_status: string;
  churn_basis: string;
  combined_segment: string;
  cluster_kmeans: number | null;
  cluster_kmeans_name: string | null;
  cluster_gmm: number | null;
  cluster_hierarchical: number | null;
  cluster_gmm_name: string | null;
  cluster_hierarchical_name: string | null;
  tenure: number;
  distinct_products: number;
  p_alive: number | null;
  expected_purchases: number | null;
  expected_spend: number | null;
  clv: number | null;
  clv_lower: number | null;
  clv_upper: number | null;
  sample_key: number;
  product_mix: Record<string, number>;
  first_ms: number;
  last_ms: number;
}

for (const backend of DRIVER_TEST_BACKENDS) {
  describe.skipIf(!backend.available)(`COPY on ${backend.name}`, () => {
    let db: Database;
    let datasetId: number;
    let runId: number;

    beforeAll(async () => {
      db = await backend.open();
      const dataset = await db.prisma.dataset.create({
        data: {
          name: 'synthetic',
          sourceFileName: 'synthetic.csv',
          checksum: '0'.repeat(64),
          byteSize: BigInt(LOG.length),
          rowsRead: table.length,
          rowsKept: cleaned.kept.length,
          returnRows: cleaned.returns.length,
          customerCount: cleaned.report.customersAfter,
          cleaningReport: JSON.parse(JSON.stringify(cleaned.report)),
          ingestReport: {},
        },
      });
      datasetId = dataset.id;
      runId = (await db.prisma.run.create({ data: { datasetId, parameters: { seed: 7 } } })).id;
    }, 120_000);
    afterAll(() => db?.close());

    test('transaction lines: every kept and return line round-trips exactly', async () => {
      const written = await copyTransactionLines(db.sql, { datasetId, table, cleaned }, { batchRows: 15_000 });
      expect(written).toBe(cleaned.kept.length + cleaned.returns.length);

      const { rows } = await db.sql.query<LineRow>(
        `SELECT line, invoice, stock_code, description, quantity, unit_price, amount, order_total, order_refund, kind::int AS kind, reference,
                customer_id, country, is_return,
                (extract(epoch FROM invoice_date) * 1000)::float8 AS date_ms
         FROM transaction_line WHERE dataset_id = $1 ORDER BY line`,
        [datasetId],
      );
      const returns = new Set(cleaned.returns);
      const orNull = (v: number) => (Number.isNaN(v) ? null : v);
      const expected = [...cleaned.kept, ...cleaned.returns].sort((a, b) => a - b);
      expect(rows.map((r) => r.line)).toEqual(expected);
      rows.forEach((row) => {
        const i = row.line;
        expect(row).toEqual({
          line: i,
          invoice: table.invoices[table.invoice[i]],
          stock_code: table.stockCodes[table.stockCode[i]],
          description: table.descriptions[table.description[i]],
          quantity: orNull(table.quantity[i]),
          unit_price: orNull(table.unitPrice[i]),
          amount: orNull(table.amount[i]),
          order_total: orNull(table.orderTotal[table.invoice[i]]),
          order_refund: table.orderRefund[table.invoice[i]],
          kind: table.kind[i],
          reference: table.refersTo[i] >= 0 ? table.invoices[table.refersTo[i]] : null,
          date_ms: table.date[i],
          customer_id: table.customers[table.customer[i]],
          country: cleaned.countryNames[table.country[i]],
          is_return: returns.has(i),
        });
      });
    });

    test('transaction lines: the totals match the cleaning report', async () => {
      const { rows } = await db.sql.query<{ lines: number; customers: number; invoices: number; revenue: number; first: string; last: string }>(
        `SELECT count(*)::int AS lines, count(DISTINCT customer_id)::int AS customers, count(DISTINCT invoice)::int AS invoices,
                sum(amount)::float8 AS revenue,
                to_char(min(invoice_date), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS first,
                to_char(max(invoice_date), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last
         FROM transaction_line WHERE dataset_id = $1 AND NOT is_return`,
        [datasetId],
      );
      const report = cleaned.report;
      expect(rows[0]).toMatchObject({ lines: report.keptRows, customers: report.customersAfter, invoices: report.invoicesAfter, first: report.firstDate, last: report.lastDate });
      expect(rows[0].revenue).toBeCloseTo(report.grossRevenue, 6);
      const money = await db.sql.query<{ refunds: number; net: number }>(
        `SELECT sum(refunds)::float8 AS refunds, sum(greatest(0, gross - refunds))::float8 AS net
           FROM (SELECT customer_id, sum(amount) FILTER (WHERE kind = 0) AS gross, coalesce(sum(-amount) FILTER (WHERE kind = 1), 0) AS refunds
                   FROM transaction_line WHERE dataset_id = $1 GROUP BY customer_id) c WHERE gross IS NOT NULL`,
        [datasetId],
      );
      expect(report.refunds).toBeGreaterThan(0);
      expect(money.rows[0].net).toBeCloseTo(report.netRevenue, 6);
    });

    test('transaction lines read through the generated client match the table', async () => {
      const lines = await db.prisma.transaction.findMany({ where: { datasetId, description: { contains: '"' } }, orderBy: { line: 'asc' }, take: 50 });
      expect(lines.length).toBe(50);
      for (const line of lines) {
        expect(line.description).toBe('Says "hello", twice');
        expect(line.invoiceDate.getTime()).toBe(table.date[line.line]);
        expect(line.unitPrice).toBe(table.unitPrice[line.line]);
      }
    });

    test('customer results: one row per customer, every column as the analysis computed it', async () => {
      expect(await copyCustomerResults(db.sql, runId, analysis, { batchRows: 400 })).toBe(analysis.features.count);
      const { rows } = await db.sql.query<CustomerRow>(
        `SELECT customer_id, country, home_market, recency, frequency, occasions, monetary, gross_spend, refunds, average_order_value, return_rate, rfm_code, segment,
                churn_status, churn_basis, combined_segment, cluster_kmeans, cluster_kmeans_name, cluster_gmm, cluster_hierarchical, p_alive, clv, clv_lower,
                cluster_gmm_name, cluster_hierarchical_name, tenure, distinct_products, expected_purchases, expected_spend, clv_upper, sample_key, product_mix,
                (extract(epoch FROM first_purchase) * 1000)::float8 AS first_ms, (extract(epoch FROM last_purchase) * 1000)::float8 AS last_ms
         FROM customer_result WHERE run_id = $1`,
        [runId],
      );
      const f = analysis.features;
      expect(rows).toHaveLength(f.count);
      const byId = new Map(rows.map((r) => [r.customer_id, r]));
      if (analysis.clustering.status !== 'done' || analysis.lifetimeValue.status !== 'done') throw new Error('stages skipped');
      const { kmeans, gmm, hierarchical } = analysis.clustering.result.methods;
      const ltv = analysis.lifetimeValue;
      const orNull = (v: number) => (Number.isNaN(v) ? null : v);
      for (let c = 0; c < f.count; c++) {
        const row = ltv.rowOfCustomer[c];
        expect(byId.get(f.ids[c])).toEqual({
          customer_id: f.ids[c],
          country: f.countries[f.primaryCountry[c]],
          home_market: f.homeMarket[c] === 1,
          recency: f.recency[c],
          frequency: f.frequency[c],
          occasions: f.occasions[c],
          monetary: f.monetary[c],
          gross_spend: f.grossSpend[c],
          refunds: f.refunds[c],
          average_order_value: f.averageOrderValue[c],
          return_rate: f.returnRate[c],
          rfm_code: formatRfmCode(analysis.rfm.codes[c]),
          segment: analysis.rfm.segmentNames[analysis.rfm.segment[c]],
          churn_status: analysis.churn.labels[analysis.churn.status[c]],
          churn_basis: STATUS_BASIS_LABELS[analysis.churn.basis[c]],
          combined_segment: `${analysis.churn.labels[analysis.churn.status[c]]} · ${analysis.rfm.segmentNames[analysis.rfm.segment[c]]}`,
          cluster_kmeans: kmeans ? kmeans.labels[c] : null,
          cluster_kmeans_name: kmeans ? kmeans.profiles.clusters[kmeans.labels[c]].name : null,
          cluster_gmm: gmm ? gmm.labels[c] : null,
          cluster_hierarchical: hierarchical ? hierarchical.labels[c] : null,
          cluster_gmm_name: gmm ? gmm.profiles.clusters[gmm.labels[c]].name : null,
          cluster_hierarchical_name: hierarchical ? hierarchical.profiles.clusters[hierarchical.labels[c]].name : null,
          tenure: f.tenure[c],
          distinct_products: f.distinctProducts[c],
          expected_purchases: row >= 0 ? orNull(ltv.result.expectedPurchases[row]) : null,
          expected_spend: row >= 0 ? orNull(ltv.result.expectedSpend[row]) : null,
          clv_upper: row >= 0 ? orNull(ltv.result.clvUpper[row]) : null,
          sample_key: sampleKey(f.ids[c]),
          product_mix: Object.fromEntries(f.categories.map((name, j) => [name, f.mix[c * f.categories.length + j]])),
          // Stored only where the model can tell (shownPAlive); NULL where it is fixed by construction or not identified.
          p_alive: orNull(ltv.shownPAlive[c]),
          clv: row >= 0 ? orNull(ltv.result.clv[row]) : null,
          clv_lower: row >= 0 ? orNull(ltv.result.clvLower[row]) : null,
          first_ms: f.firstPurchase[c],
          last_ms: f.lastPurchase[c],
        });
      }
    });

    test('customer results: segment sizes and totals match the analysis', async () => {
      const { rows } = await db.sql.query<{ segment: string; customers: number }>(
        `SELECT segment, count(*)::int AS customers FROM customer_result WHERE run_id = $1 GROUP BY segment`,
        [runId],
      );
      const sizes = Object.fromEntries(analysis.rfm.segmentNames.map((name, i) => [name, analysis.rfm.segmentSizes[i]]).filter(([, n]) => n !== 0));
      expect(Object.fromEntries(rows.map((r) => [r.segment, r.customers]))).toEqual(sizes);
      const totals = await db.sql.query<{ monetary: number; clv: number }>(
        `SELECT sum(monetary)::float8 AS monetary, sum(clv)::float8 AS clv FROM customer_result WHERE run_id = $1`,
        [runId],
      );
      const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, v) => a + (Number.isNaN(v) ? 0 : v), 0);
      expect(totals.rows[0].monetary).toBeCloseTo(sum(analysis.features.monetary), 6);
      if (analysis.lifetimeValue.status !== 'done') throw new Error('lifetime value skipped');
      expect(totals.rows[0].clv).toBeCloseTo(sum(analysis.lifetimeValue.result.clv), 6);
    });

    test('customer results read through the generated client, product mix as an object', async () => {
      const f = analysis.features;
      const first = await db.prisma.customerResult.findUniqueOrThrow({ where: { runId_customerId: { runId, customerId: f.ids[0] } } });
      const mix = Object.fromEntries(f.categories.map((name, j) => [name, f.mix[j]]));
      expect(first.productMix).toEqual(mix);
      expect(first.firstPurchase.getTime()).toBe(f.firstPurchase[0]);
      expect(await db.prisma.customerResult.count({ where: { runId, segment: analysis.rfm.segmentNames[analysis.rfm.segment[0]] } })).toBeGreaterThan(0);
    });

    test('inside a transaction that fails, nothing is written', async () => {
      const run = await db.prisma.run.create({ data: { datasetId, parameters: {} } });
      const dataset = await db.prisma.dataset.create({
        data: { name: 'x', sourceFileName: 'x', checksum: 'x', byteSize: 0n, rowsRead: 0, rowsKept: 0, customerCount: 0, cleaningReport: {}, ingestReport: {} },
      });
      await expect(
        db.sql.transaction(async (tx) => {
          await copyTransactionLines(tx, { datasetId: dataset.id, table, cleaned }, { batchRows: 10_000 });
          await copyCustomerResults(tx, run.id, analysis);
          await tx.query(`UPDATE run SET status = 'succeeded' WHERE id = $1`, [run.id]);
          throw new Error('model failed');
        }),
      ).rejects.toThrow('model failed');
      expect(await db.prisma.transaction.count({ where: { datasetId: dataset.id } })).toBe(0);
      expect(await db.prisma.customerResult.count({ where: { runId: run.id } })).toBe(0);
      expect((await db.prisma.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('queued');
    });

    test('a missing parent row is reported, and foreign keys are checked again after the COPY', async () => {
      await expect(copyCustomerResults(db.sql, 999_999, analysis)).rejects.toThrow('Cannot copy customer_result rows: run 999999 does not exist');
      const run = await db.prisma.run.create({ data: { datasetId, parameters: {} } });
      await expect(
        db.sql.transaction(async (tx) => {
          await copyCustomerResults(tx, run.id, analysis);
          await tx.query(`UPDATE customer_result SET run_id = 999999 WHERE run_id = $1 AND customer_id = $2`, [run.id, analysis.features.ids[0]]);
        }),
      ).rejects.toThrow(/foreign key/);
      expect(await db.prisma.customerResult.count({ where: { runId: run.id } })).toBe(0);
    });

    test('a COPY that fails in a later batch leaves none of the earlier batches', async () => {
      const dataset = await db.prisma.dataset.create({
        data: { name: 'y', sourceFileName: 'y', checksum: 'y', byteSize: 0n, rowsRead: 0, rowsKept: 0, customerCount: 0, cleaningReport: {}, ingestReport: {} },
      });
      const repeated = { ...cleaned, kept: Int32Array.from([...cleaned.kept.subarray(0, 20_000), cleaned.kept[0]]), returns: new Int32Array(0) };
      await expect(copyTransactionLines(db.sql, { datasetId: dataset.id, table, cleaned: repeated }, { batchRows: 5_000 })).rejects.toThrow(/duplicate key/);
      expect(await db.prisma.transaction.count({ where: { datasetId: dataset.id } })).toBe(0);
      // The connection is still usable afterwards.
      expect(await copyTransactionLines(db.sql, { datasetId: dataset.id, table, cleaned: { ...repeated, kept: cleaned.kept.subarray(0, 100) } })).toBe(100);
    });

    test('committing each batch: the batches before a failing one stay (the caller removes them), and progress counts each batch', async () => {
      const dataset = await db.prisma.dataset.create({
        data: { name: 'z', sourceFileName: 'z', checksum: 'z', byteSize: 0n, rowsRead: 0, rowsKept: 0, customerCount: 0, cleaningReport: {}, ingestReport: {} },
      });
      const repeated = { ...cleaned, kept: Int32Array.from([...cleaned.kept.subarray(0, 12_000), cleaned.kept[0]]), returns: new Int32Array(0) };
      const progress: number[] = [];
      await expect(
        copyTransactionLines(db.sql, { datasetId: dataset.id, table, cleaned: repeated }, { batchRows: 5_000, commitEachBatch: true, onProgress: (rows) => progress.push(rows) }),
      ).rejects.toThrow(/duplicate key/);
      // Batches of 5,000 and 5,000 committed; the third (2,000 and the repeated line) failed whole.
      expect(await db.prisma.transaction.count({ where: { datasetId: dataset.id } })).toBe(10_000);
      expect(progress).toEqual([5_000, 10_000]);
    });
  });
}
