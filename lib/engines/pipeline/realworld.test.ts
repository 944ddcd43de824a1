import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { EngineError } from '../errors';
import { SHARED_DATA } from '../testing/byte-source';
import { customerTableColumns } from './customer-table';
import { runAnalysis } from './run-analysis';
import type { AnalysisOptions, AnalysisResult } from './types';

// Every export in ../shared/data/realworld against its expected.json: whatever files are there,
// read with no option at all, as a new user would (README there for the fields).
const FOLDER = join(SHARED_DATA, 'realworld');
const files = existsSync(FOLDER) ? readdirSync(FOLDER).filter((f) => existsSync(join(FOLDER, `${f}.expected.json`))) : [];
if (files.length === 0) console.warn(`realworld.test: ${FOLDER} is absent; the realworld exports are not checked.`);

interface NamedCustomer {
  customer: string;
  occasions: number;
  purchase_orders: number;
  gross_spend: number;
  refunds: number;
  net_spend: number;
  first_purchase_date: string | null;
  last_purchase_date: string | null;
  country: string | null;
}

interface Answers {
  customers: number;
  purchase_occasions: number;
  purchase_orders: number;
  gross_revenue: number;
  refunds_total: number;
  net_revenue: number;
  first_purchase_date: string | null;
  last_purchase_date: string | null;
  named_customers: NamedCustomer[];
}

interface Expected extends Answers {
  time_zone: string;
  timestamps_in_file: string;
  expected_behaviour?: string;
  readings?: Record<'day_first' | 'month_first', Answers>;
  alternatives?: {
    utc_calendar?: Partial<Answers> & { named_customers: Partial<NamedCustomer>[] };
  };
}

const FAST: Partial<AnalysisOptions> = { intervalDraws: 0, method: 'kmeans', kMax: 4, now: Date.UTC(2026, 10, 30) };

function analyse(file: string, options: Partial<AnalysisOptions> = {}): Promise<AnalysisResult> {
  return runAnalysis(createReadStream(join(FOLDER, file)), { ...FAST, ...options });
}

/** The --out table as records keyed by customer id. */
function customerRows(result: AnalysisResult): Map<string, Record<string, unknown>> {
  const columns = customerTableColumns(result);
  const rows = new Map<string, Record<string, unknown>>();
  for (let c = 0; c < result.features.count; c++) {
    rows.set(result.features.ids[c], Object.fromEntries(columns.map((col) => [col.name, col.value(c)])));
  }
  return rows;
}

/** The key as the file identifies the customer: `17850.0` is customer 17850, e-mails are compared lower-case. */
const customerKey = (key: string) => (/^\d+\.0+$/.test(key) ? key.replace(/\.0+$/, '') : key.includes('@') ? key.toLowerCase() : key);

function checkAnswers(result: AnalysisResult, answers: Answers, expected: Expected, calendar?: Partial<Answers> & { named_customers: Partial<NamedCustomer>[] }) {
  // Zero-amount rows are not purchases: the file's `zero_amount_orders_counted` alternative is a wrong reading.
  expect(result.features.count).toBe(answers.customers);
  expect(result.cleaning.netRevenue).toBeCloseTo(answers.net_revenue, 2);
  expect(result.cleaning.revenueAfter).toBeCloseTo(answers.net_revenue, 2);
  expect(result.cleaning.grossRevenue).toBeCloseTo(answers.gross_revenue, 2);
  expect(result.cleaning.refunds).toBeCloseTo(answers.refunds_total, 2);
  expect(result.cleaning.purchaseOccasions).toBe(calendar?.purchase_occasions ?? answers.purchase_occasions);
  expect(result.cleaning.purchaseOrders).toBe(answers.purchase_orders ?? expected.purchase_orders);
  const rows = customerRows(result);
  for (const named of answers.named_customers) {
    const row = rows.get(customerKey(named.customer));
    expect(row, named.customer).toBeDefined();
    const inCalendar = calendar?.named_customers.find((n) => n.customer === named.customer) ?? {};
    const want = { ...named, ...inCalendar };
    expect(row!.occasions, `${named.customer} occasions`).toBe(want.occasions);
    expect(row!.purchase_orders, `${named.customer} orders`).toBe(want.purchase_orders);
    expect(row!.gross_spend, `${named.customer} gross`).toBeCloseTo(want.gross_spend, 2);
    expect(row!.refunds, `${named.customer} refunds`).toBeCloseTo(want.refunds, 2);
    expect(row!.net_spend, `${named.customer} net`).toBeCloseTo(want.net_spend, 2);
    expect(row!.monetary, `${named.customer} monetary`).toBeCloseTo(want.net_spend, 2);
    expect(row!.first_purchase_date, `${named.customer} first`).toBe(want.first_purchase_date);
    expect(row!.last_purchase_date, `${named.customer} last`).toBe(want.last_purchase_date);
    expect(row!.country, `${named.customer} country`).toBe(want.country);
  }
}

