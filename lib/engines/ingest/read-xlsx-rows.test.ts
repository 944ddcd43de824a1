import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { afterEach, expect, test } from 'vitest';
import {
  cellText,
  crc32,
  formatExcelDateTime,
  isDateFormat,
  listLocalEntryNames,
  openXlsxWorkbook,
  PrefixStripper,
  readXlsxRows,
  readZipDirectory,
  rootElementPrefix,
  selectSheet,
  storedZipEntry,
  writeZip,
  type ZipWriteEntry,
} from './read-xlsx-rows';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function deflatedZipEntry(name: string, text: string): ZipWriteEntry {
  const data = new TextEncoder().encode(text);
  return { name, method: 8, crc32: crc32(data), uncompressedSize: data.length, data: deflateRawSync(data) };
}

const zipBytes = (entries: ZipWriteEntry[]) => Buffer.concat(writeZip(entries));

async function rowsOf(bytes: Uint8Array, sheet?: string): Promise<string[][]> {
  const workbook = openXlsxWorkbook(bytes);
  const rows: string[][] = [];
  for await (const row of readXlsxRows(workbook, selectSheet(workbook, sheet))) rows.push(row);
  return rows;
}

// 2024-03-08 14:22:05 as an Excel serial (1900 date system)
const SERIAL_2024_03_08_142205 = '45359.59866898148';

/**
 * A workbook written part by part, in the order that troubles streaming readers: sheets first,
 * then styles and shared strings, the workbook itself last; a hidden first sheet, a chart sheet,
 * a data sheet under a non-standard absolute name, and a Japanese shared string with a phonetic
 * reading.
 */
