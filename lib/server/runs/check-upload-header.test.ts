import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { uploadRequestSchema } from '../../schemas/upload-request-schema';
import { checkUploadHeader, describeUploadHeader } from './check-upload-header';

const dir = mkdtempSync(join(tmpdir(), 'segmenta-header-'));
const SHOP = 'Ref;Article;Text;Count;Moment;Cost;Buyer;Land\n1;A;Mug;2;2011-01-01 10:00;1.5;17850;France\n';
const MAPPING = { invoice: 'Ref', stockCode: 'Article', description: 'Text', quantity: 'Count', invoiceDate: 'Moment', unitPrice: 'Cost', customerId: 'Buyer', country: 'Land' };

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

test('an unrecognised header is refused until a mapping names its columns', async () => {
  const path = file('shop.csv', SHOP);
  await expect(checkUploadHeader(path)).rejects.toThrow(/^Could not find the columns for invoice, quantity, invoiceDate, unitPrice, customerId\./);
  await expect(checkUploadHeader(path, MAPPING)).resolves.toEqual(['Ref', 'Article', 'Text', 'Count', 'Moment', 'Cost', 'Buyer', 'Land']);
  // Only the required fields mapped: the optional ones may stay unmapped.
  await expect(checkUploadHeader(path, { invoice: 'Ref', quantity: 'count', invoiceDate: 'MOMENT', unitPrice: 'Cost', customerId: 'Buyer' })).resolves.toHaveLength(8);
  await expect(checkUploadHeader(path, { ...MAPPING, customerId: 'Client' })).rejects.toThrow('The column "Client" chosen for customerId is not in the file.');
  await expect(checkUploadHeader(file('shop.csv.gz', gzipSync(SHOP)), MAPPING)).resolves.toHaveLength(8);
});

test('the header report says what was recognised and what is missing, in words for the form', () => {
  const partly = describeUploadHeader(Buffer.from('Order No,Sku,Qty,When,Each,Client,Nation\n1,A,2,2011-01-01,1,5,UK\n'));
  expect(partly.header).toEqual(['Order No', 'Sku', 'Qty', 'When', 'Each', 'Client', 'Nation']);
  expect(partly.resolved).toEqual({
    invoice: 'Order No',
    stockCode: 'Sku',
    description: null,
    quantity: 'Qty',
    invoiceDate: null,
    unitPrice: null,
    customerId: 'Client',
    country: null,
  });
  expect(partly.error).toBe(
    'Could not find the columns for invoiceDate, unitPrice. The file\'s columns are: "Order No", "Sku", "Qty", "When", "Each", "Client", "Nation". Choose the columns below.',
  );
  const mapped = describeUploadHeader(Buffer.from('Order No,Sku,Qty,When,Each,Client,Nation\n'), { invoiceDate: 'When', unitPrice: 'Each', country: 'Nation' });
  expect(mapped.error).toBeNull();
  expect(mapped.resolved).toMatchObject({ invoiceDate: 'When', unitPrice: 'Each', country: 'Nation', customerId: 'Client' });
  expect(describeUploadHeader(Buffer.from('a,b\n'), { invoice: 'c' }).error).toMatch(/^The column "c" chosen for invoice is not in the file/);
  expect(() => describeUploadHeader(Buffer.alloc(0))).toThrow('The file is empty');
});

test.each([
  [{ fileName: 'a.csv' }, undefined],
  [{ fileName: 'a.csv', columns: '' }, undefined],
  [{ fileName: 'a.csv', columns: '{"customerId":"Buyer","country":""}' }, { customerId: 'Buyer' }],
])('upload request columns %j', (query, columns) => {
  expect(uploadRequestSchema.parse(query).columns).toEqual(columns);
});

test.each([
  ['{not json', 'The column mapping is not valid JSON.'],
  ['{"customer":"Buyer"}', 'The column mapping names fields this app does not know; use invoice, stockCode, description, quantity, invoiceDate, unitPrice, customerId, country.'],
])('a bad mapping %s is refused in words', (columns, message) => {
  expect(uploadRequestSchema.safeParse({ fileName: 'a.csv', columns }).error?.issues.map((i) => i.message)).toEqual([message]);
});