describe.skipIf(files.length === 0)('realworld exports, read with no option', () => {
  test.each(files)('%s', { timeout: 120_000 }, async (file) => {
    const expected = JSON.parse(readFileSync(join(FOLDER, `${file}.expected.json`), 'utf8')) as Expected;
    if (expected.readings) {
      // Ambiguous dates: refused in words naming the date order; each reading, once chosen, is right.
      const refused = await analyse(file).then(() => null, (e: unknown) => e);
      expect(refused).toBeInstanceOf(EngineError);
      expect((refused as EngineError).code).toBe('AMBIGUOUS_DATES');
      expect((refused as EngineError).message).toMatch(/day-first.*month-first/);
      for (const [reading, order] of [['day_first', 'day-first'], ['month_first', 'month-first']] as const) {
        const result = await analyse(file, { dateOrder: order });
        checkAnswers(result, expected.readings[reading], expected);
        expect(result.cleaning.firstDate?.slice(0, 10)).toBe(expected.readings[reading].first_purchase_date);
        expect(result.cleaning.lastDate?.slice(0, 10)).toBe(expected.readings[reading].last_purchase_date);
      }
      return;
    }
    // Files stamped in UTC are refused in words until the store's zone is given; UTC days only on request.
    if (/^UTC/.test(expected.timestamps_in_file)) {
      const refused = await analyse(file).then(() => null, (e: unknown) => e);
      expect(refused).toBeInstanceOf(EngineError);
      expect((refused as EngineError).code).toBe('TIME_ZONE_NEEDED');
      const inUtc = await analyse(file, { timeZone: 'UTC' });
      if (expected.alternatives?.utc_calendar) checkAnswers(inUtc, expected, expected, expected.alternatives.utc_calendar);
      const inStore = await analyse(file, { timeZone: expected.time_zone });
      checkAnswers(inStore, expected, expected);
      expect(inStore.cleaning.firstDate?.slice(0, 10)).toBe(expected.first_purchase_date);
      expect(inStore.cleaning.lastDate?.slice(0, 10)).toBe(expected.last_purchase_date);
      return;
    }
    const result = await analyse(file);
    const reading = result.ingest.reading;
    checkAnswers(result, expected, expected);
    if (reading.timeZone !== null || /offset/.test(expected.timestamps_in_file)) {
      const inStore = await analyse(file, { timeZone: expected.time_zone });
      checkAnswers(inStore, expected, expected);
      expect(inStore.cleaning.firstDate?.slice(0, 10)).toBe(expected.first_purchase_date);
      expect(inStore.cleaning.lastDate?.slice(0, 10)).toBe(expected.last_purchase_date);
    } else {
      expect(result.cleaning.firstDate?.slice(0, 10)).toBe(expected.first_purchase_date);
      expect(result.cleaning.lastDate?.slice(0, 10)).toBe(expected.last_purchase_date);
    }
  });
});

// The same exports in other dress (compressed, UTF-16, tab-separated): the answers must not move.
const textFiles = files.filter((f) => !f.endsWith('.xlsx'));
const DRESSES: [string, (bytes: Buffer) => Buffer][] = [
  ['gzip', (bytes) => gzipSync(bytes)],
  ['UTF-16 LE with BOM', (bytes) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(decodeUtf8OrUtf16(bytes), 'utf16le')])],
  [
    'tab-separated',
    (bytes) => {
      const parsed = Papa.parse<string[]>(decodeUtf8OrUtf16(bytes).replace(/^\uFEFF/, ''), { skipEmptyLines: true, delimiter: '' });
      return Buffer.from(Papa.unparse(parsed.data, { delimiter: '\t', newline: '\r\n' }), 'utf8');
    },
  ],
];

/** Text of a realworld file: UTF-16 LE with BOM, UTF-8, else Windows-1252. */
function decodeUtf8OrUtf16(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return text.includes('\uFFFD') ? new TextDecoder('windows-1252').decode(bytes) : text;
}

describe.skipIf(textFiles.length === 0)('realworld exports in other dress', () => {
  // A header-less whitespace file (CDNOW form) has no fields to re-separate with tabs.
  const separated = (file: string) => /[,;\t]/.test(readFileSync(join(FOLDER, file)).subarray(0, 200).toString('latin1'));
  const cases = textFiles.flatMap((file) =>
    DRESSES.filter(([dress]) => dress !== 'tab-separated' || separated(file)).map(([dress, dressUp]) => [file, dress, dressUp] as const),
  );
  test.each(cases)(
    '%s as %s',
    { timeout: 120_000 },
    async (file, _dress, dressUp) => {
      const dressed = dressUp(readFileSync(join(FOLDER, file)));
      const expected = JSON.parse(readFileSync(join(FOLDER, `${file}.expected.json`), 'utf8')) as Expected;
      const options = {
        ...FAST,
        ...(file.includes('ambiguous') ? { dateOrder: 'day-first' as const } : {}),
        ...(/^UTC/.test(expected.timestamps_in_file) ? { timeZone: expected.time_zone } : {}),
      };
      const [plain, other] = await Promise.all([
        runAnalysis(createReadStream(join(FOLDER, file)), options),
        runAnalysis((async function* () {
          yield new Uint8Array(dressed);
        })(), options),
      ]);
      expect(other.features.count).toBe(plain.features.count);
      expect(other.cleaning.netRevenue).toBeCloseTo(plain.cleaning.netRevenue, 6);
      expect(other.cleaning.grossRevenue).toBeCloseTo(plain.cleaning.grossRevenue, 6);
      expect(other.cleaning.purchaseOccasions).toBe(plain.cleaning.purchaseOccasions);
      expect(other.ingest.reading.dateOrder).toBe(plain.ingest.reading.dateOrder);
    },
  );
});
