import { expect, test } from 'vitest';
import { EngineError } from '../errors';
import { detectLayout, normaliseHeader, resolveColumns } from './header-mapping';
import { TRANSACTION_FIELDS, type TransactionField } from './types';

/** Every field absent (-1) except the given ones. */
const only = (present: Partial<Record<TransactionField, number>>) =>
  ({ ...Object.fromEntries(TRANSACTION_FIELDS.map((f) => [f, -1])), ...present }) as Record<TransactionField, number>;

test('recognises the original UCI layout', () => {
  const header = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
  expect(detectLayout(header.map(normaliseHeader)).id).toBe('uci-lines');
  expect(resolveColumns(header)).toEqual(
    only({ invoice: 0, stockCode: 1, description: 2, quantity: 3, invoiceDate: 4, unitPrice: 5, customerId: 6, country: 7 }),
  );
});

test('recognises the Online Retail II layout, whatever the case and spacing', () => {
  const header = ['invoice', ' StockCode', 'DESCRIPTION', 'Quantity', 'Invoice Date', 'Price', 'Customer ID', 'country'];
  expect(detectLayout(header.map(normaliseHeader)).id).toBe('uci-lines');
  expect(resolveColumns(header)).toEqual(
    only({ invoice: 0, stockCode: 1, description: 2, quantity: 3, invoiceDate: 4, unitPrice: 5, customerId: 6, country: 7 }),
  );
});

test.each([
  ['Shopify', ['Name', 'Email', 'Financial Status', 'Paid at', 'Total', 'Refunded Amount', 'Lineitem name', 'Created at'], 'shopify-orders', { invoice: 0, email: 1, status: 2, orderTotal: 4, refundAmount: 5, description: 6, invoiceDate: 7 }],
  ['WooCommerce', ['Order Number', 'Order Status', 'Order Date', 'Customer User ID', 'Billing Email', 'Order Total', 'Order Refund Amount'], 'woocommerce-orders', { invoice: 0, status: 1, invoiceDate: 2, email: 4, orderTotal: 5, refundAmount: 6 }],
  ['Stripe', ['id', 'Created date (UTC)', 'Amount', 'Amount Refunded', 'Currency', 'Status', 'Customer ID'], 'stripe-payments', { invoiceDate: 1, amount: 2, refundAmount: 3, currency: 4, status: 5, customerId: 6 }],
  ['Square', ['Date', 'Time', 'Time Zone', 'Item', 'Qty', 'Net Sales', 'Event Type', 'Customer ID'], 'square-items', { invoiceDate: 0, invoiceTime: 1, timeZone: 2, description: 3, quantity: 4, amount: 5, lineType: 6, customerId: 7 }],
] as const)('recognises a %s export by its tell-tale columns', (_name, header, layout, present) => {
  expect(detectLayout(header.map(normaliseHeader)).id).toBe(layout);
  expect(resolveColumns(header)).toEqual(only(present));
});

test('uses an explicit mapping for other layouts and leaves optional fields out', () => {
  const header = ['Order', 'When', 'Client Number', 'Units', 'Each'];
  const columns = resolveColumns(header, { invoice: 'Order', invoiceDate: 'When', customerId: 'Client Number', quantity: 'Units', unitPrice: 'Each' });
  expect(columns).toEqual(only({ invoice: 0, invoiceDate: 1, customerId: 2, quantity: 3, unitPrice: 4 }));
});

test.each([
  [['Invoice', 'Date', 'Amount'], 'Could not find the customer (an id or e-mail column). The file\'s columns are: "Invoice", "Date", "Amount".', ['the customer (an id or e-mail column)'], { invoice: 'Invoice', invoiceDate: 'Date', amount: 'Amount' }],
  [['Customer', 'Date', 'Notes'], 'Could not find the value (an amount or order total column, or quantity and unit price). The file\'s columns are: "Customer", "Date", "Notes".', ['the value (an amount or order total column, or quantity and unit price)'], { invoiceDate: 'Date', customerId: 'Customer' }],
  [['name', 'email'], 'Could not find the date, the value (an amount or order total column, or quantity and unit price). The file\'s columns are: "name", "email".', ['the date', 'the value (an amount or order total column, or quantity and unit price)'], { email: 'email' }],
])('names what is missing, the columns that exist and those recognised: %j', (header, message, missing, resolved) => {
  const attempt = () => resolveColumns(header);
  expect(attempt).toThrow(EngineError);
  expect(attempt).toThrow(`${message} Choose them in the mapping step`);
  try {
    attempt();
  } catch (error) {
    expect((error as EngineError).code).toBe('MISSING_COLUMNS');
    expect((error as EngineError).details).toEqual({ missing, header, resolved });
  }
});

test('rejects an explicit mapping to a column that does not exist', () => {
  expect(() => resolveColumns(['a', 'b'], { invoice: 'Order' })).toThrow(
    'The column "Order" chosen for order / invoice number is not in the file. The file\'s columns are: a, b.',
  );
});

test('a refusal names ten columns, each cut to 60 characters, and counts the rest', () => {
  const header = ['x'.repeat(5000), ...Array.from({ length: 11_999 }, (_, i) => `c${i + 1}`)];
  const listed = `"${'x'.repeat(59)}…", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", ... and 11,990 more`;
  expect(() => resolveColumns(header)).toThrow(`The file's columns are: ${listed}. Choose them`);
  expect(() => resolveColumns(header, { invoice: 'Order' })).toThrow(`The file's columns are: ${listed.replaceAll('"', '')}.`);
});

test('an empty name in the mapping says the file has no such column: a column of that name is not used', () => {
  const header = ['Order', 'Date', 'Customer', 'Amount', 'Status'];
  expect(resolveColumns(header).status).toBe(4);
  const columns = resolveColumns(header, { status: '' });
  expect(columns.status).toBe(-1);
  expect(columns.amount).toBe(3);
});

test('column names with unreadable characters (a Shift-JIS header read as UTF-8) add a word on the encoding; readable ones do not', () => {
  const garbled = ['\uFFFDڋq', '\uFFFD\uFFFD\uFFFDt', '\uFFFD\uFFFD\uFFFDz'];
  expect(() => resolveColumns(garbled)).toThrow(/Some column names hold characters that could not be read \(shown as \uFFFD\): the file may be in another encoding than UTF-8 or Windows-1252, such as Shift-JIS; save it as UTF-8/);
  expect(() => resolveColumns(['顧客', '日付', '金額'])).toThrow(/Choose them in the mapping step \(or on the command line, for example --map customerId="Client Number"\)\.$/);
});
