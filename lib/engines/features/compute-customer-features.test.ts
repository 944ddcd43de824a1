import { expect, test } from 'vitest';
import { cleanTransactions } from '../clean/clean-transactions';
import { EngineError } from '../errors';
import { readTransactions } from '../ingest/read-transactions';
import { byteSource } from '../testing/byte-source';
import type { ValueBasis } from '../ingest/types';
import { computeCustomerFeatures } from './compute-customer-features';

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n';
const LINES = [
  // Customer 20: two invoices on two days, UK.
  'i1,P1,LUNCH BAG RED,2,2011-01-01 09:00,5,20.0,United Kingdom', // bags 10
  'i1,P2,CAKE TIN,1,2011-01-01 09:00,10,20.0,United Kingdom', // kitchen 10
  'i2,P1,LUNCH BAG RED,1,2011-01-11 15:00,5,20.0,United Kingdom', // bags 5
  'C9,P1,LUNCH BAG RED,-1,2011-01-12 10:00,5,20.0,United Kingdom', // return 5
  // Customer 3: one invoice, mostly France but one line from Germany.
  'i3,P3,WOODEN DOLL,4,2011-01-05 10:00,2.5,3,France', // toys 10
  'i3,P4,PAPER CHAIN KIT,1,2011-01-05 10:00,2,3,Germany', // other 2
  // Customer 100: three invoices, the last two on the same day.
  'i4,P5,HEART CANDLE HOLDER,1,2011-01-02 10:00,4,100,United Kingdom',
  'i5,P5,HEART CANDLE HOLDER,1,2011-01-20 10:00,4,100,United Kingdom',
  'i6,P2,CAKE TIN,1,2011-01-20 18:00,10,100,United Kingdom',
];

async function build(lines = LINES, snapshot?: number, value: ValueBasis = 'net') {
  const { table } = await readTransactions(byteSource(HEADER + lines.join('\n') + '\n', 50));
  return computeCustomerFeatures(table, cleanTransactions(table, { value }), { snapshot, value });
}

test('computes one row per customer, ordered by numeric id', async () => {
  const { features: f } = await build();
  expect(f.ids).toEqual(['3', '20', '100']);
  // Last purchase 2011-01-20, so the snapshot is 2011-01-21.
  expect(new Date(f.snapshot).toISOString()).toBe('2011-01-21T00:00:00.000Z');
  expect(Array.from(f.recency)).toEqual([16, 10, 1]);
  expect(Array.from(f.tenure)).toEqual([16, 20, 19]);
  expect(Array.from(f.frequency)).toEqual([1, 2, 3]);
  expect(Array.from(f.occasions)).toEqual([1, 2, 2]);
  // Customer 20 bought 25 and returned 5: net 20 over 2 orders.
  expect(Array.from(f.grossSpend)).toEqual([12, 25, 18]);
  expect(Array.from(f.refunds)).toEqual([0, 5, 0]);
  expect(Array.from(f.monetary)).toEqual([12, 20, 18]);
  expect(Array.from(f.averageOrderValue)).toEqual([12, 10, 6]);
  expect(Array.from(f.distinctProducts)).toEqual([2, 2, 2]);
  expect(Array.from(f.returnLines)).toEqual([0, 1, 0]);
  expect(f.returnRate[1]).toBeCloseTo(5 / 25, 12);
  expect(f.primaryCountry.length).toBe(3);
  expect(f.countries[f.primaryCountry[0]]).toBe('France');
  expect(f.homeCountry).toBe('United Kingdom');
  expect(Array.from(f.homeMarket)).toEqual([0, 1, 1]);
});

test('the home market is the known country with the most revenue; a file without countries has none', async () => {
  // Customers 20 and 100 (28 + 18 of revenue) lose their country: France (12) is the largest known.
  const unknownUk = LINES.map((line) => line.replace(',United Kingdom', ','));
  const { features: f } = await build(unknownUk);
  expect(f.countries[f.primaryCountry[1]]).toBe('Unknown');
  expect(f.homeCountry).toBe('France');
  expect(Array.from(f.homeMarket)).toEqual([1, 0, 0]);
  // No country at all: no home market, and no customer marked as in it.
  const noCountry = await build(LINES.map((line) => line.replace(/,[^,]*$/, ',')));
  expect(noCountry.features.countries).toEqual(['Unknown']);
  expect(noCountry.features.homeCountry).toBe('');
  expect(Array.from(noCountry.features.homeMarket)).toEqual([0, 0, 0]);
});

