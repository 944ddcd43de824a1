import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AnalysisOptions } from '@/lib/engines';
import type { Database } from '../db/database';
import { TEST_BACKENDS } from '../db/testing/test-databases';
import { exportHeader, exportRow, isoWallClock, rerunOptions } from './export-dataset-lines';
import { createDatasetRun, startRun } from './run-service';
import { bundleTestAnalysisWorker } from './testing/test-analysis-worker';

const workDir = mkdtempSync(join(tmpdir(), 'segmenta-rerun-'));
let workerPath = '';

beforeAll(async () => {
  workerPath = await bundleTestAnalysisWorker();
}, 120_000);

test.each([
  [Date.UTC(2024, 2, 13, 14, 22), '2024-03-13 14:22:00'],
  [Date.UTC(2024, 0, 1, 13, 22, 5, 123), '2024-01-01 13:22:05.123'],
  [Date.UTC(1999, 11, 31, 23, 59, 59), '1999-12-31 23:59:59'],
])('isoWallClock(%d) = %s', (ms, expected) => {
  expect(isoWallClock(ms)).toBe(expected);
});

test('the export writes only the columns the source had, quoted where needed, and kinds as sale / refund', () => {
  const layout = { lineItems: true, amounts: false, orderTotals: false, emailKey: false, currency: 'EUR' };
  expect(exportHeader(layout)).toBe('InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,RefundedAmount,Type,Reference,CustomerID,Country,Currency');
  const row = {
    line: 3,
    invoice: 'C536379',
    stock_code: 'D',
    description: 'Says "hi", twice',
    quantity: -2,
    unit_price: 1249,
    amount: -2498,
    order_total: null,
    order_refund: 0,
    kind: 1,
    reference: null,
    date_ms: Date.UTC(2024, 2, 13, 14, 22),
    customer_id: '12345',
    country: 'France',
  };
  expect(exportRow(row, layout, 'EUR')).toBe('C536379,D,"Says ""hi"", twice",-2,2024-03-13 14:22:00,1249,0,refund,,12345,France,EUR');
  const orders = { lineItems: false, amounts: true, orderTotals: true, emailKey: true, currency: null };
  expect(exportHeader(orders)).toBe('InvoiceNo,Quantity,InvoiceDate,UnitPrice,Amount,OrderTotal,RefundedAmount,Type,Reference,Email,Country,Currency');
  expect(exportRow({ ...row, kind: 0, quantity: null, unit_price: null, amount: 96.9, order_total: 96.9, order_refund: 10.5 }, orders, '')).toBe(
    'C536379,,2024-03-13 14:22:00,,96.9,96.9,10.5,sale,,12345,France,',
  );
});

test('a re-run reads the export with its own reading, never the upload’s', () => {
  expect(
    rerunOptions({ k: 3, value: 'gross', columns: { customerId: 'Client' }, dateOrder: 'day-first', timeZone: 'Europe/Paris', decimalSeparator: ',', sheet: '2', currency: 'EUR', encoding: 'windows-1252' }),
  ).toEqual({ k: 3, value: 'gross', dateOrder: 'month-first', decimalSeparator: '.' });
});

interface Source {
  name: string;
  text: string | Buffer;
  options: Partial<AnalysisOptions>;
}

