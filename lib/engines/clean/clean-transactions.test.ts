import { createReadStream, existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readTransactions } from '../ingest/read-transactions';
import { byteSource, SHARED_DATA } from '../testing/byte-source';
import { cleanTransactions } from './clean-transactions';
import { DROP_REASONS } from './types';

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n';
// One line per rule, plus kept lines, a duplicate and two spellings of an unknown country.
const LINES = [
  '1,A,Mug,2,2011-01-01 10:00,3.0,10,United Kingdom', // kept: 6.00
  '1,A,Mug,2,2011-01-01 10:00,3.0,10,United Kingdom', // exact duplicate, kept by default: 6.00
  '2,B,Bag,1,2011-02-01 10:00,5.0,11, France ', // kept, country trimmed on reading: 5.00
  '3,B,Bag,1,2011-02-02 10:00,5.0,12,Unspecified', // kept, country unknown: 5.00
  '4,B,Bag,1,garbage,5.0,12,France', // bad date
  '5,B,Bag,many,2011-02-02 10:00,5.0,12,France', // bad number
  '6,B,Bag,1,2011-02-02 10:00,5.0,,France', // missing customer
  'A7,B,Adjust bad debt,1,2011-02-02 10:00,-11062.06,12,France', // adjustment
  'C8,B,Bag,-1,2011-02-03 10:00,5.0,10,United Kingdom', // cancellation -> return of customer 10
  '9,B,Bag,-2,2011-02-03 10:00,5.0,11,France', // negative quantity -> return of customer 11
  '10,B,Bag,0,2011-02-03 10:00,5.0,11,France', // zero quantity
  '11,B,Bag,3,2011-02-03 10:00,0,11,France', // zero price
];

// Two unreadable lines in twelve are far above the 0.5 % a real file may lose; allow them so each rule is seen.
async function load(lines: string[]) {
  return (await readTransactions(byteSource(HEADER + lines.join('\n') + '\n', 64), { maxParseFailureShare: 1 })).table;
}

test('counts every dropped line under the first rule it breaks', async () => {
  const table = await load(LINES);
  const { kept, returns, report } = cleanTransactions(table);
  expect(Array.from(kept)).toEqual([0, 1, 2, 3]);
  expect(Array.from(returns)).toEqual([8, 9]);
  expect(report.dropped).toEqual({
    brokenQuote: 0, summaryLine: 0, badDate: 1, implausibleDate: 0, badNumber: 1, customerIdTooLong: 0, missingCustomer: 1,
    notPaid: 0, adjustment: 1, cancellation: 1, refundLine: 0, negativeQuantity: 1, zeroQuantity: 1, nonPositivePrice: 1, zeroAmount: 0, duplicate: 0,
  });
  expect(report.keptRows + DROP_REASONS.reduce((sum, r) => sum + report.dropped[r], 0)).toBe(report.totalRows);
  expect(report.duplicateLines).toBe(1);
  expect(report.customersBefore).toBe(3);
  expect(report.customersAfter).toBe(3);
  expect(report.invoicesAfter).toBe(3);
  expect(report.purchaseOrders).toBe(3);
  expect(report.purchaseOccasions).toBe(3);
  // Gross 12 + 5 + 5. Customer 10 returns 5 of a product (B) never bought in the file: unmatched,
  // but still theirs (net 12 - 5 = 7). Customer 11 returns 10 of the bag bought for 5: net max(0, 5 - 10) = 0.
  expect(report.valueBasis).toBe('net');
  expect(report.grossRevenue).toBeCloseTo(22, 10);
  expect(report.refunds).toBeCloseTo(15, 10);
  expect(report.netRevenueUnfloored).toBeCloseTo(7, 10);
  expect(report.netRevenue).toBeCloseTo(7 + 0 + 5, 10);
  expect(report.revenueAfter).toBeCloseTo(12, 10);
  expect(report.returns).toEqual({ lines: 2, customers: 2, value: 15, matchedLines: 1, unmatchedLines: 1, unmatchedValue: 5 });
  // ' France ' is trimmed when the file is read; only 'Unspecified' is renamed here.
  expect(table.countries).toContain('France');
  expect(report.countriesNormalised).toBe(1);
  // Country revenue is the orders' net value: only the matched refund lowers an order.
  expect(report.countries.map((c) => [c.country, c.rows, c.customers, c.revenue])).toEqual([
    ['United Kingdom', 2, 1, 12],
    ['Unknown', 1, 1, 5],
    ['France', 1, 1, 0],
  ]);
  expect(report.firstDate).toBe('2011-01-01T10:00:00.000Z');
  expect(report.lastDate).toBe('2011-02-02T10:00:00.000Z');
});

