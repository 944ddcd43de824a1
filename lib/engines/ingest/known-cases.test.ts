import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { isoDay } from '../calendar';
import { cleanTransactions } from '../clean/clean-transactions';
import type { CleanOptions } from '../clean/types';
import { EngineError } from '../errors';
import { runAnalysis } from '../pipeline/run-analysis';
import type { AnalysisOptions, AnalysisResult } from '../pipeline/types';
import { byteSource, SHARED_DATA } from '../testing/byte-source';
import { readTransactions } from './read-transactions';
import type { IngestOptions } from './types';

// Files that real exports are known to get wrong, each small and synthetic, in ../testing/cases.
// Every answer below was worked out by hand from the file (the sums are written next to them);
// a case either reads right or is refused with an error that says what to do.
const CASES = new URL('../testing/cases/', import.meta.url).pathname;
const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n';

const bytes = (name: string): Buffer => readFileSync(`${CASES}${name}`);
const cents = (value: number) => Math.round(value * 100) / 100;
const iso = (ms: number) => new Date(ms).toISOString();

function read(data: string | Uint8Array, options: IngestOptions = {}) {
  return readTransactions(byteSource(data, 64), options);
}

async function readAndClean(data: string | Uint8Array, options: IngestOptions = {}, clean: CleanOptions = {}) {
  const ingested = await read(data, options);
  return { ...ingested, cleaned: cleanTransactions(ingested.table, clean) };
}

/** The error a read or run is refused with; fails the test when it is not refused. */
async function refusal(promise: Promise<unknown>): Promise<EngineError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(EngineError);
  return outcome as EngineError;
}

const FAST: Partial<AnalysisOptions> = { method: 'kmeans', kMax: 3, intervalDraws: 0 };

interface CustomerAnswer {
  orders: number;
  occasions: number;
  gross: number;
  refunds: number;
  /** Monetary value in the run's basis (net by default). */
  value: number;
  first: string;
  last: string;
}

/** Run the whole pipeline and give each customer's figures, rounded to cents. */
async function analyse(data: string | Uint8Array, options: Partial<AnalysisOptions> = {}) {
  const result = await runAnalysis(byteSource(data, 64), { ...FAST, ...options });
  const f = result.features;
  const customers: Record<string, CustomerAnswer> = {};
  f.ids.forEach((id, c) => {
    customers[id] = {
      orders: f.frequency[c],
      occasions: f.occasions[c],
      gross: cents(f.grossSpend[c]),
      refunds: cents(f.refunds[c]),
      value: cents(f.monetary[c]),
      first: isoDay(f.firstPurchase[c]),
      last: isoDay(f.lastPurchase[c]),
    };
  });
  return { result, customers };
}

const topIds = (result: AnalysisResult, count: number) => Array.from(result.topByRevenue.slice(0, count), (c) => result.features.ids[c]);

/** `count` good lines after a fixture: one order of 1 x 1.00 each by customer 49999 on 2024-02-01. */
function withFiller(fixture: Uint8Array, count: number): Uint8Array {
  const filler = Array.from({ length: count }, (_, k) => `${900_000 + k},F,FILLER,1,2024-02-01 10:00,1.00,49999,United Kingdom\n`).join('');
  return Buffer.concat([fixture, Buffer.from(filler)]);
}