// Small files in the shapes the realworld corpus covers: locale, order totals with refunds and
// statuses, sale / refund rows naming their order, an amount-only order log without products.
const INLINE: Source[] = [
  {
    name: 'uci-day-first.csv',
    options: {},
    text: [
      'InvoiceNo;StockCode;Description;Quantity;InvoiceDate;UnitPrice;CustomerID;Country',
      '536365;85123A;WHITE HANGING HEART;6;01/03/2024 08:26;2,55;17850;United Kingdom',
      '536365;71053;WHITE METAL LANTERN;6;01/03/2024 08:26;3,39;17850;United Kingdom',
      '536366;22633;HAND WARMER;2;13/03/2024 14:22;1.249,00;13047;France',
      '536367;22745;POPPY’S PLAYHOUSE;1;14/03/2024 09:00;0,00;13047;France',
      'C536368;22633;HAND WARMER;-1;15/03/2024 10:00;1.249,00;13047;France',
      '536369;84879;ASSORTED BIRD ORNAMENT;32;20/03/2024 11:05;1,69;;United Kingdom',
      '536370;21730;GLASS STAR LANTERN;4;02/04/2024 12:00;4,25;17850;United Kingdom',
      '536371;22752;"SET 7 BABUSHKA; NESTING BOXES";2;28/04/2024 16:45;7,65;12583;Unspecified',
      'C536372;21730;GLASS STAR LANTERN;-1;29/04/2024 09:00;4,25;12583;Unspecified',
    ].join('\r\n'),
  },
  {
    name: 'orders-with-totals.csv',
    options: { timeZone: 'America/New_York' },
    text: [
      'order_id,created_at,customer_email,status,product,qty,price,total,refunded_amount,country,currency',
      '#1001,2024-03-08 14:22:05 -0500,Ann@Example.com,paid,Linen Shirt,1,89.00,96.90,0.00,US,USD',
      '#1001,,,,Canvas Tote,1,24.00,,,,',
      '#1002,2024-03-09 23:30:00 -0500,bob@example.com,partially_refunded,Rain Shell,2,189.00,411.55,50.00,CA,USD',
      '#1003,2024-03-10 10:00:00 -0400,ann@example.com,voided,Rain Shell,1,189.00,205.00,0.00,US,USD',
      '#1004,2024-04-01 09:15:00 -0400,cara@example.com,refunded,Shoe Care Kit,1,2.95,3.20,3.20,US,USD',
      '#1005,2024-04-02 18:00:00 -0400,ann@example.com,paid,Free Sample,1,0.00,0.00,0.00,US,USD',
      '#1006,2024-05-02 08:00:00 -0400,bob@example.com,paid,Linen Shirt,1,89.00,96.90,0.00,CA,USD',
    ].join('\n'),
  },
  {
    name: 'transactions.tsv',
    options: { timeZone: 'Europe/London' },
    text: [
      'transaction_id\tcreated_at\ttype\tstatus\tcustomer_id\tcountry\tamount\tcurrency\treference',
      'txn_1\t2024-01-01T14:47:02.851Z\tsale\tcompleted\tCUST-01\tGB\t£33.50\tGBP\t',
      'txn_2\t2024-01-01T23:30:00.000Z\tsale\tcompleted\tCUST-02\tGB\t£1,249.00\tGBP\t',
      'txn_3\t2024-02-03T10:00:00.250Z\trefund\tcompleted\tCUST-02\tGB\t-£249.00\tGBP\ttxn_2',
      'txn_4\t2024-06-30T23:10:00.000Z\tsale\tvoided\tCUST-01\tGB\t£18.50\tGBP\t',
      'txn_5\t2024-07-01T08:00:00.000Z\tsale\tcompleted\tCUST-01\tGB\t£0.00\tGBP\t',
      'txn_6\t2024-07-02T09:00:00.000Z\trefund\tcompleted\tCUST-03\tGB\t-£12.50\tGBP\ttxn_0',
      'txn_7\t2024-08-02T09:00:00.000Z\tsale\tcompleted\tCUST-03\tGB\t£60.00\tGBP\t',
    ].join('\n'),
  },
  {
    name: 'customer-orders.csv',
    options: {},
    text: [
      'customer_id,order_date,order_value',
      '1001,2024-01-03,45.10',
      '1002,2024-01-04,12.00',
      '1001,2024-01-20,0.00',
      '1001,2024-02-11,-10.00',
      ',2024-02-12,30.00',
      '1003,2024-03-01,99.99',
      '1002,2024-03-05,-20.00',
      '1003,2024-04-15,15.25',
    ].join('\n'),
  },
];

