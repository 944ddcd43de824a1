import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { afterEach, expect, test } from 'vitest';
import { createRng } from '../random';
import { byteSource, SHARED_DATA } from '../testing/byte-source';
import { openSource, type OpenedSource, type OpenSourceOptions, type TextEncoding } from './open-source';
import { storedZipEntry, writeZip } from './read-xlsx-rows';

const utf8 = (text: string) => new TextEncoder().encode(text);
const REALWORLD = `${SHARED_DATA}realworld/`;

async function textOf(opened: OpenedSource): Promise<string> {
  if (opened.kind !== 'text') throw new Error(`expected text, got ${opened.kind}`);
  let text = '';
  for await (const chunk of opened.text) text += chunk;
  return text;
}

async function rowsOf(opened: OpenedSource): Promise<string[][]> {
  if (opened.kind !== 'rows') throw new Error(`expected rows, got ${opened.kind}`);
  const rows: string[][] = [];
  for await (const row of opened.rows) rows.push(row);
  return rows;
}

async function open(data: Uint8Array, options?: OpenSourceOptions, chunkSize = 7): Promise<OpenedSource> {
  return openSource(byteSource(data, chunkSize), options);
}

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

test('reads a UTF-8 CSV in several chunks and reports how', async () => {
  const csv = 'customer_id,order_date,order_value\n6444,2024-01-01,49.99\n3949,2024-01-01,19.99\n';
  const opened = await open(utf8(csv));
  expect(opened.info).toEqual({
    container: 'plain',
    format: 'text',
    encoding: 'utf-8',
    bom: false,
    sheet: null,
    sheets: [],
    encodingReason: 'valid UTF-8',
    bytesRead: csv.length,
  });
  if (opened.kind !== 'text') throw new Error('not text');
  const chunks: string[] = [];
  for await (const chunk of opened.text) chunks.push(chunk);
  expect(chunks.length).toBeGreaterThan(1);
  expect(chunks.join('')).toBe(csv);
});

test('an empty file is empty text', async () => {
  const opened = await open(new Uint8Array(0));
  expect(opened.kind).toBe('text');
  expect(await textOf(opened)).toBe('');
});

test('keeps a file UTF-8 when one line has a Windows-1252 byte', async () => {
  const data = new Uint8Array([...utf8('Country\nÖsterreich\nK'), 0xf6, ...utf8('ln\nÖsterreich\n')]);
  const opened = await open(data, undefined, 3);
  expect(opened.info.encoding).toBe('utf-8');
  expect(opened.info.encodingReason).toBe('UTF-8 (2 multi-byte characters) with 1 invalid byte sequence, which become U+FFFD');
  expect((await textOf(opened)).split('\n')).toEqual(['Country', 'Österreich', 'K\uFFFDln', 'Österreich', '']);
});

test('reads a Windows-1252 file with £, curly quotes and an en dash', async () => {
  const data = new Uint8Array([...utf8('Description,Price\n'), 0x93, ...utf8('Regency'), 0x94, 0x20, 0x96, ...utf8(' mug,'), 0xa3, ...utf8('2.55\r\n')]);
  const opened = await open(data);
  expect(opened.info).toMatchObject({ encoding: 'windows-1252', encodingReason: 'not valid UTF-8 and no UTF-8 multi-byte text: Windows-1252' });
  expect(await textOf(opened)).toBe('Description,Price\n\u201CRegency\u201D \u2013 mug,£2.55\r\n');
});

test.each<[TextEncoding, Uint8Array, string]>([
  ['utf-16le', Buffer.from('\uFEFFInvoiceNo\tDescription\r\n300001\tほうじ茶 80 g\r\n', 'utf16le'), 'UTF-16 LE byte order mark'],
  ['utf-16be', Buffer.from('\uFEFFInvoiceNo\tDescription\r\n300001\tほうじ茶 80 g\r\n', 'utf16le').swap16(), 'UTF-16 BE byte order mark'],
])('reads %s with a BOM, without the BOM', async (encoding, data, reason) => {
  const opened = await open(data, undefined, 3);
  expect(opened.info).toMatchObject({ encoding, bom: true, encodingReason: reason });
  expect(await textOf(opened)).toBe('InvoiceNo\tDescription\r\n300001\tほうじ茶 80 g\r\n');
});