describe('numeric dates: the order of day and month is detected, or asked for', () => {
  test('UK day-first dates (08/03/2014 14:22) are read day-first without an option because some days exceed 12', async () => {
    const { table, report } = await read(bytes('uk-day-first.csv'));
    expect(report.reading.dateOrder).toBe('day-first');
    expect(report.reading.dateOrderReason).toBe('detected: 25/03/2014 16:40, 30/04/2014 12:00 can only be day/month');
    expect(Array.from(table.date, iso)).toEqual([
      '2014-03-08T14:22:00.000Z',
      '2014-03-08T14:22:00.000Z',
      '2014-04-02T09:05:00.000Z',
      '2014-03-25T16:40:00.000Z',
      '2014-04-11T10:15:00.000Z',
      '2014-04-30T12:00:00.000Z',
    ]);
    const { result, customers } = await analyse(bytes('uk-day-first.csv'));
    // 2 x 12.75 + 6 x 2.55 + 4 x 4.95 + 12.75 + 8 x 1.69 + 3 x 4.95 = 101.72
    expect(result.cleaning.revenueAfter).toBeCloseTo(101.72, 9);
    expect(customers).toEqual({
      '70000': { orders: 2, occasions: 2, gross: 55.65, refunds: 0, value: 55.65, first: '2014-03-08', last: '2014-04-30' },
      '70001': { orders: 1, occasions: 1, gross: 19.8, refunds: 0, value: 19.8, first: '2014-04-02', last: '2014-04-02' },
      '70002': { orders: 2, occasions: 2, gross: 26.27, refunds: 0, value: 26.27, first: '2014-03-25', last: '2014-04-11' },
    });
  });

  test('US month-first dates (03/25/2014) are read month-first without an option', async () => {
    const { table, report } = await read(bytes('us-month-first.csv'));
    expect(report.reading.dateOrder).toBe('month-first');
    expect(report.reading.layoutLabel).toBe('Order log (one line per order or payment)');
    expect(Array.from(table.date, iso)).toEqual([
      '2014-03-08T14:22:00.000Z',
      '2014-04-02T09:05:00.000Z',
      '2014-03-25T16:40:00.000Z',
      '2014-04-11T10:15:00.000Z',
      '2014-04-30T12:00:00.000Z',
    ]);
    const { result, customers } = await analyse(bytes('us-month-first.csv'));
    // 25.50 + 19.80 + 12.75 + 13.52 + 14.85 = 86.42
    expect(result.cleaning.revenueAfter).toBeCloseTo(86.42, 9);
    expect(customers).toEqual({
      C100: { orders: 2, occasions: 2, gross: 40.35, refunds: 0, value: 40.35, first: '2014-03-08', last: '2014-04-30' },
      C101: { orders: 1, occasions: 1, gross: 19.8, refunds: 0, value: 19.8, first: '2014-04-02', last: '2014-04-02' },
      C102: { orders: 2, occasions: 2, gross: 26.27, refunds: 0, value: 26.27, first: '2014-03-25', last: '2014-04-11' },
    });
  });

  test('a file where no day exceeds 12 is refused, naming the column and the options', async () => {
    const error = await refusal(read(bytes('ambiguous-dates.csv')));
    expect(error.code).toBe('AMBIGUOUS_DATES');
    expect(error.message).toBe(
      'The dates in column "Order Date" can be read day-first or month-first: no date has a day above 12 (for example 03/08/2014, 04/02/2014, 12/11/2014). ' +
        'Choose Day/Month/Year or Month/Day/Year in the preview, or run again with --day-first or --month-first.',
    );
    expect(error.details).toMatchObject({ column: 'Order Date' });
  });

  test.each([
    ['day-first', ['2014-08-03', '2014-02-04', '2014-11-12']],
    ['month-first', ['2014-03-08', '2014-04-02', '2014-12-11']],
  ] as const)('the same ambiguous file reads %s when told', async (dateOrder, days) => {
    const { table, report } = await read(bytes('ambiguous-dates.csv'), { dateOrder });
    expect(report.reading.dateOrderReason).toBe('given as an option');
    expect(Array.from(table.date, isoDay)).toEqual(days);
  });
});

describe('number formats: decimal comma, thousands separators', () => {
  test('a ";" file with decimal-comma prices (2,55 and 1.249,00) and dd.mm.yyyy dates', async () => {
    const { table, report, cleaned } = await readAndClean(bytes('de-semicolon-decimal-comma.csv'));
    expect(report.reading).toMatchObject({ delimiter: ';', decimalSeparator: ',', thousandsSeparator: '.', dateOrder: 'day-first' });
    expect(Array.from(table.unitPrice)).toEqual([2.55, 1249, 3.39, 0.85]);
    expect(table.descriptions[0]).toBe('KUCHENFORM; 3 STÜCK');
    expect(Array.from(table.date, iso)).toEqual(['2011-08-21T16:00:00.000Z', '2011-08-21T16:00:00.000Z', '2011-09-03T09:30:00.000Z', '2011-09-16T12:00:00.000Z']);
    // 2 x 2.55 + 1,249.00 + 4 x 3.39 + 10 x 0.85 = 5.10 + 1,249.00 + 13.56 + 8.50
    expect(cleaned.report.revenueAfter).toBeCloseTo(1276.16, 9);
    expect(Array.from(cleaned.customerGross, cents)).toEqual([1262.6, 13.56]);
  });

  test('"1 249,00" with a no-break space between thousands', async () => {
    const { table, report, cleaned } = await readAndClean(bytes('fr-semicolon-nbsp-thousands.csv'));
    expect(report.reading).toMatchObject({ delimiter: ';', decimalSeparator: ',', thousandsSeparator: '\u00a0', dateOrder: 'day-first' });
    expect(Array.from(table.unitPrice)).toEqual([1.65, 1249, 1.25]);
    expect(table.descriptions[1]).toBe('ARMOIRE ÉMAILLÉE');
    // 3 x 1.65 + 1,249.00 + 10 x 1.25
    expect(cleaned.report.revenueAfter).toBeCloseTo(1266.45, 9);
    expect(table.customers).toEqual(['13838', '10669']);
    expect(Array.from(cleaned.customerGross, cents)).toEqual([1253.95, 12.5]);
  });

  test('"1,249.00" with a comma between thousands, quoted in a comma-separated file', async () => {
    const { table, report, cleaned } = await readAndClean(bytes('us-thousands-comma.csv'));
    expect(report.reading).toMatchObject({ delimiter: ',', decimalSeparator: '.', thousandsSeparator: ',' });
    expect(Array.from(table.unitPrice)).toEqual([1249, 2.55, 1249]);
    // 1,249.00 + 4 x 2.55 + 2 x 1,249.00
    expect(cleaned.report.revenueAfter).toBeCloseTo(3757.2, 9);
    expect(Array.from(cleaned.customerGross, cents)).toEqual([1249, 2508.2]);
  });
});

