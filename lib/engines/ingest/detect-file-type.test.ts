import { expect, test } from 'vitest';
import { classifyZipEntries, detectFileType } from './detect-file-type';

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => Array.from(part)));

function bmpHeader(): Uint8Array {
  const header = new Uint8Array(54);
  header.set(ascii('BM'));
  new DataView(header.buffer).setUint32(2, 54 + 4, true);
  new DataView(header.buffer).setUint32(10, 54, true);
  new DataView(header.buffer).setUint32(14, 40, true);
  return header;
}

function peHeader(): Uint8Array {
  const header = new Uint8Array(0x80);
  header.set(ascii('MZ'));
  new DataView(header.buffer).setUint32(0x3c, 0x40, true);
  header.set(ascii('PE\0\0'), 0x40);
  return header;
}

test.each<[string, Uint8Array, string, RegExp]>([
  ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), 'png', /^The file is a PNG image, not a table of transactions\./],
  ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16), 'jpeg', /a JPEG image/],
  ['GIF', ascii('GIF89a\x01\x00'), 'gif', /a GIF image/],
  ['WebP', concat(ascii('RIFF'), bytes(1, 2, 0, 0), ascii('WEBPVP8 ')), 'webp', /a WebP image/],
  ['BMP', bmpHeader(), 'bmp', /a BMP image/],
  ['TIFF (Intel)', bytes(0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0), 'tiff', /a TIFF image/],
  ['TIFF (Motorola)', bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8), 'tiff', /a TIFF image/],
  ['PDF', ascii('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), 'pdf', /^The file is a PDF document; tables inside a PDF are not read\./],
  ['an empty ZIP', concat(ascii('PK\x05\x06'), new Uint8Array(18)), 'zip', /Archives other than gzip are not read: unzip it and upload the CSV/],
  ['7z', bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4), '7z', /^The file is a 7-Zip archive\. Archives other than gzip are not read/],
  ['RAR', ascii('Rar!\x1a\x07\x01\x00'), 'rar', /a RAR archive/],
  ['bzip2', concat(ascii('BZh9'), bytes(0x31, 0x41, 0x59, 0x26, 0x53, 0x59)), 'bzip2', /bzip2-compressed, which is not read \(only gzip is\)/],
  ['xz', bytes(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 4), 'xz', /xz-compressed/],
  ['zstd', bytes(0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x05), 'zstd', /Zstandard-compressed/],
  ['legacy .xls', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0), 'xls', /Excel 97-2003 \.xls workbook.*save it as \.xlsx or CSV\.$/],
  ['SQLite', concat(ascii('SQLite format 3\0'), bytes(0x10, 0x00)), 'sqlite', /an SQLite database/],
  ['ELF', bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0), 'executable', /a program \(an executable\)/],
  ['Mach-O', bytes(0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1), 'executable', /a program/],
  ['Windows PE', peHeader(), 'executable', /a program/],
  ['UTF-32 text', bytes(0xff, 0xfe, 0x00, 0x00, 0x41, 0, 0, 0), 'utf-32', /UTF-32 text, which is not read/],
  ['binary with NUL bytes', bytes(0x01, 0x02, 0x00, 0x41, 0x00, 0x00, 0x42, 0x43), 'binary', /^The file is not text: its first bytes hold 3 NUL bytes/],
  ['binary with control characters', ascii('a\x01b\x02c\x03d\x04e\x05f\x06'), 'binary', /hold 6 control characters/],
])('refuses %s in words', (_name, head, type, message) => {
  const detected = detectFileType(head);
  expect(detected).toMatchObject({ kind: 'refused', type });
  if (detected.kind === 'refused') expect(detected.message).toMatch(message);
});

test.each<[string, Uint8Array, string]>([
  ['gzip', bytes(0x1f, 0x8b, 0x08, 0x00), 'gzip'],
  ['a ZIP archive (maybe .xlsx)', concat(ascii('PK\x03\x04'), new Uint8Array(26)), 'zip'],
  ['CSV', ascii('customer_id,order_date,order_value\n6444,2024-01-01,49.99\n'), 'text'],
  ['Windows-1252 CSV', bytes(0x93, 0x51, 0x94, 0x2c, 0xa3, 0x35, 0x0d, 0x0a), 'text'],
  ['a CSV starting with "BM"', ascii('BMW,3 Series,2024-01-01,49.99\n'), 'text'],
  ['a CSV starting with "MZ"', ascii('MZ-100,widget,2024-01-01,49.99\n'.repeat(4)), 'text'],
  ['UTF-16 LE with BOM', Buffer.from('\uFEFFid\tname\r\n', 'utf16le'), 'text'],
  ['UTF-16 LE without BOM, NULs explained', Buffer.from('id\tname\r\n1\tAnna\r\n', 'utf16le'), 'text'],
  ['UTF-16 BE without BOM', Buffer.from('id\tname\r\n1\tAnna\r\n', 'utf16le').swap16(), 'text'],
  ['text with a stray form feed and Ctrl-Z', ascii(`${'a,b\n'.repeat(200)}\x0c\x1a\x07`), 'text'],
  ['an empty file', new Uint8Array(0), 'text'],
])('reads %s', (_name, head, kind) => {
  expect(detectFileType(head).kind).toBe(kind);
});

test.each<[string, string[], string]>([
  ['an .xlsx', ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'], 'xlsx'],
  ['an .xlsx with odd letter case', ['[content_types].xml', 'XL/Workbook.xml'], 'xlsx'],
  ['an .xlsb', ['[Content_Types].xml', 'xl/workbook.bin'], 'xlsb'],
  ['an .ods', ['mimetype', 'content.xml', 'styles.xml'], 'opendocument'],
  ['a .docx', ['[Content_Types].xml', 'word/document.xml'], 'docx'],
  ['a .pptx', ['[Content_Types].xml', 'ppt/presentation.xml'], 'pptx'],
  ['a ZIP of CSV files', ['orders.csv', 'customers.csv'], 'zip'],
  ['a ZIP with only [Content_Types].xml', ['[Content_Types].xml'], 'zip'],
])('classifies %s by its entries', (_name, names, type) => {
  const result = classifyZipEntries(names);
  expect(result.kind === 'xlsx' ? 'xlsx' : result.type).toBe(type);
});

test('a ZIP of CSV files is refused with what to do', () => {
  expect(classifyZipEntries(['orders.csv'])).toEqual({
    kind: 'refused',
    type: 'zip',
    message: 'The file is a ZIP archive. Archives other than gzip are not read: unzip it and upload the CSV (or .xlsx) file inside.',
  });
});