test('drops a UTF-8 BOM split over chunks', async () => {
  const opened = await open(utf8('\uFEFFid;name\n1;Zoë\n'), undefined, 1);
  expect(opened.info).toMatchObject({ encoding: 'utf-8', bom: true, encodingReason: 'UTF-8 byte order mark' });
  expect(await textOf(opened)).toBe('id;name\n1;Zoë\n');
});

test('an encoding option forces the decoding', async () => {
  const opened = await open(utf8('Zoë\n'), { encoding: 'windows-1252' });
  expect(opened.info).toMatchObject({ encoding: 'windows-1252', encodingReason: 'forced by option' });
  expect(await textOf(opened)).toBe('ZoÃ«\n');
});

test('decides the encoding once, from the first megabyte', async () => {
  // ASCII for more than the sample, then a Windows-1252 byte: the file stays UTF-8.
  const data = new Uint8Array([...utf8('a,b\n'.repeat(300_000)), 0xa3, 0x0a]);
  const opened = await open(data, undefined, 65_536);
  expect(opened.info.encoding).toBe('utf-8');
  expect((await textOf(opened)).endsWith('a,b\n\uFFFD\n')).toBe(true);
});

test('decompresses gzip while streaming and counts compressed bytes', async () => {
  const csv = 'customer_id,order_date\n' + 'C1,2024-03-08\n'.repeat(1000);
  const compressed = gzipSync(utf8(csv));
  const opened = await open(compressed, undefined, 100);
  expect(opened.info).toMatchObject({ container: 'gzip', format: 'text', encoding: 'utf-8' });
  expect(await textOf(opened)).toBe(csv);
  expect(opened.info.bytesRead).toBe(compressed.length);
});

function randomCsv(lines: number, seed: number): string {
  const rng = createRng(seed);
  let text = 'customer_id,order_date,order_value\n';
  for (let i = 0; i < lines; i++) text += `${rng.int(1e6)},2024-${1 + rng.int(12)}-${1 + rng.int(28)},${rng.int(1e5) / 100}\n`;
  return text;
}

test('a truncated gzip ends the text with CORRUPT_FILE after what could be read', async () => {
  const compressed = gzipSync(utf8(randomCsv(150_000, 3)));
  const opened = await open(compressed.subarray(0, Math.floor(compressed.length * 0.8)), undefined, 65_536);
  expect(opened.info.container).toBe('gzip');
  if (opened.kind !== 'text') throw new Error('not text');
  let received = 0;
  const reading = (async () => {
    for await (const chunk of opened.text) received += chunk.length;
  })();
  await expect(reading).rejects.toMatchObject({
    code: 'CORRUPT_FILE',
    message: 'The gzip file is truncated or damaged (unexpected end of file); nothing was stored. Compress the file again or upload it uncompressed.',
  });
  expect(received).toBeGreaterThan(1024 * 1024);
});

test('a gzip cut inside its first bytes fails from the text iterator, not from openSource', async () => {
  const opened = await open(gzipSync(utf8('a,b\n1,2\n')).subarray(0, 12));
  await expect(textOf(opened)).rejects.toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringMatching(/^The gzip file is truncated or damaged \(/) });
});