describe('timestamps with UTC offsets', () => {
  test('Shopify "2024-03-08 14:22:05 +0100": every line read, each day in the offset the file gives', async () => {
    const { table, report, cleaned } = await readAndClean(bytes('shopify-offsets.csv'));
    expect(report.reading).toMatchObject({ layout: 'shopify-orders', timeZone: null, currency: 'EUR', dateForm: '2024-03-08 14:22:05 +0100' });
    expect(report.rowsRead).toBe(6);
    expect(cleaned.report.keptRows).toBe(6);
    // The second line of #1002 has no date of its own: it takes its order's.
    expect(Array.from(table.date, iso)).toEqual([
      '2024-03-08T14:22:05.000Z',
      '2024-03-09T00:30:00.000Z',
      '2024-03-09T00:30:00.000Z',
      '2024-03-09T05:30:00.000Z',
      '2024-03-11T05:30:00.000Z',
      '2024-03-09T00:10:00.000Z',
    ]);
    // ann buys on the 8th and the 9th (Ann@Example.com is the same e-mail): two occasions.
    expect(cleaned.report.purchaseOccasions).toBe(5);
    expect(cleaned.report.revenueAfter).toBe(122.5);
  });

  // Payments stamped in UTC: 23:30 UTC on 30 June 2024 is 09:30 on 1 July in Melbourne and 00:30 on 1 July in London (BST).
  const utcPayments = (header: string, stamp: (iso: string) => string) =>
    [
      `id,${header},Amount,Customer ID`,
      `p1,${stamp('2024-06-30T10:00:00')},10.00,cus_A`,
      `p2,${stamp('2024-06-30T23:30:00')},20.00,cus_A`,
      `p3,${stamp('2024-07-02T12:00:00')},5.00,cus_B`,
    ].join('\n') + '\n';
  test.each([
    ['a "Created date (UTC)" column', utcPayments('Created date (UTC)', (t) => t.replace('T', ' '))],
    ['Z-stamped times', utcPayments('created_at', (t) => `${t}.000Z`)],
    ['+00:00 offsets only', utcPayments('created_at', (t) => `${t}+00:00`)],
  ])('%s: refused in words until the store\'s zone is given (UTC days only when asked for)', async (_case, text) => {
    const refused = await refusal(read(text));
    expect(refused.code).toBe('TIME_ZONE_NEEDED');
    expect(refused.message).toMatch(/are in UTC .*Give the store's time zone.*choose UTC/);
    expect(refused.details?.examples).toHaveLength(3);

    const melbourne = await readAndClean(text, { timeZone: 'Australia/Melbourne' });
    expect(melbourne.report.reading.timeZone).toBe('Australia/Melbourne');
    expect(Array.from(melbourne.table.date, (ms) => isoDay(ms))).toEqual(['2024-06-30', '2024-07-01', '2024-07-02']);
    expect(melbourne.cleaned.report.purchaseOccasions).toBe(3);

    const utc = await readAndClean(text, { timeZone: 'UTC' });
    expect(utc.report.reading.timeZoneReason).toMatch(/^given as an option/);
    expect(Array.from(utc.table.date, (ms) => isoDay(ms))).toEqual(['2024-06-30', '2024-06-30', '2024-07-02']);
    expect(utc.cleaned.report.purchaseOccasions).toBe(2);
  });

  test('offsets other than zero are the store\'s own clock: read without asking', async () => {
    const { report } = await read('id,created_at,Amount,Customer ID\np1,2024-06-30T10:00:00+00:00,10.00,cus_A\np2,2024-07-30T10:00:00+01:00,10.00,cus_A\n');
    expect(report.reading.timeZone).toBeNull();
  });

  test('with the store in New York the days move, and the switch to summer time on 10 March 2024 is honoured', async () => {
    const { table, report, cleaned } = await readAndClean(bytes('shopify-offsets.csv'), { timeZone: 'America/New_York' });
    expect(report.reading.timeZone).toBe('America/New_York');
    // +0100 is UTC+1; New York is UTC-5 before 2024-03-10 07:00 UTC and UTC-4 after.
    // 2024-03-09 05:30 +0100 = 04:30 UTC on the 9th -> 23:30 EST on the 8th;
    // 2024-03-11 05:30 +0100 = 04:30 UTC on the 11th -> 00:30 EDT on the 11th (23:30 on the 10th without summer time).
    expect(Array.from(table.date, iso)).toEqual([
      '2024-03-08T08:22:05.000Z',
      '2024-03-08T18:30:00.000Z',
      '2024-03-08T18:30:00.000Z',
      '2024-03-08T23:30:00.000Z',
      '2024-03-11T00:30:00.000Z',
      '2024-03-08T18:10:00.000Z',
    ]);
    // ann's two orders now fall on one New York day.
    expect(cleaned.report.purchaseOccasions).toBe(4);
    expect(cleaned.report.revenueAfter).toBe(122.5);
  });

  test('"2020-12-02 01:26:43.0 +02:00": read in its own offset, and moved to London time (GMT / BST) on request', async () => {
    const own = await readAndClean(bytes('offsets-colon.csv'));
    expect(own.report.reading.dateForm).toBe('2020-10-06 05:20:12.0 +02:00');
    expect(Array.from(own.table.date, iso)).toEqual([
      '2020-10-06T05:20:12.000Z',
      '2020-12-02T01:26:43.000Z',
      '2020-12-11T23:58:12.000Z',
      '2020-10-25T01:30:00.000Z',
      '2020-10-26T01:30:00.000Z',
    ]);
    expect(own.cleaned.report.purchaseOccasions).toBe(5);
    // 2 x 8.66 + 2 x 16.43 + 18.88 + 5 + 5
    expect(own.cleaned.report.revenueAfter).toBeCloseTo(79.06, 9);

    const london = await readAndClean(bytes('offsets-colon.csv'), { timeZone: 'Europe/London' });
    // Summer time ends 2020-10-25 01:00 UTC: 2020-10-25 01:30 +02:00 = 23:30 UTC on the 24th -> 00:30 BST on the 25th;
    // 2020-10-26 01:30 +02:00 = 23:30 UTC on the 25th -> 23:30 GMT on the 25th. Both are one London day.
    expect(Array.from(london.table.date, iso)).toEqual([
      '2020-10-06T04:20:12.000Z',
      '2020-12-01T23:26:43.000Z',
      '2020-12-11T22:58:12.000Z',
      '2020-10-25T00:30:00.000Z',
      '2020-10-25T23:30:00.000Z',
    ]);
    expect(london.cleaned.report.purchaseOccasions).toBe(4);
  });
});

describe('header-less order logs (CDNOW)', () => {
  test.each([
    ['cdnow-4-columns.txt', ' ', ['customer_id', 'date', 'quantity', 'amount'], ['00001', '00002', '00003'], 10],
    ['cdnow-5-columns.txt', ' ', ['customer_id', 'customer_ref_2', 'date', 'quantity', 'amount'], ['00004', '00018', '00021'], 11],
    ['cdnow-comma.csv', ',', ['customer_id', 'date', 'quantity', 'amount'], ['00001', '00002', '00003'], 10],
  ])('%s: each line an order, values exact, a zero-value order an occasion without spend', async (file, delimiter, header, ids, cds) => {
    const { table, report, cleaned } = await readAndClean(bytes(file));
    expect(report.header).toEqual(header);
    expect(report.reading).toMatchObject({ layout: 'cdnow', headerless: true, titleLines: 0, delimiter, dateForm: '19970101 (YYYYMMDD)' });
    expect(table.customers).toEqual(ids);
    expect(Array.from(table.quantity).reduce((a, b) => a + b, 0)).toBe(cds);
    // 29.33 + 29.73 + 11.77 + 63.34 + 10.00 + 0.00
    expect(cleaned.report.revenueAfter).toBeCloseTo(144.17, 9);
    expect(cleaned.report.keptRows).toBe(6);
    expect(cleaned.report.purchaseOrders).toBe(6);
    // The third customer buys twice on 1997-01-02 and once for 0.00 on 1997-03-05.
    expect(cleaned.report.purchaseOccasions).toBe(5);
    expect(cleaned.report.zeroValueOrders).toBe(1);
    expect(Array.from(cleaned.customerGross, cents)).toEqual([59.06, 11.77, 73.34]);
    expect(isoDay(table.date[5])).toBe('1997-03-05');
  });

  const CDNOW_FILE = `${SHARED_DATA}cdnow_sample.txt`;
  test.skipIf(!existsSync(CDNOW_FILE))(
    `${existsSync(CDNOW_FILE) ? '' : `(skipped: ${CDNOW_FILE} not found) `}the CDNOW 1/10 sample as distributed: 2,357 customers, 6,919 lines, 16,479 CDs, 244,091.94`,
    async () => {
      const { table, report } = await readTransactions(createReadStream(CDNOW_FILE));
      const { kept, report: cleaning } = cleanTransactions(table);
      expect(report.reading).toMatchObject({ layout: 'cdnow', headerless: true, delimiter: ' ' });
      expect(report.rowsRead).toBe(6919);
      expect(cleaning.keptRows).toBe(6919);
      expect(cleaning.customersAfter).toBe(2357);
      // Same-day repeat purchases written twice; without order numbers the order is not compared.
      expect(cleaning.duplicateLines).toBe(21);
      expect(cleaning.purchaseOrders).toBe(6919);
      let cds = 0;
      for (const i of kept) cds += table.quantity[i];
      expect(cds).toBe(16_479);
      expect(cleaning.revenueAfter).toBeCloseTo(244_091.94, 6);
      expect(cleaning.firstDate).toBe('1997-01-01T00:00:00.000Z');
      expect(cleaning.lastDate).toBe('1998-06-30T00:00:00.000Z');
    },
  );
});

describe('damaged text', () => {
  test('a UTF-8 file with one Windows-1252 line stays UTF-8; the bad line is counted and kept', async () => {
    const { table, report, cleaned } = await readAndClean(bytes('utf8-one-cp1252-line.csv'));
    expect(report.encoding).toBe('utf-8');
    expect(report.invalidByteLines).toBe(1);
    expect(report.warnings).toEqual(['1 line holds bytes that are not valid UTF-8; they were read with those characters shown as �.']);
    expect(table.countries).toEqual(['Österreich', '\uFFFDsterreich']);
    expect(table.descriptions).toEqual(['Käsekuchenform', 'Teekanne', 'K\uFFFDseglocke', 'Brötchenkorb']);
    // 12.00 + 2 x 9.50 + 15.00 + 3 x 4.00
    expect(cleaned.report.keptRows).toBe(4);
    expect(cleaned.report.revenueAfter).toBe(58);
  });

  test('a quote opened in the middle of a file and swallowing 26 lines: refused, naming the line', async () => {
    const error = await refusal(read(bytes('unclosed-quote-large.csv')));
    expect(error.code).toBe('PARSE_FAILURES');
    expect(error.message).toBe(
      'A quote opened on line 6 is never closed: it swallowed 26 lines (65.0 %, more than the 0.50 % allowed). ' +
        'Fix or remove that quote (or save the file again from the spreadsheet) and upload it again. Nothing was stored.',
    );
    expect(error.details).toEqual({ line: 6, swallowed: 26 });
  });

  test('a quote swallowing 3 lines of 1,000: those lines are lost, the rest is read, and the warning names the line', async () => {
    // Lines 6-8 of the fixture (records 630005-630007) become one broken row; 990 good lines follow.
    const { report, cleaned } = await readAndClean(withFiller(bytes('unclosed-quote-small.csv'), 990));
    expect(report.warnings).toEqual([
      'A quote opened on line 6 is never closed properly: 3 lines were lost with it. Fix the quote and upload the file again to read them.',
    ]);
    expect(report.rowsRead).toBe(998);
    expect(report.unreadable.brokenQuote).toBe(1);
    expect(cleaned.report.dropped.brokenQuote).toBe(1);
    expect(cleaned.report.keptRows).toBe(997);
    // 7 lines of 2.00 left in the fixture and 990 of 1.00
    expect(cleaned.report.revenueAfter).toBe(1004);
  });

  test('1e308, Infinity, NaN, a NUL byte and control characters as quantities each cost their line; a NUL in a name is removed', async () => {
    // 5 unreadable lines of 1,008: below 0.5 %, so the run goes on.
    const { result } = await analyse(withFiller(bytes('broken-values.csv'), 1000));
    expect(result.ingest.unreadable).toEqual({ badDate: 0, implausibleDate: 0, badNumber: 5, customerIdTooLong: 0, brokenQuote: 0, summaryLine: 0 });
    expect(result.ingest.failures).toEqual([{ field: 'quantity', column: 'Quantity', lines: 5, examples: ['1e308', 'Infinity', 'NaN'] }]);
    // TEA<NUL>POT, a quantity of NUL alone, a quantity of SOH STX.
    expect(result.ingest.controlCharacterLines).toBe(3);
    expect(result.ingest.warnings).toEqual([
      '5 lines have a value in column "Quantity" that could not be read (for example "1e308", "Infinity", "NaN"); they were left out.',
      '3 lines held control characters (such as NUL); they were removed.',
    ]);
    expect(result.cleaning.dropped.badNumber).toBe(5);
    expect(result.cleaning.keptRows).toBe(1003);
    expect(result.features.ids).toEqual(['42001', '42003', '42005', '49999']);
    // 2 x 2.50 + TEAPOT 10.00 + 3 x 2.50 + 1,000 x 1.00
    expect(result.cleaning.revenueAfter).toBeCloseTo(1022.5, 9);
    expect(Array.from(result.features.monetary)).toEqual([5, 10, 7.5, 1000]);
  });
});

describe('implausible dates', () => {
  const NOW = Date.UTC(2024, 5, 1, 12);

  test('years 0001, 1989, 2099 and 9999 are dropped and counted; tomorrow is kept, the day after is not', async () => {
    const { table, report, cleaned } = await readAndClean(bytes('implausible-years.csv'), { now: NOW });
    // Year 1, not 1901 (Date.UTC maps two-digit years to the 1900s).
    expect(table.date[0]).toBe(-62_135_596_800_000);
    expect(iso(table.date[0])).toBe('0001-01-01T00:00:00.000Z');
    expect(iso(table.date[3])).toBe('9999-12-31T23:59:00.000Z');
    expect(report.unreadable.implausibleDate).toBe(5);
    expect(Array.from(table.unreadable)).toEqual([2, 0, 2, 2, 2, 0, 0, 2]);
    expect(report.warnings).toEqual(['5 lines have a date before 1990 or in the future; they were left out.']);
    expect(cleaned.report.dropped.implausibleDate).toBe(5);
    expect(cleaned.report.keptRows).toBe(3);
    expect(cleaned.report.firstDate).toBe('1990-01-01T00:00:00.000Z');
    expect(cleaned.report.lastDate).toBe('2024-06-02T23:00:00.000Z');
  });

  test('without "now" only the dates before 1990 are dropped', async () => {
    const { table, report } = await read(bytes('implausible-years.csv'));
    expect(report.unreadable.implausibleDate).toBe(2);
    expect(Array.from(table.unreadable)).toEqual([2, 0, 0, 0, 2, 0, 0, 0]);
  });
});

describe('files that are not transaction text', () => {
  test.each([
    ['truncated.csv.gz', 'CORRUPT_FILE', /^The gzip file is truncated or damaged \(.+\); nothing was stored\. Compress the file again or upload it uncompressed\.$/],
    ['image-named.csv', 'UNSUPPORTED_FILE', /^The file is a PNG image, not a table of transactions\. Upload the transactions as a CSV, TSV or text export, or as an \.xlsx workbook\.$/],
    ['csv-in-a-zip.zip', 'UNSUPPORTED_FILE', /^The file is a ZIP archive\. Archives other than gzip are not read: unzip it and upload the CSV \(or \.xlsx\) file inside\.$/],
    ['header-only.csv', 'HEADER_ONLY', /^The file has a header row but no transaction lines\.$/],
    ['empty.csv', 'EMPTY_FILE', /^The file is empty: it has no header and no transaction lines\.$/],
  ])('%s is refused in words (%s)', async (file, code, message) => {
    const error = await refusal(read(bytes(file)));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  test.each([
    ['utf16le-japanese.txt', 'utf-16le', 'UTF-16 LE byte order mark'],
    ['utf16be-japanese.txt', 'utf-16be', 'UTF-16 BE byte order mark'],
  ])('%s (tab-separated, with a byte order mark) is read with its Japanese text intact', async (file, encoding, reason) => {
    const { table, report, cleaned } = await readAndClean(bytes(file));
    expect(report.encoding).toBe(encoding);
    expect(report.bom).toBe(true);
    expect(report.reading.encodingReason).toBe(reason);
    expect(report.delimiter).toBe('\t');
    expect(report.header[0]).toBe('InvoiceNo');
    expect(table.descriptions).toEqual(['抹茶 茶碗', '煎茶 100 g', '茶筅']);
    expect(table.countries).toEqual(['日本']);
    expect(table.customers).toEqual(['19352', '19353']);
    // 9.75 + 2 x 12.50 + 14.95
    expect(cleaned.report.revenueAfter).toBeCloseTo(49.7, 9);
  });
});

describe('customer ids', () => {
  test('three different 100,000-character ids are refused line by line, never cut into one; 150-character ids are kept', async () => {
    // The long ids share their first 99,999 characters: cut to any length they would merge.
    const long = (last: string) => `K${'x'.repeat(99_998)}${last}`;
    const mid = (last: string) => `M${'y'.repeat(148)}${last}`;
    const ids = [long('A'), long('B'), long('C'), mid('A'), mid('B'), mid('A'), '44001'];
    const text = HEADER + ids.map((id, i) => `${670_001 + i},A1,MUG,1,2024-01-0${i + 1} 10:00,5.00,${id},United Kingdom\n`).join('');
    const { table, report, cleaned } = await readAndClean(text);
    expect(report.unreadable.customerIdTooLong).toBe(3);
    expect(report.warnings).toEqual(['3 lines have a customer id longer than 200 characters; they were left out rather than cut.']);
    expect(table.customers).toEqual([mid('A'), mid('B'), '44001']);
    expect(Array.from(table.customer)).toEqual([-1, -1, -1, 0, 1, 0, 2]);
    expect(cleaned.report.dropped.customerIdTooLong).toBe(3);
    expect(cleaned.report.dropped.missingCustomer).toBe(0);
    expect(cleaned.report.customersAfter).toBe(3);
    expect(Array.from(cleaned.customerGross)).toEqual([10, 5, 5]);
  });
});

describe('value net of refunds', () => {
  test('line items: refunds matched to purchases, floors at 0, unmatched refunds counted, the big refunded orders net to 0', async () => {
    const { result, customers } = await analyse(bytes('uci-refunds.csv'));
    expect(customers).toEqual({
      // 74,215 x 1.04 = 77,183.60, cancelled by C541433 16 minutes later.
      '12346': { orders: 1, occasions: 1, gross: 77_183.6, refunds: 77_183.6, value: 0, first: '2011-01-18', last: '2011-01-18' },
      // Bought 10.00, returned 3 x 10.00: net max(0, 10 - 30) = 0.
      '13000': { orders: 1, occasions: 1, gross: 10, refunds: 30, value: 0, first: '2011-07-01', last: '2011-07-01' },
      // Returned PARTY BUNTING, which the file never shows them buying: unmatched, still theirs.
      '14000': { orders: 1, occasions: 1, gross: 20, refunds: 5, value: 15, first: '2011-08-01', last: '2011-08-01' },
      // 1.65 + 1.25, then 80,995 x 2.08 = 168,469.60 returned 12 minutes later.
      '16446': { orders: 2, occasions: 2, gross: 168_472.5, refunds: 168_469.6, value: 2.9, first: '2011-05-18', last: '2011-12-09' },
      '17000': { orders: 2, occasions: 2, gross: 300, refunds: 0, value: 300, first: '2011-09-01', last: '2011-10-01' },
    });
    const c = result.cleaning;
    expect(c.valueBasis).toBe('net');
    expect(c.grossRevenue).toBeCloseTo(245_986.1, 6);
    expect(c.refunds).toBeCloseTo(245_688.2, 6);
    // 0 + 0 + 15 + 2.90 + 300
    expect(c.revenueAfter).toBeCloseTo(317.9, 6);
    expect(c.netRevenueUnfloored).toBeCloseTo(297.9, 6);
    expect(c.dropped.cancellation).toBe(4);
    expect(c.returns).toEqual({ lines: 4, customers: 4, value: expect.closeTo(245_688.2, 6), matchedLines: 3, unmatchedLines: 1, unmatchedValue: 5 });
    expect(topIds(result, 3)).toEqual(['17000', '14000', '16446']);
  });

  test('each refund lowers the order it is matched to', async () => {
    const { table, cleaned } = await readAndClean(bytes('uci-refunds.csv'));
    const o = cleaned.orders;
    const net = Object.fromEntries(Array.from(o.invoice, (invoice, k) => [table.invoices[invoice], cents(o.net[k])]));
    expect(net).toEqual({ '541431': 0, '553573': 2.9, '560001': 0, '560003': 20, '560005': 150, '560006': 150, '581483': 0 });
  });

  test("value 'gross' keeps every purchase at full value: the 168,469.60 order tops the ranking", async () => {
    const { result, customers } = await analyse(bytes('uci-refunds.csv'), { value: 'gross' });
    expect(result.cleaning.valueBasis).toBe('gross');
    expect(result.cleaning.revenueAfter).toBeCloseTo(245_986.1, 6);
    expect(result.cleaning.refunds).toBeCloseTo(245_688.2, 6);
    expect(customers['16446'].value).toBe(168_472.5);
    expect(customers['12346'].value).toBe(77_183.6);
    expect(topIds(result, 3)).toEqual(['16446', '12346', '17000']);
  });

  test('Shopify: a fully refunded paid order is an occasion worth 0; pending, voided and cancelled orders are not purchases', async () => {
    const { result, customers } = await analyse(bytes('shopify-refunds.csv'));
    expect(customers).toEqual({
      // #1101 60.00 refunded in full, #1102 40.00 less 10.00 refunded.
      'ann@example.com': { orders: 2, occasions: 2, gross: 100, refunds: 70, value: 30, first: '2024-05-01', last: '2024-05-02' },
      // #1106: the Total of 80.00 once, whatever its two item lines.
      'cara@example.com': { orders: 1, occasions: 1, gross: 80, refunds: 0, value: 80, first: '2024-05-06', last: '2024-05-06' },
    });
    const c = result.cleaning;
    expect(c.dropped.notPaid).toBe(3);
    expect(c.customersBefore).toBe(4);
    expect(c.purchaseOrders).toBe(3);
    expect(c.purchaseOccasions).toBe(3);
    expect([c.grossRevenue, c.refunds, c.revenueAfter]).toEqual([180, 70, 110]);
    expect(result.ingest.statuses).toEqual(
      expect.arrayContaining([
        { value: 'pending', lines: 1, kind: 'notPaid' },
        { value: 'voided', lines: 1, kind: 'notPaid' },
        { value: 'refunded', lines: 2, kind: 'purchase' },
        { value: 'partially_refunded', lines: 1, kind: 'purchase' },
      ]),
    );

    const gross = await analyse(bytes('shopify-refunds.csv'), { value: 'gross' });
    expect(gross.result.cleaning.revenueAfter).toBe(180);
    expect(gross.customers['ann@example.com'].value).toBe(100);
  });

  test('an order log: failed, pending and cancelled orders are not purchases, nor are zero-amount orders', async () => {
    const { result, customers } = await analyse(bytes('order-log-statuses.csv'));
    expect(customers).toEqual({
      C1: { orders: 1, occasions: 1, gross: 25, refunds: 0, value: 25, first: '2024-04-01', last: '2024-04-01' },
      // 12.00 on 2024-04-03; the 0.00 orders on 2024-04-03 and 2024-04-07 are left out.
      C2: { orders: 1, occasions: 1, gross: 12, refunds: 0, value: 12, first: '2024-04-03', last: '2024-04-03' },
    });
    const c = result.cleaning;
    expect(c.dropped.notPaid).toBe(3);
    expect(c.dropped.zeroAmount).toBe(2);
    expect(c.zeroValueOrders).toBe(0);
    expect(c.purchaseOrders).toBe(2);
    expect(c.purchaseOccasions).toBe(2);
    expect(c.revenueAfter).toBe(37);
  });
});

describe('report and spreadsheet exports', () => {
  test('a report with 2 title lines above the header and a TOTAL line below', async () => {
    const { result, customers } = await analyse(bytes('sales-report-title-lines.csv'));
    const r = result.ingest;
    expect(r.reading).toMatchObject({ titleLines: 2, headerless: false, layoutLabel: 'Line-item log with line amounts', dateForm: '1 Feb 2024' });
    expect(r.header[1]).toBe('Document No.');
    expect(r.unreadable.summaryLine).toBe(1);
    expect(r.failures).toEqual([]);
    expect(r.warnings).toEqual([]);
    const c = result.cleaning;
    expect(c.totalRows).toBe(6);
    expect(c.dropped.summaryLine).toBe(1);
    expect(c.dropped.cancellation).toBe(1);
    // 19.90 + 12.50 + 9.95 + 9.00 gross; CN-1004 refunds 9.95 of the mirror bought on INV-1001.
    expect(c.grossRevenue).toBeCloseTo(51.35, 9);
    expect(c.refunds).toBeCloseTo(9.95, 9);
    expect(c.revenueAfter).toBeCloseTo(41.4, 9);
    expect(c.returns).toMatchObject({ lines: 1, matchedLines: 1, unmatchedLines: 0 });
    expect(customers).toEqual({
      'C-100': { orders: 2, occasions: 2, gross: 41.4, refunds: 9.95, value: 31.45, first: '2024-02-01', last: '2024-02-14' },
      'C-200': { orders: 1, occasions: 1, gross: 9.95, refunds: 0, value: 9.95, first: '2024-02-03', last: '2024-02-03' },
    });
  });

  test('an Excel CSV in Windows-1252 with 12-hour times (3/8/2024 2:22 PM) and ids written 17850.0', async () => {
    const { table, report } = await read(bytes('excel-cp1252-12-hour.csv'));
    expect(report.encoding).toBe('windows-1252');
    expect(report.reading.dateOrder).toBe('month-first');
    expect(table.descriptions[0]).toBe('CAFÉ CRÈME MUG');
    expect(table.descriptions[3]).toBe('CAKESTAND £12 OFF');
    expect(Array.from(table.date, iso)).toEqual([
      '2024-03-08T14:22:00.000Z',
      '2024-03-08T14:22:00.000Z',
      '2024-03-15T09:05:00.000Z',
      '2024-03-15T12:30:00.000Z',
      '2024-04-01T00:05:00.000Z',
    ]);
    // 17850.0 and 17850 are one customer.
    expect(table.customers).toEqual(['17850', '13047']);
    const { result, customers } = await analyse(bytes('excel-cp1252-12-hour.csv'));
    expect(result.cleaning.revenueAfter).toBeCloseTo(39.3, 9);
    expect(customers).toEqual({
      // 4 x 2.55 + 3.75 + 12.75
      '17850': { orders: 2, occasions: 2, gross: 26.7, refunds: 0, value: 26.7, first: '2024-03-08', last: '2024-03-15' },
      // 6 x 0.85 + 2 x 3.75
      '13047': { orders: 2, occasions: 2, gross: 12.6, refunds: 0, value: 12.6, first: '2024-03-15', last: '2024-04-01' },
    });
  });
});
