import { expect, test } from 'vitest';
import { interpretLines } from './interpret-lines';
import { RawColumnsBuilder } from './raw-columns';
import { TRANSACTION_FIELDS, type TransactionField } from './types';

const HEADER = ['InvoiceNo', 'StockCode', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
const FIELD_OF: Record<string, TransactionField> = {
  InvoiceNo: 'invoice',
  StockCode: 'stockCode',
  Quantity: 'quantity',
  InvoiceDate: 'invoiceDate',
  UnitPrice: 'unitPrice',
  CustomerID: 'customerId',
  Country: 'country',
};
const COLUMNS = Object.fromEntries(TRANSACTION_FIELDS.map((f) => [f, HEADER.findIndex((h) => FIELD_OF[h] === f)])) as Record<TransactionField, number>;

function builderOf(rows: string[][], firstLine = 2, initialCapacity?: number): RawColumnsBuilder {
  const builder = new RawColumnsBuilder(COLUMNS, initialCapacity);
  rows.forEach((row, k) => builder.push(row, firstLine + k, false, 1));
  return builder;
}

test('a builder that grows past its capacity keeps every line', () => {
  // 16 lines of room, 40 lines: it grows once (to 64), copying the first 16.
  const rows = Array.from({ length: 40 }, (_, k) => [`5${k % 3}`, `S${k % 5}`, '1', '2011-01-01', '1.5', `${k % 7}`, 'UK']);
  const raw = builderOf(rows, 2, 16).build();
  expect(raw.length).toBe(40);
  expect([...raw.columns.invoice!.codes]).toEqual(Array.from({ length: 40 }, (_, k) => k % 3));
  expect([...raw.columns.customerId!.codes]).toEqual(Array.from({ length: 40 }, (_, k) => k % 7));
  expect(raw.line[0]).toBe(2);
  expect(raw.line[39]).toBe(41);
});

test('append consumes the range: its lines are remapped into the builder and its arrays released', () => {
  const builder = builderOf([
    ['1', 'A', '1', '2011-01-01', '2', 'C1', 'UK'],
    ['2', 'B', '1', '2011-01-02', '3', 'C2', 'FR'],
  ]);
  const range = builderOf(
    [
      ['3', 'B', '2', '2011-01-03', '3', 'C3', 'FR'],
      ['1', 'Z', '1', '2011-01-04', '4', 'C1', 'DE'],
    ],
    1,
  ).build();
  builder.append(range, 10, 0);
  const raw = builder.build();
  expect(raw.length).toBe(4);
  expect([...raw.columns.stockCode!.codes]).toEqual([0, 1, 1, 2]);
  expect(raw.columns.stockCode!.values).toEqual(['A', 'B', 'Z']);
  expect([...raw.columns.country!.codes]).toEqual([0, 1, 1, 2]);
  expect([...raw.line]).toEqual([2, 3, 11, 12]);
  expect(range.columns.stockCode!.codes.length).toBe(0);
  expect(range.columns.invoice!.codes.length).toBe(0);
  expect(range.line.length).toBe(0);
  expect(range.brokenQuote.length).toBe(0);
  expect(range.swallowed.length).toBe(0);
});

test('interpretLines consumes the raw lines: it reads them into the table, then releases them', () => {
  const raw = builderOf([
    ['536365', '85123A', '6', '2010-12-01 08:26:00', '2.55', '17850', 'United Kingdom'],
    ['536365', '71053', '6', '2010-12-01 08:26:00', '3.39', '17850', 'United Kingdom'],
    ['C536379', 'D', '-1', '2010-12-01 09:41:00', '27.50', '14527', 'France'],
    ['536380', '71053', '2', 'not a date', '3.39', '', 'Total'],
  ]).build();
  const { table, unreadable } = interpretLines(raw, { maxCustomerIdLength: 200, maxFieldLength: 1000, headers: {} });
  expect(table.length).toBe(4);
  expect(table.invoices).toEqual(['536365', 'C536379', '536380']);
  expect([...table.invoice]).toEqual([0, 0, 1, 2]);
  expect(table.stockCodes).toEqual(['85123A', '71053', 'D']);
  expect([...table.stockCode]).toEqual([0, 1, 2, 1]);
  expect([...table.quantity]).toEqual([6, 6, -1, 2]);
  expect([...table.amount]).toEqual([15.299999999999999, 20.34, -27.5, 6.78]);
  expect([...table.date.subarray(0, 3)]).toEqual([Date.UTC(2010, 11, 1, 8, 26), Date.UTC(2010, 11, 1, 8, 26), Date.UTC(2010, 11, 1, 9, 41)]);
  expect(table.date[3]).toBeNaN();
  expect(table.customers).toEqual(['17850', '14527']);
  expect([...table.customer]).toEqual([0, 0, 1, -1]);
  expect([...table.refersTo]).toEqual([-1, -1, -1, -1]);
  // The last line has no date, no customer and a "Total" in a text column: a summary line.
  expect(unreadable.summaryLine).toBe(1);
  expect(unreadable.badDate).toBe(0);
  for (const field of ['invoice', 'stockCode', 'quantity', 'invoiceDate', 'unitPrice', 'customerId', 'country'] as const) {
    expect(raw.columns[field]!.codes.length).toBe(0);
  }
  expect(raw.line.length).toBe(0);
  expect(raw.brokenQuote.length).toBe(0);
});