test('a damaged gzip fails with zlib\'s reason', async () => {
  const compressed = gzipSync(utf8('a,b\n'.repeat(50)));
  compressed.fill(0xff, 10, compressed.length - 8);
  const opened = await open(compressed);
  await expect(textOf(opened)).rejects.toMatchObject({
    code: 'CORRUPT_FILE',
    message: 'The gzip file is truncated or damaged (invalid block type); nothing was stored. Compress the file again or upload it uncompressed.',
  });
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

test.each<[string, Uint8Array, RegExp]>([
  ['a PNG image', PNG, /^The file is a PNG image, not a table of transactions\./],
  ['a gzipped PNG image', gzipSync(PNG), /^The file is a PNG image/],
  ['a PDF', utf8('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), /^The file is a PDF document/],
  ['a ZIP of CSV files', Buffer.concat(writeZip([storedZipEntry('orders.csv', 'id,date\n1,2024-03-08\n')])), /Archives other than gzip are not read: unzip it and upload the CSV/],
  ['a legacy .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]), /save it as \.xlsx or CSV\.$/],
  ['a file compressed twice', gzipSync(gzipSync(utf8('a,b\n'))), /gzip-compressed twice/],
  ['binary data', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251), /^The file is not text/],
])('refuses %s with UNSUPPORTED_FILE', async (_name, data, message) => {
  await expect(open(data)).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE', message: expect.stringMatching(message) });
});

async function twoSheetWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Orders');
  sheet.addRow(['Invoice', 'InvoiceDate', 'Price', 'Customer ID']);
  const row = sheet.addRow([489001, new Date(Date.UTC(2024, 2, 8, 14, 22, 5)), 2.55, '00123']);
  row.getCell(2).numFmt = 'm/d/yyyy h:mm';
  sheet.addRow(['C489002', new Date(Date.UTC(2024, 11, 31, 23, 59, 0)), 1.25, '00124']).getCell(2).numFmt = 'dd.mm.yyyy';
  workbook.addWorksheet('Notes').addRow(['Synthetic data']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

test.each(['UTC', 'America/New_York'])('reads the first sheet of an .xlsx as rows of text (TZ=%s)', async (tz) => {
  process.env.TZ = tz;
  const bytes = await twoSheetWorkbook();
  const opened = await open(bytes, undefined, 1000);
  expect(opened.info).toEqual({
    container: 'plain',
    format: 'xlsx',
    encoding: null,
    bom: false,
    sheet: 'Orders',
    sheets: ['Orders', 'Notes'],
    encodingReason: 'an .xlsx workbook has no text encoding',
    bytesRead: bytes.length,
  });
  expect(await rowsOf(opened)).toEqual([
    ['Invoice', 'InvoiceDate', 'Price', 'Customer ID'],
    ['489001', '2024-03-08 14:22:05', '2.55', '00123'],
    ['C489002', '2024-12-31 23:59:00', '1.25', '00124'],
  ]);
});

test('reads a sheet picked by name or number, also from a gzipped workbook', async () => {
  const bytes = await twoSheetWorkbook();
  expect(await rowsOf(await open(bytes, { sheet: 'Notes' }))).toEqual([['Synthetic data']]);
  const gzipped = await open(gzipSync(bytes), { sheet: '2' });
  expect(gzipped.info).toMatchObject({ container: 'gzip', format: 'xlsx', sheet: 'Notes' });
  expect(await rowsOf(gzipped)).toEqual([['Synthetic data']]);
});

test('refuses an unknown sheet, naming the sheets there are', async () => {
  await expect(open(await twoSheetWorkbook(), { sheet: 'Year 2023' })).rejects.toMatchObject({
    code: 'INVALID_OPTION',
    message: 'The workbook has no sheet "Year 2023"; its sheets are: Orders, Notes.',
  });
});

test('refuses a workbook over the size limit in words', async () => {
  const bytes = await twoSheetWorkbook();
  await expect(open(bytes, { maxWorkbookBytes: 2048 })).rejects.toMatchObject({
    code: 'UNSUPPORTED_FILE',
    message:
      'The workbook is larger than 2 KB, the most that is read from an .xlsx file. Save the sheet as CSV (CSV UTF-8) and upload that, or gzip the CSV to make the upload smaller.',
  });
});

test('a truncated workbook is refused as damaged', async () => {
  const bytes = await twoSheetWorkbook();
  await expect(open(bytes.subarray(0, bytes.length - 300))).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
});

test.each<[string, OpenSourceOptions]>([
  ['an unknown encoding', { encoding: 'latin-9' as TextEncoding }],
  ['an empty sheet name', { sheet: ' ' }],
  ['a size limit of zero', { maxWorkbookBytes: 0 }],
])('refuses %s as INVALID_OPTION', async (_name, options) => {
  await expect(open(utf8('a\n'), options)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
});

test('a source that fails is failed by the text iterator, after the bytes read before', async () => {
  async function* failing() {
    yield utf8('a,b\n');
    throw new Error('connection reset');
  }
  const opened = await openSource(failing());
  if (opened.kind !== 'text') throw new Error('not text');
  const chunks: string[] = [];
  await expect(
    (async () => {
      for await (const chunk of opened.text) chunks.push(chunk);
    })(),
  ).rejects.toThrow('connection reset');
  expect(chunks).toEqual(['a,b\n']);
});

test('chunks that are not bytes are refused as INVALID_INPUT', async () => {
  async function* strings() {
    yield 'a,b\n' as unknown as Uint8Array;
  }
  await expect(textOf(await openSource(strings()))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
});

test('bytesRead grows while the text is read, and only the first megabyte is read ahead', async () => {
  const data = utf8('x,y\n'.repeat(1024 * 1024));
  const opened = await open(data, undefined, 65_536);
  expect(opened.info.bytesRead).toBe(1024 * 1024);
  if (opened.kind !== 'text') throw new Error('not text');
  const seen: number[] = [];
  for await (const chunk of opened.text) if (chunk.length > 0) seen.push(opened.info.bytesRead);
  expect(seen[seen.length - 1]).toBe(data.length);
  expect(seen.some((bytes) => bytes > 1024 * 1024 && bytes < data.length)).toBe(true);
  expect(seen.every((bytes, i) => i === 0 || bytes >= seen[i - 1])).toBe(true);
});

test.each([false, true])('stopping early closes the source (gzip: %s)', async (gzip) => {
  let closed = false;
  const csv = utf8(randomCsv(100_000, 9));
  const data = gzip ? gzipSync(csv) : csv;
  async function* source() {
    try {
      yield* byteSource(data, 16_384);
    } finally {
      closed = true;
    }
  }
  const opened = await openSource(source());
  if (opened.kind !== 'text') throw new Error('not text');
  for await (const chunk of opened.text) {
    void chunk;
    break;
  }
  expect(closed).toBe(true);
  expect(opened.info.bytesRead).toBeLessThan(data.length);
});

test.each([false, true])('a refused file is closed without reading on (gzip: %s)', async (gzip) => {
  let closed = false;
  const png = new Uint8Array([...PNG, ...new Array(1 << 20).fill(7)]);
  const data = gzip ? gzipSync(png) : png;
  async function* source() {
    try {
      yield* byteSource(data, 4096);
    } finally {
      closed = true;
    }
  }
  await expect(openSource(source())).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
  expect(closed).toBe(true);
});

const XLSX_SAMPLE = `${REALWORLD}online_retail_ii_sample.xlsx`;
const UTF16_SAMPLE = `${REALWORLD}retail_lines_unicode_us.txt`;
const CP1252_SAMPLE = `${REALWORLD}retail_lines_excel_cp1252_2024.csv`;

test('realworld: online_retail_ii_sample.xlsx', async (context) => {
  if (!existsSync(XLSX_SAMPLE)) context.skip(`${XLSX_SAMPLE} is absent`);
  const opened = await open(await readFile(XLSX_SAMPLE), undefined, 65_536);
  expect(opened.info).toMatchObject({ format: 'xlsx', sheet: 'Year 2024', sheets: ['Year 2024', 'Notes'] });
  const rows = await rowsOf(opened);
  expect(rows.length).toBe(1 + 1746);
  expect(rows[0]).toEqual(['Invoice', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'Price', 'Customer ID', 'Country']);
  expect(rows[1]).toEqual(['489001', '22562', 'REGENCY MUG', '1', '2024-01-01 10:56:00', '1.25', '10081', 'Germany']);
  expect(rows.some((row) => row[0].startsWith('C'))).toBe(true);
});

test('realworld: retail_lines_unicode_us.txt (UTF-16 LE)', async (context) => {
  if (!existsSync(UTF16_SAMPLE)) context.skip(`${UTF16_SAMPLE} is absent`);
  const opened = await open(await readFile(UTF16_SAMPLE), undefined, 65_535);
  expect(opened.info).toMatchObject({ format: 'text', encoding: 'utf-16le', bom: true, encodingReason: 'UTF-16 LE byte order mark' });
  const lines = (await textOf(opened)).split('\r\n').filter((line) => line !== '');
  expect(lines.length).toBe(1 + 730);
  expect(lines[0]).toBe('InvoiceNo\tStockCode\tDescription\tQuantity\tInvoiceDate\tUnitPrice\tCustomerID\tCountry');
  expect(lines.join('\n')).toContain('ほうじ茶');
  expect(lines.join('\n')).not.toContain('\uFFFD');
});

test('realworld: retail_lines_excel_cp1252_2024.csv (Windows-1252)', async (context) => {
  if (!existsSync(CP1252_SAMPLE)) context.skip(`${CP1252_SAMPLE} is absent`);
  const opened = await open(await readFile(CP1252_SAMPLE), undefined, 65_536);
  expect(opened.info.encoding).toBe('windows-1252');
  const text = await textOf(opened);
  expect(text.split('\r\n').filter((line) => line !== '').length).toBe(1 + 1557);
  expect(text).toContain('£');
  expect(text).not.toContain('\uFFFD');
});