test("value 'gross' keeps purchases at full value and still counts the refunds", async () => {
  const table = await load(LINES);
  const { report } = cleanTransactions(table, { value: 'gross' });
  expect(report.valueBasis).toBe('gross');
  expect(report.revenueAfter).toBeCloseTo(22, 10);
  expect(report.refunds).toBeCloseTo(15, 10);
  expect(report.netRevenue).toBeCloseTo(12, 10);
  expect(report.countries.map((c) => [c.country, c.revenue])).toEqual([
    ['United Kingdom', 12],
    ['France', 5],
    ['Unknown', 5],
  ]);
});

test('drops exact duplicates only when asked', async () => {
  const table = await load(LINES);
  const { kept, report } = cleanTransactions(table, { dropDuplicates: true });
  expect(Array.from(kept)).toEqual([0, 2, 3]);
  expect(report.dropped.duplicate).toBe(1);
  expect(report.duplicatesDropped).toBe(true);
});

test('a file without any customer ids leaves nothing and says why', async () => {
  const table = await load(['1,A,Mug,2,2011-01-01,3,,UK', '2,A,Mug,2,2011-01-01,3,,UK']);
  const { kept, report } = cleanTransactions(table);
  expect(kept.length).toBe(0);
  expect(report.dropped.missingCustomer).toBe(2);
  expect(report.firstDate).toBeNull();
});

const ONLINE_RETAIL = `${SHARED_DATA}online_retail.csv.gz`;
const ONLINE_RETAIL_SUITE = existsSync(ONLINE_RETAIL) ? 'UCI Online Retail' : `UCI Online Retail (skipped: ${ONLINE_RETAIL} not found)`;

describe.skipIf(!existsSync(ONLINE_RETAIL))(ONLINE_RETAIL_SUITE, () => {
  test('default cleaning is net of refunds, gross keeps the published figures, and every line is accounted for', async () => {
    const { table } = await readTransactions(createReadStream(ONLINE_RETAIL));
    const { report } = cleanTransactions(table);
    expect(report.totalRows).toBe(541_909);
    expect(report.keptRows).toBe(397_884);
    expect(report.keptRows + DROP_REASONS.reduce((sum, r) => sum + report.dropped[r], 0)).toBe(541_909);
    expect(report.customersBefore).toBe(4372);
    expect(report.customersAfter).toBe(4338);
    expect(report.invoicesAfter).toBe(18_532);
    expect(report.purchaseOrders).toBe(18_532);
    expect(report.valueBasis).toBe('net');
    expect(report.revenueAfter).toBeCloseTo(8_313_294.95, 2);
    expect(report.grossRevenue).toBeCloseTo(8_911_407.9, 2);
    expect(report.refunds).toBeCloseTo(611_342.09, 2);
    expect(report.dropped.cancellation).toBe(8905);
    expect(report.returns.lines).toBe(8905);
    expect(report.duplicateLines).toBe(5268);
    expect(report.dropped.missingCustomer).toBe(135_080);
    expect(report.countries[0].country).toBe('United Kingdom');

    const gross = cleanTransactions(table, { value: 'gross' }).report;
    expect(gross.valueBasis).toBe('gross');
    expect(gross.keptRows).toBe(397_884);
    expect(gross.customersAfter).toBe(4338);
    expect(gross.revenueAfter).toBeCloseTo(8_911_407.9, 2);
  });
});