function handWrittenWorkbook(options: { date1904?: boolean } = {}): Uint8Array {
  const data = `<worksheet xmlns="${MAIN}"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Date</t></is></c><c r="C1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c></row>
<row r="2"><c r="A2"><v>17850</v></c><c r="B2" s="1"><v>${SERIAL_2024_03_08_142205}</v></c><c r="C2" t="s"><v>3</v></c><c r="D2" s="2"><f>B2+1</f><v>45360.5</v></c></row>
<row r="3" s="1"><c r="B3" s="1"/></row>
<row r="5"><c r="A5" t="b"><v>1</v></c><c r="C5" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="D5" s="3"><v>45359</v></c><c r="E5" t="e"><v>#N/A</v></c></row>
</sheetData></worksheet>`;
  return zipBytes([
    deflatedZipEntry('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    deflatedZipEntry('xl/worksheets/hidden.xml', `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>secret</t></is></c></row></sheetData></worksheet>`),
    deflatedZipEntry('xl/worksheets/data.xml', data),
    deflatedZipEntry('xl/chartsheets/sheet1.xml', '<chartsheet/>'),
    deflatedZipEntry(
      'xl/styles.xml',
      `<styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/><numFmt numFmtId="165" formatCode="&quot;Qty &quot;0"/></numFmts>` +
        '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>' +
        '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/></cellXfs></styleSheet>',
    ),
    deflatedZipEntry(
      'xl/sharedStrings.xml',
      `<sst xmlns="${MAIN}" count="4" uniqueCount="4"><si><t>Customer</t></si><si><t>商品名</t><rPh sb="0" eb="2"><t>ショウヒン</t></rPh><phoneticPr fontId="1"/></si>` +
        '<si><r><t>Tot</t></r><r><rPr><b/></rPr><t>al</t></r></si><si><t xml:space="preserve"> Tom &amp; Jerry </t></si></sst>',
    ),
    deflatedZipEntry(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/data.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/>` +
        `<Relationship Id="rId3" Type="${REL}/worksheet" Target="worksheets/hidden.xml"/>` +
        `<Relationship Id="rId4" Type="${REL}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId5" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    deflatedZipEntry(
      'xl/workbook.xml',
      `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr${options.date1904 ? ' date1904="1"' : ''}/><sheets>` +
        '<sheet name="Old" sheetId="3" state="hidden" r:id="rId3"/><sheet name="Chart" sheetId="2" r:id="rId2"/>' +
        '<sheet name="Sales &amp; Returns" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
  ]);
}

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

test.each(['UTC', 'America/New_York', 'Asia/Kolkata'])('reads a hand-written workbook cell by cell (TZ=%s)', async (tz) => {
  process.env.TZ = tz;
  expect(await rowsOf(handWrittenWorkbook())).toEqual([
    ['Customer', 'Date', '商品名', 'Total'],
    ['17850', '2024-03-08 14:22:05', ' Tom & Jerry ', '2024-03-09 12:00:00'],
    ['true', '', 'xy', '45359', '#N/A'],
  ]);
});

test('dates follow the workbook\'s 1904 date system', async () => {
  const rows = await rowsOf(handWrittenWorkbook({ date1904: true }));
  expect(rows[1][1]).toBe('2028-03-09 14:22:05');
  expect(rows[1][3]).toBe('2028-03-10 12:00:00');
});

test('lists the sheets in tab order and picks the first visible worksheet by default', () => {
  const workbook = openXlsxWorkbook(handWrittenWorkbook());
  expect(workbook.sheets).toEqual([
    { name: 'Old', kind: 'worksheet', hidden: true, part: 'xl/worksheets/hidden.xml' },
    { name: 'Chart', kind: 'chartsheet', hidden: false, part: 'xl/chartsheets/sheet1.xml' },
    { name: 'Sales & Returns', kind: 'worksheet', hidden: false, part: 'xl/worksheets/data.xml' },
  ]);
  expect(selectSheet(workbook).name).toBe('Sales & Returns');
});

test.each([
  ['Old', 'Old'],
  ['sales & returns', 'Sales & Returns'],
  ['1', 'Old'],
  ['3', 'Sales & Returns'],
])('selects sheet %j', (wanted, name) => {
  expect(selectSheet(openXlsxWorkbook(handWrittenWorkbook()), wanted).name).toBe(name);
});

test.each([
  ['Missing', 'The workbook has no sheet "Missing"; its sheets are: Old, Chart, Sales & Returns.'],
  ['4', 'The workbook has no sheet "4" (it has 3 sheets); its sheets are: Old, Chart, Sales & Returns.'],
  ['Chart', 'The sheet "Chart" is a chart, not a table of cells; pick one of: Old, Chart, Sales & Returns.'],
])('refuses sheet %j in words', (wanted, message) => {
  const workbook = openXlsxWorkbook(handWrittenWorkbook());
  expect(() => selectSheet(workbook, wanted)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', message }));
});

test('reads a hidden sheet when asked for it', async () => {
  expect(await rowsOf(handWrittenWorkbook(), 'Old')).toEqual([['secret']]);
});

async function libraryWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sales = workbook.addWorksheet('Sales');
  sales.addRow(['Invoice', 'InvoiceDate', 'Price', 'Customer ID', 'Note', 'Link']);
  const row = sales.addRow([489001, new Date(Date.UTC(2024, 2, 8, 14, 22, 5)), 2.55, '00123', { richText: [{ text: 'Gift ' }, { text: 'wrap', font: { bold: true } }] }, { text: 'order page', hyperlink: 'https://example.com/o/1' }]);
  row.getCell(2).numFmt = 'dd/mm/yyyy hh:mm:ss';
  sales.addRow([]);
  sales.addRow(['C489002', { formula: 'C2*2', result: 5.1 }, 0.1 + 0.2, true]);
  workbook.addWorksheet('Notes').addRow(['Synthetic data']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

test.each(['UTC', 'America/New_York'])('reads a workbook written by exceljs (TZ=%s)', async (tz) => {
  process.env.TZ = tz;
  const bytes = await libraryWorkbook();
  expect(await rowsOf(bytes)).toEqual([
    ['Invoice', 'InvoiceDate', 'Price', 'Customer ID', 'Note', 'Link'],
    ['489001', '2024-03-08 14:22:05', '2.55', '00123', 'Gift wrap', 'order page'],
    ['C489002', '5.1', '0.30000000000000004', 'true'],
  ]);
  expect(await rowsOf(bytes, 'Notes')).toEqual([['Synthetic data']]);
  expect(openXlsxWorkbook(bytes).sheets.map((sheet) => sheet.name)).toEqual(['Sales', 'Notes']);
});

test('a truncated workbook is refused as damaged', async () => {
  const bytes = await libraryWorkbook();
  expect(readZipDirectory(bytes.subarray(0, bytes.length - 100))).toBe(null);
  expect(listLocalEntryNames(bytes.subarray(0, 2000))[0]).toBe('[Content_Types].xml');
  expect(() => openXlsxWorkbook(bytes.subarray(0, bytes.length - 100))).toThrow(
    expect.objectContaining({ code: 'CORRUPT_FILE', message: expect.stringMatching(/^The workbook is truncated or damaged \(its ZIP directory is missing\); nothing was stored\./) }),
  );
});

function oneSheetWorkbook(sheet: ZipWriteEntry): Uint8Array {
  return zipBytes([
    storedZipEntry('[Content_Types].xml', '<Types/>'),
    storedZipEntry('xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    storedZipEntry('xl/_rels/workbook.xml.rels', `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    sheet,
  ]);
}

async function readingError(bytes: Uint8Array): Promise<unknown> {
  const workbook = openXlsxWorkbook(bytes);
  try {
    for await (const row of readXlsxRows(workbook, selectSheet(workbook))) void row;
  } catch (error) {
    return error;
  }
  return null;
}

test('damaged compressed sheet data ends the rows with CORRUPT_FILE', { timeout: 5000 }, async () => {
  const bytes = new Uint8Array(handWrittenWorkbook());
  const entry = readZipDirectory(bytes)?.find((e) => e.name === 'xl/worksheets/data.xml');
  if (entry === undefined) throw new Error('fixture has no data sheet');
  const start = entry.localHeaderOffset + 30 + entry.name.length;
  bytes.fill(0xff, start, start + entry.compressedSize);
  expect(await readingError(bytes)).toMatchObject({
    code: 'CORRUPT_FILE',
    // The words for the damage differ between zlib builds and with where the reading stops ("invalid
    // block type", "invalid stored block lengths", "the sheet's data does not match its checksum").
    message: expect.stringMatching(/^The workbook is truncated or damaged \([^()]+\); nothing was stored\. Save it again from Excel, or save the sheet as CSV and upload that\.$/),
  });
});

test('sheet data that fails its checksum ends the rows with CORRUPT_FILE', { timeout: 5000 }, async () => {
  const sheet = storedZipEntry('xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>17850</v></c></row></sheetData></worksheet>`);
  const tampered = { ...sheet, data: new TextEncoder().encode(new TextDecoder().decode(sheet.data).replace('17850', '17851')) };
  expect(await readingError(oneSheetWorkbook(tampered))).toMatchObject({
    code: 'CORRUPT_FILE',
    message: "The workbook is truncated or damaged (the sheet's data does not match its checksum); nothing was stored. Save it again from Excel, or save the sheet as CSV and upload that.",
  });
});

test('sheet XML that is not well formed ends the rows with CORRUPT_FILE', { timeout: 5000 }, async () => {
  const sheet = storedZipEntry('xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet><<`);
  expect(await readingError(oneSheetWorkbook(sheet))).toMatchObject({ code: 'CORRUPT_FILE' });
});

test('a workbook without shared strings or styles is read too', async () => {
  const sheet = storedZipEntry('xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="B1"><v>1.5</v></c></row></sheetData></worksheet>`);
  expect(await rowsOf(oneSheetWorkbook(sheet))).toEqual([['', '1.5']]);
});

test.each([
  ['stored', storedZipEntry],
  ['deflated', deflatedZipEntry],
])('reads %s parts whose elements carry a namespace prefix (Open XML SDK), across chunk boundaries', async (_name, entry) => {
  const rows = Array.from(
    { length: 3000 },
    (_, i) => `<x:row r="${i + 2}"><x:c r="A${i + 2}" t="s"><x:v>1</x:v></x:c><x:c r="B${i + 2}" s="1"><x:v>${45359 + i}</x:v></x:c><x:c r="C${i + 2}"/></x:row>`,
  ).join('');
  const bytes = zipBytes([
    entry('[Content_Types].xml', '<Types/>'),
    entry('xl/workbook.xml', `<?xml version="1.0"?><x:workbook xmlns:x="${MAIN}" xmlns:r="${REL}"><x:sheets><x:sheet name="S" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`),
    entry('xl/_rels/workbook.xml.rels', `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    entry('xl/styles.xml', `<x:styleSheet xmlns:x="${MAIN}"><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="14" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>`),
    entry('xl/sharedStrings.xml', `<x:sst xmlns:x="${MAIN}"><x:si><x:t>Customer</x:t></x:si><x:si><x:t>C-1</x:t></x:si></x:sst>`),
    entry(
      'xl/worksheets/sheet1.xml',
      `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Day</x:t></x:is></x:c></x:row>${rows}</x:sheetData></x:worksheet>`,
    ),
  ]);
  const read = await rowsOf(bytes);
  expect(read.length).toBe(3001);
  expect(read[0]).toEqual(['Customer', 'Day']);
  expect(read[1]).toEqual(['C-1', '2024-03-08 00:00:00']);
  expect(read[3000]).toEqual(['C-1', '2032-05-24 00:00:00']);
});

test('PrefixStripper gives the same bytes however the XML is cut into chunks', () => {
  const xml = '<?xml version="1.0"?><x:worksheet xmlns:x="m"><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="B1"/></x:row><xy:keep/></x:worksheet>';
  const expected = '<?xml version="1.0"?><worksheet   xmlns:x="m"><row   r="1"><c   r="A1"><v  >1</v  ></c  ><c   r="B1"/></row  ><xy:keep/></worksheet  >';
  const bytes = Buffer.from(xml);
  const run = (cuts: number[]) => {
    const stripper = new PrefixStripper('x');
    const out: Buffer[] = [];
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      out.push(stripper.push(bytes.subarray(from, cut)));
      from = cut;
    }
    out.push(stripper.end());
    return Buffer.concat(out).toString();
  };
  expect(run([])).toBe(expected);
  for (let cut = 0; cut <= bytes.length; cut++) expect(run([cut]), `cut at ${cut}`).toBe(expected);
  expect(run(Array.from({ length: bytes.length - 1 }, (_, i) => i + 1))).toBe(expected);
  expect(rootElementPrefix(bytes)).toBe('x');
  expect(rootElementPrefix(Buffer.from('<?xml version="1.0"?><!-- c --><worksheet/>'))).toBe(null);
});

test.each<[unknown, string]>([
  [null, ''],
  [undefined, ''],
  [17850, '17850'],
  [-0, '0'],
  [0.1 + 0.2, '0.30000000000000004'],
  [1e21, '1e+21'],
  [Number.NaN, ''],
  ['00123', '00123'],
  [true, 'true'],
  [false, 'false'],
  [new Date(Date.UTC(2024, 0, 1, 10, 56)), '2024-01-01 10:56:00'],
  [{ richText: [{ text: 'a' }, { text: 'b' }] }, 'ab'],
  [{ formula: 'A1', result: 3 }, '3'],
  [{ formula: 'A1' }, ''],
  [{ sharedFormula: 'A1', result: 'x' }, 'x'],
  [{ text: 'site', hyperlink: 'https://example.com' }, 'site'],
  [{ text: { richText: [{ text: 'rich link' }] }, hyperlink: 'https://example.com' }, 'rich link'],
  [{ error: '#DIV/0!' }, '#DIV/0!'],
])('cellText(%j) is %j', (value, expected) => {
  expect(cellText(value)).toBe(expected);
});

test('a formula result under a date format is a date', () => {
  expect(cellText({ formula: 'A1+1', result: 45359.5 }, { numFmt: 'yyyy-mm-dd' })).toBe('2024-03-08 12:00:00');
  expect(cellText({ formula: 'A1+1', result: 45359.5 }, { numFmt: '0.0' })).toBe('45359.5');
});

test.each([
  ['General', false],
  ['0.00', false],
  ['#,##0.00 "h"', false],
  ['[Red]0.00', false],
  ['"Qty "0', false],
  ['yyyy-mm-dd', true],
  ['mm-dd-yy', true],
  ['[$-409]m/d/yy h:mm AM/PM', true],
  ['hh:mm:ss', true],
])('isDateFormat(%j) is %s', (format, expected) => {
  expect(isDateFormat(format)).toBe(expected);
});

test.each([
  [Date.UTC(2024, 2, 8, 14, 22, 4, 600), '2024-03-08 14:22:05'],
  [Date.UTC(2024, 11, 31, 23, 59, 59, 700), '2025-01-01 00:00:00'],
  [Date.UTC(2024, 1, 29, 0, 0, 0, 0), '2024-02-29 00:00:00'],
])('formatExcelDateTime rounds to the second', (time, expected) => {
  expect(formatExcelDateTime(new Date(time))).toBe(expected);
});

test('ZIP64 sizes are written to and read from the extra field', () => {
  const entry = { ...storedZipEntry('xl/worksheets/sheet1.xml', 'abc'), uncompressedSize: 5_000_000_000 };
  expect(readZipDirectory(zipBytes([entry]))).toEqual([
    { name: 'xl/worksheets/sheet1.xml', method: 0, flags: 0x0800, crc32: entry.crc32, compressedSize: 3, uncompressedSize: 5_000_000_000, localHeaderOffset: 0 },
  ]);
});

test('crc32 of "123456789" is the standard check value', () => {
  expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
});
