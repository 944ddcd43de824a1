import { createReadStream, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { EngineError } from '../errors';
import { byteSource, SHARED_DATA } from '../testing/byte-source';
import { readTransactions } from './read-transactions';
import type { IngestProgress } from './types';

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n';
const SMALL =
  HEADER +
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n' +
  '536365,71053,"METAL LANTERN, WHITE",6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom\n' +
  'C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom\n' +
  '536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom\n';

async function expectEngineError(promise: Promise<unknown>, code: string, message: RegExp) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(EngineError);
  expect((error as EngineError).code).toBe(code);
  expect((error as EngineError).message).toMatch(message);
}

describe('readTransactions', () => {
  test('reads lines into typed columns with interned text', async () => {
    const { table, report } = await readTransactions(byteSource(SMALL, 5));
    expect(table.length).toBe(4);
    expect(report.rowsRead).toBe(4);
    expect(table.invoices).toEqual(['536365', 'C536379', '536414']);
    expect(Array.from(table.invoice)).toEqual([0, 0, 1, 2]);
    expect(table.descriptions[table.description[1]]).toBe('METAL LANTERN, WHITE');
    expect(Array.from(table.quantity)).toEqual([6, 6, -1, 56]);
    expect(Array.from(table.unitPrice)).toEqual([2.55, 3.39, 27.5, 0]);
    expect(table.date[0]).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(table.customers).toEqual(['17850', '14527']);
    expect(Array.from(table.customer)).toEqual([0, 0, 1, -1]);
    expect(report.mapping.unitPrice).toBe('UnitPrice');
    expect(report.gzip).toBe(false);
    expect(report.encoding).toBe('utf-8');
  });

  test('reads gzip, a BOM and CRLF line endings', async () => {
    const text = '\uFEFF' + SMALL.replace(/\n/g, '\r\n');
    const { table, report } = await readTransactions(byteSource(gzipSync(Buffer.from(text, 'utf8')), 11));
    expect(report.gzip).toBe(true);
    expect(report.bom).toBe(true);
    expect(report.header[0]).toBe('InvoiceNo');
    expect(table.length).toBe(4);
    expect(table.countries).toEqual(['United Kingdom']);
  });

  test('detects Windows-1252 / ISO-8859-1 text and decodes the pound sign', async () => {
    // 12/1/2010 alone could be either order; the option says which (see the ambiguous-date tests).
    const text = HEADER + '536365,X,Gift Voucher \xA310.00,1,12/1/2010 8:26,10,17850.0,United Kingdom\n';
    const { table, report } = await readTransactions(byteSource(Buffer.from(text, 'latin1'), 4096), { dateOrder: 'month-first' });
    expect(report.encoding).toBe('windows-1252');
    expect(table.descriptions[0]).toBe('Gift Voucher £10.00');
    expect(table.date[0]).toBe(Date.UTC(2010, 11, 1, 8, 26));
  });

  test('keeps UTF-8 text that contains the pound sign as UTF-8', async () => {
    const text = HEADER + '536365,X,Gift Voucher £10.00,1,2010-12-01 08:26,10,17850,United Kingdom\n';
    const { table, report } = await readTransactions(byteSource(text, 3));
    expect(report.encoding).toBe('utf-8');
    expect(table.descriptions[0]).toBe('Gift Voucher £10.00');
  });

  test('reads the Online Retail II header and day-first dates on request', async () => {
    const text = 'Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n489434,85048,LED,12,1/12/2009 07:45,6.95,13085.0,United Kingdom\n';
    const { table } = await readTransactions(byteSource(text), { dateOrder: 'day-first' });
    expect(table.date[0]).toBe(Date.UTC(2009, 11, 1, 7, 45));
    expect(table.unitPrice[0]).toBe(6.95);
  });

  test('accepts a semicolon-separated file with an explicit mapping', async () => {
    const text = 'order;when;client;units;each\nA1;2011-01-02;c9;2;3.5\n';
    const { table, report } = await readTransactions(byteSource(text), {
      columns: { invoice: 'order', invoiceDate: 'when', customerId: 'client', quantity: 'units', unitPrice: 'each' },
    });
    expect(report.delimiter).toBe(';');
    expect(table.customers).toEqual(['c9']);
    expect(table.quantity[0]).toBe(2);
    expect(report.mapping.country).toBeNull();
  });

  test('keeps unparseable numbers and dates as NaN, counted by reason, when the file may lose that many lines', async () => {
    const text = HEADER + '1,X,a,six,not a date,,17850,UK\n2,X,a,6,2011-01-01,oops,17850,UK\n3,X,a,1,2011-01-02,2,17850,UK\n';
    const { table, report } = await readTransactions(byteSource(text), { maxParseFailureShare: 1 });
    expect(table.quantity[0]).toBeNaN();
    expect(table.unitPrice[0]).toBeNaN();
    expect(table.date[0]).toBeNaN();
    expect(table.unitPrice[1]).toBeNaN();
    expect(Array.from(table.unreadable)).toEqual([1, 3, 0]);
    expect(report.unreadable).toEqual({ badDate: 1, implausibleDate: 0, badNumber: 1, customerIdTooLong: 0, brokenQuote: 0, summaryLine: 0 });
    expect(report.failures).toEqual([
      { field: 'invoiceDate', column: 'InvoiceDate', lines: 1, examples: ['not a date'] },
      { field: 'unitPrice', column: 'UnitPrice', lines: 1, examples: ['oops'] },
    ]);
  });

  test('refuses a file where more than 0.5 % of the lines cannot be read, naming the column and examples', async () => {
    const text = HEADER + '1,X,a,six,not a date,,17850,UK\n3,X,a,1,2011-01-02,2,17850,UK\n';
    await expectEngineError(
      readTransactions(byteSource(text)),
      'PARSE_FAILURES',
      /^1 of 2 lines \(50\.0 %, more than the 0\.50 % allowed\) have a value in column "InvoiceDate" that could not be read, for example "not a date"\. .*Nothing was stored\.$/,
    );
  });

  test('a column mixing day-first and month-first dates is refused naming one of each, not one form as the form read', async () => {
    const dates = ['25/08/2024', '23/01/2024', '07/26/2024', '2024-01-05', '05/03/2024'];
    const text = 'customer_id,order_date,order_value\n' + dates.map((d, i) => `C${i},${d},10.00`).join('\n') + '\n';
    await expectEngineError(
      readTransactions(byteSource(text)),
      'PARSE_FAILURES',
      new RegExp(
        '^1 of 5 lines \\(20\\.0 %, more than the 0\\.50 % allowed\\) have a value in column "order_date" that could not be read, for example "07/26/2024"\\. ' +
          'Dates were read day-first, but the column mixes day-first dates \\(25/08/2024\\) and month-first ones \\(07/26/2024\\): 2 distinct dates can only be read day first, 1 only month first\\. ' +
          'One column cannot be read both ways: write the dates of one form the other way, or save the file with dates as YYYY-MM-DD\\. Nothing was stored\\.$',
      ),
    );
  });

  test('a day-first column with one month-first slip is read day first, as its dates show, and the slip is counted', async () => {
    const days = Array.from({ length: 300 }, (_, i) => `${String(13 + (i % 16)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/2024`);
    const text = 'customer_id,order_date,order_value\n' + [...days, '05/04/2024', '01/31/2024'].map((d, i) => `C${i % 40},${d},10.00`).join('\n') + '\n';
    const { table, report } = await readTransactions(byteSource(text));
    expect(report.reading.dateOrder).toBe('day-first');
    expect(report.reading.dateOrderReason).toMatch(/^the column mixes day-first dates \(13\/01\/2024\) and month-first ones \(01\/31\/2024\): \d+ distinct dates can only be read day first, 1 only month first$/);
    expect(report.failures).toEqual([{ field: 'invoiceDate', column: 'order_date', lines: 1, examples: ['01/31/2024'] }]);
    // 05/04/2024 is the 5th of April, as the file's other dates put the day first.
    expect(table.date[300]).toBe(Date.UTC(2024, 3, 5));
  });

  test('cuts 100,000-character fields and says so', async () => {
    const long = 'x'.repeat(100_000);
    const text = HEADER + `1,X,${long},1,2011-01-01,1,17850,UK\n`;
    const { table, report } = await readTransactions(byteSource(text, 4096));
    expect(table.descriptions[0]).toHaveLength(1000);
    expect(report.truncatedFields).toBe(1);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(/^1 text values were longer than 1,000 characters and were cut\.$/);
  });

  test('reports progress in bytes and rows', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => `${i},X,a,1,2011-01-01,1,${i % 7},UK`).join('\n');
    const events: IngestProgress[] = [];
    const data = HEADER + rows + '\n';
    await readTransactions(byteSource(data, 64), { progressEveryRows: 100, onProgress: (p) => events.push(p), totalBytes: data.length });
    expect(events.length).toBeGreaterThanOrEqual(2);
    const last = events[events.length - 1];
    expect(last).toEqual({ bytesRead: data.length, totalBytes: data.length, rowsRead: 250 });
    for (let i = 1; i < events.length; i++) expect(events[i].rowsRead).toBeGreaterThanOrEqual(events[i - 1].rowsRead);
  });

  test.each([
    ['an empty file', '', 'EMPTY_FILE', /empty/],
    ['a file of blank lines', '\n\n\n', 'EMPTY_FILE', /empty/],
    ['a header only', HEADER, 'HEADER_ONLY', /header row but no transaction lines/],
    ['wrong columns', 'name,email\nann,a@b.c\n', 'MISSING_COLUMNS', /^Could not find the date, the value \(an amount or order total column, or quantity and unit price\)\. The file's columns are: "name", "email"\./],
  ])('refuses %s with a plain error', async (_label, text, code, message) => {
    await expectEngineError(readTransactions(byteSource(text)), code, message);
  });
});

const ONLINE_RETAIL = `${SHARED_DATA}online_retail.csv.gz`;
const ONLINE_RETAIL_SUITE = existsSync(ONLINE_RETAIL) ? 'UCI Online Retail' : `UCI Online Retail (skipped: ${ONLINE_RETAIL} not found)`;

describe.skipIf(!existsSync(ONLINE_RETAIL))(ONLINE_RETAIL_SUITE, () => {
  test('reads all 541,909 lines and 4,372 customers', async () => {
    const { table, report } = await readTransactions(createReadStream(ONLINE_RETAIL));
    expect(report.rowsRead).toBe(541_909);
    expect(table.customers.length).toBe(4372);
    expect(table.invoices.length).toBe(25_900);
    expect(table.stockCodes.length).toBe(4070);
    expect(table.countries.length).toBe(38);
    let missing = 0;
    for (let i = 0; i < table.length; i++) if (table.customer[i] < 0) missing++;
    expect(missing).toBe(135_080);
    expect(report.encoding).toBe('utf-8');
  });
});