test("value 'gross' keeps monetary value at the full purchases", async () => {
  const { features: f, purchases } = await build(LINES, undefined, 'gross');
  expect(Array.from(f.monetary)).toEqual([12, 25, 18]);
  expect(Array.from(f.averageOrderValue)).toEqual([12, 12.5, 6]);
  expect(Array.from(f.refunds)).toEqual([0, 5, 0]);
  expect(Array.from(purchases.value)).toEqual([20, 5, 12, 4, 4, 10]);
});

test('splits revenue into product-mix shares by description keywords', async () => {
  const { features: f } = await build();
  expect(f.categories).toEqual(['bags', 'kitchen', 'home decor', 'toys', 'other']);
  const row = (c: number) => Array.from(f.mix.subarray(c * 5, c * 5 + 5));
  expect(row(0).map((x) => +x.toFixed(6))).toEqual([0, 0, 0, +(10 / 12).toFixed(6), +(2 / 12).toFixed(6)]);
  expect(row(1)).toEqual([15 / 25, 10 / 25, 0, 0, 0]);
  expect(row(2)).toEqual([0, 10 / 18, 8 / 18, 0, 0]);
});

test('produces invoice-level purchases with fractional days', async () => {
  const { purchases } = await build();
  expect(Array.from(purchases.customer)).toEqual([1, 1, 0, 2, 2, 2]);
  // The return of LUNCH BAG RED on 2011-01-12 is set against i2 (its latest purchase, 2011-01-11): 5 - 5 = 0.
  expect(Array.from(purchases.value)).toEqual([20, 0, 12, 4, 4, 10]);
  expect(purchases.day[0]).toBeCloseTo(Date.UTC(2011, 0, 1, 9) / 86_400_000, 10);
});

test('honours an explicit snapshot and refuses one on or before the last purchase day', async () => {
  const { features } = await build(LINES, Date.UTC(2011, 1, 1));
  expect(Array.from(features.recency)).toEqual([27, 21, 12]);
  const { features: dayAfter } = await build(LINES, Date.UTC(2011, 0, 21));
  expect(Array.from(dayAfter.recency)).toEqual([16, 10, 1]);
  for (const snapshot of [Date.UTC(2011, 0, 10), Date.UTC(2011, 0, 20, 23)]) {
    await expect(build(LINES, snapshot)).rejects.toThrow(
      new EngineError('INVALID_OPTION', 'The snapshot date must be after the last purchase (2011-01-20); the default is the day after it.'),
    );
  }
});

test('an invoice number shared by two customers is a purchase of each', async () => {
  const { features, purchases } = await build([
    'i1,P1,MUG,1,2011-01-01 10:00,5,1,United Kingdom',
    'i1,P2,MUG,2,2011-01-01 10:00,5,2,United Kingdom',
    'i1,P3,MUG,1,2011-01-01 10:00,3,2,United Kingdom',
  ]);
  expect(Array.from(features.frequency)).toEqual([1, 1]);
  expect(Array.from(features.monetary)).toEqual([5, 13]);
  expect(Array.from(purchases.customer)).toEqual([0, 1]);
  expect(Array.from(purchases.value)).toEqual([5, 13]);
});

test('orders whole-number ids of any length numerically', async () => {
  const { features } = await build([
    'i1,P1,MUG,1,2011-01-01,5,100000000000000000001,UK',
    'i2,P1,MUG,1,2011-01-01,5,99999999999999999999,UK',
    'i3,P1,MUG,1,2011-01-01,5,7,UK',
  ]);
  expect(features.ids).toEqual(['7', '99999999999999999999', '100000000000000000001']);
});
