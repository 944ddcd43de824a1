import { expect, test } from 'vitest';
import { EngineError } from '../errors';
import { resolveColumns } from './header-mapping';

test('recognises the original UCI layout', () => {
  const header = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
  expect(resolveColumns(header)).toEqual({
    invoice: 0, stockCode: 1, description: 2, quantity: 3, invoiceDate: 4, unitPrice: 5, customerId: 6, country: 7,
  });
});

test('recognises the Online Retail II layout, whatever the case and spacing', () => {
  const header = ['invoice', ' StockCode', 'DESCRIPTION', 'Quantity', 'Invoice Date', 'Price', 'Customer ID', 'country'];
  expect(resolveColumns(header)).toEqual({
    invoice: 0, stockCode: 1, description: 2, quantity: 3, invoiceDate: 4, unitPrice: 5, customerId: 6, country: 7,
  });
});

test('uses an explicit mapping for other layouts and leaves optional fields out', () => {
  const header = ['Order', 'When', 'Client Number', 'Units', 'Each'];
  const columns = resolveColumns(header, { invoice: 'Order', invoiceDate: 'When', customerId: 'Client Number', quantity: 'Units', unitPrice: 'Each' });
  expect(columns).toMatchObject({ invoice: 0, invoiceDate: 1, customerId: 2, quantity: 3, unitPrice: 4, stockCode: -1, description: -1, country: -1 });
});

test('names the missing columns and the columns that exist', () => {
  const attempt = () => resolveColumns(['Invoice', 'Date', 'Amount']);
  expect(attempt).toThrow(EngineError);
  expect(attempt).toThrow(/quantity, unitPrice, customerId.*"Invoice", "Date", "Amount"/);
});

test('rejects an explicit mapping to a column that does not exist', () => {
  expect(() => resolveColumns(['a', 'b'], { invoice: 'Order' })).toThrow(/"Order" chosen for invoice is not in the file/);
});