const REALWORLD = join(process.cwd(), '..', 'shared', 'data', 'realworld');
const realworld: Source[] = existsSync(REALWORLD)
  ? [
      ['retail_lines_fr_semicolon.csv', {}],
      ['shopify_orders_export_usd.csv', {}],
      ['stripe_payments_aud.csv', {}],
      ['transactions_gbp.tsv', {}],
      ['square_item_details_cad.csv', {}],
      ['customer_orders.csv', {}],
      ['orders_ambiguous_dates.csv', { dateOrder: 'day-first' }],
      ['online_retail_ii_sample.xlsx', {}],
    ].map(([file, options]) => {
      const expected = JSON.parse(readFileSync(join(REALWORLD, `${file}.expected.json`), 'utf8')) as { time_zone: string };
      return { name: file as string, text: readFileSync(join(REALWORLD, file as string)), options: { timeZone: expected.time_zone, ...(options as object) } };
    })
  : [];
if (realworld.length === 0) console.warn('rerun-export.test: ../shared/data/realworld is absent; only the inline files are re-run.');

const SPEED = { method: 'kmeans', kMax: 2, intervalDraws: 0 } as const satisfies Partial<AnalysisOptions>;

interface CustomerRow {
  customer_id: string;
  frequency: number;
  recency: number;
  tenure: number;
  monetary: number;
  gross_spend: number;
  refunds: number;
  country: string;
  first_purchase: Date;
  last_purchase: Date;
}

describe.each(TEST_BACKENDS)('re-runs read the stored lines back exactly on $name', (backend) => {
  let db: Database;
  beforeAll(async () => {
    if (backend.available) db = await backend.open();
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  const customers = async (runId: number) =>
    (
      await db.sql.query<CustomerRow>(
        `SELECT customer_id, frequency, recency, tenure, monetary, gross_spend, refunds, country, first_purchase, last_purchase
           FROM customer_result WHERE run_id = $1 ORDER BY customer_id`,
        [runId],
      )
    ).rows;

  test.skipIf(!backend.available).each([...INLINE, ...realworld])(
    '$name: same customers, net revenue, gross revenue, refunds and per-customer values',
    async ({ name, text, options }) => {
      const path = join(workDir, `${db.kind}-${name}`);
      writeFileSync(path, text);
      const first = await createDatasetRun(db, { workDir, workerPath }, { path, name, fileName: name, parameters: { ...options, ...SPEED } });
      expect(await first.finished).toEqual({ status: 'succeeded', error: null });
      const dataset = await db.prisma.dataset.findUniqueOrThrow({ where: { id: first.datasetId } });
      expect(dataset.valueBasis).toBe('net');

      const second = await startRun(db, { workDir, workerPath }, first.datasetId, SPEED);
      expect(await second.finished).toEqual({ status: 'succeeded', error: null });

      type Summary = Record<string, unknown> & { cleaning: Record<string, unknown> & { returns: Record<string, unknown> } };
      const metrics = async (runId: number) => (await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).metrics as Summary;
      const [a, b] = [await metrics(first.runId), await metrics(second.runId)];
      for (const key of ['customers', 'revenue', 'grossRevenue', 'refunds', 'purchaseOrders', 'purchaseOccasions', 'currency', 'valueBasis', 'homeCountry']) {
        expect({ [key]: b[key] }).toEqual({ [key]: a[key] });
      }
      for (const key of ['keptRows', 'netRevenue', 'netRevenueUnfloored', 'zeroValueOrders', 'firstDate', 'lastDate', 'countries']) {
        expect({ [key]: b.cleaning[key] }).toEqual({ [key]: a.cleaning[key] });
      }
      expect(b.cleaning.returns).toEqual(a.cleaning.returns);
      expect(a.customers).toBeGreaterThan(0);
      expect(dataset.currency).toBe(a.currency);
      expect(await customers(second.runId)).toEqual(await customers(first.runId));
    },
    120_000,
  );
});
