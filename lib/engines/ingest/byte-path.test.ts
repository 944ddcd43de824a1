import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { demoLogBytes } from '../../demo';
import { byteSource, SHARED_DATA } from '../testing/byte-source';
import { ByteCsvTokenizer } from './byte-csv-tokenizer';
import { CsvTokenizer } from './csv-tokenizer';
import { readTransactions } from './read-transactions';
import type { IngestOptions } from './types';

// The byte path (ByteCsvTokenizer + ByteDictionary) must read exactly what the text path
// (TextDecoder + CsvTokenizer + Dictionary) reads: same rows, lines, values, codes and report.

type Outcome = { ok: true; value: unknown } | { ok: false; code: unknown; message: string };

async function read(source: AsyncIterable<Uint8Array>, options: IngestOptions): Promise<Outcome> {
  try {
    const { table, report } = await readTransactions(source, options);
    return { ok: true, value: { table, report } };
  } catch (error) {
    return { ok: false, code: (error as { code?: unknown }).code, message: (error as Error).message };
  }
}

async function bothPaths(bytes: Uint8Array | string, chunkSize: number, options: IngestOptions = {}): Promise<{ bytes: Outcome; text: Outcome }> {
  return {
    bytes: await read(byteSource(bytes, chunkSize), { ...options, tokenizer: 'bytes' }),
    text: await read(byteSource(bytes, chunkSize), { ...options, tokenizer: 'text' }),
  };
}

interface TokenRow {
  fields: string[];
  line: number;
  lines: number;
}

function tokenizeText(text: string, delimiter: string, chunkSize: number): { rows: TokenRow[]; unclosed: boolean } {
  const rows: TokenRow[] = [];
  const tokenizer = new CsvTokenizer(delimiter, (fields, line, lines) => rows.push({ fields, line, lines }));
  for (let i = 0; i < text.length; i += chunkSize) tokenizer.push(text.slice(i, i + chunkSize));
  tokenizer.end();
  return { rows, unclosed: tokenizer.unclosedQuoteAtEnd };
}

function tokenizeBytes(bytes: Uint8Array, delimiter: string, chunkSize: number, encoding = 'utf-8'): { rows: TokenRow[]; unclosed: boolean } {
  const rows: TokenRow[] = [];
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  const decode = (b: Uint8Array) => decoder.decode(b);
  const tokenizer = new ByteCsvTokenizer(
    delimiter,
    (row, line, lines) => {
      const fields: string[] = [];
      for (let j = 0; j < row.count; j++) fields.push(decode(row.source(j).subarray(row.start[j], row.end[j])));
      rows.push({ fields, line, lines });
    },
    decode,
  );
  for (let i = 0; i < bytes.length; i += chunkSize) tokenizer.push(bytes.subarray(i, i + chunkSize));
  tokenizer.end();
  return { rows, unclosed: tokenizer.unclosedQuoteAtEnd };
}

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
const line = (...fields: string[]) => fields.join(',');

/** Hostile inputs, each a file a spreadsheet or a hand-written export could produce. */
const HOSTILE: [string, string][] = [
  ['quoted fields with commas and doubled quotes', [HEADER, line('536365', '85123A', '"HEART, ""WHITE"" HOLDER"', '6', '2010-12-01 08:26', '2.55', '17850', 'United Kingdom'), line('536366', '71053', '""""', '6', '2010-12-01 08:28', '3.39', '17850', '"United Kingdom"'), ''].join('\n')],
  ['CRLF line ends', [HEADER, line('1', 'A', 'x', '1', '2011-01-02', '1.5', '12', 'France'), line('2', 'B', 'y', '2', '2011-01-03', '2', '13', 'Spain'), ''].join('\r\n')],
  ['lone CR line ends', [HEADER, line('1', 'A', 'x', '1', '2011-01-02', '1.5', '12', 'France'), line('2', 'B', 'y', '2', '2011-01-03', '2', '13', 'Spain')].join('\r')],
  ['mixed line ends and blank lines', `${HEADER}\r\n\r\n${line('1', 'A', 'x', '1', '2011-01-02', '1.5', '12', 'France')}\r${line('2', 'B', 'y', '2', '2011-01-03', '2', '13', 'Spain')}\n\n\n${line('3', 'C', 'z', '3', '2011-01-04', '3', '14', 'Italy')}\r\n`],
  ['a UTF-8 byte order mark', `\uFEFF${HEADER}\n${line('1', 'A', 'x', '1', '2011-01-02', '1.5', '12', 'France')}\n`],
  ['embedded newlines inside quotes', `${HEADER}\n${line('1', 'A', '"two\nlines"', '1', '2011-01-02', '1.5', '12', 'France')}\n${line('2', 'B', '"three\r\nlines\rhere"', '2', '2011-01-03', '2', '13', 'Spain')}\n${line('3', 'C', 'z', '3', '2011-01-04', '3', '14', 'Italy')}\n`],
  ['non-ASCII names', `${HEADER}\n${line('1', 'A', 'Crème brûlée 🍮', '1', '2011-01-02', '1.5', '12', 'Österreich')}\n${line('2', 'B', '日本茶', '2', '2011-01-03', '2', '13', 'España')}\n${line('3', 'B', '日本茶', '2', '2011-01-03', '2', '13', 'España')}\n`],
  ['empty trailing fields', `${HEADER}\n${line('1', 'A', 'x', '1', '2011-01-02', '1.5', '12', '')}\n${line('2', 'B', '', '2', '2011-01-03', '2', '', '')}\n`],
  ['ragged rows', `${HEADER}\n1,A,x,1,2011-01-02,1.5,12\n2,B,y,2,2011-01-03,2,13,Spain,extra,more\n3,C\n4,D,w,4,2011-01-05,4,15,Italy\n`],
  ['a quote opened and never closed', `${HEADER}\n${line('1', 'A', 'x', '1', '2011-01-02', '1.5', '12', 'France')}\n${line('2', 'B', '"broken', '2', '2011-01-03', '2', '13', 'Spain')}\n${line('3', 'C', 'z', '3', '2011-01-04', '3', '14', 'Italy')}\n`],
  ['stray characters after a closing quote and quotes inside a field', `${HEADER}\n${line('1', 'A', '"ab"cd', '1', '2011-01-02', '1.5', '12', 'Fr"an"ce')}\n${line('2', 'B', 'y"', '"2"', '2011-01-03', '"2"x', '13', 'Spain')}\n`],
  ['a single quoted empty field on a line', `${HEADER}\n""\n${line('1', 'A', 'x', '1', '2011-01-02', '1.5', '12', 'France')}\n"",""\n`],
  ['invalid UTF-8 bytes among valid ones', `${HEADER}\n${line('1', 'A', 'Caf\u00e9', '1', '2011-01-02', '1.5', '12', 'France')}\n`],
  ['no newline at the end', `${HEADER}\n${line('1', 'A', 'x', '1', '2011-01-02', '1.5', '12', 'France')}`],
  ['semicolons and decimal commas', `InvoiceNo;StockCode;Description;Quantity;InvoiceDate;UnitPrice;CustomerID;Country\n1;A;"x; y";1;02/01/2011;1,5;12;France\n2;B;z;2;13/01/2011;"2,25";13;Spain\n`],
  ['tabs', `InvoiceNo\tStockCode\tDescription\tQuantity\tInvoiceDate\tUnitPrice\tCustomerID\tCountry\n1\tA\tx\t1\t2011-01-02\t1.5\t12\tFrance\n`],
];

function hostileBytes(name: string, text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  if (!name.startsWith('invalid UTF-8')) return bytes;
  // Splice ill-formed sequences into the description and country: a lone continuation byte, a cut 3-byte sequence, an overlong form.
  const extra = new TextEncoder().encode(`${line('2', 'B', 'bad\u0001', '2', '2011-01-03', '2', '13', 'Spain')}\n`);
  const out = new Uint8Array(bytes.length + extra.length + 7);
  out.set(bytes);
  out.set(extra, bytes.length);
  out.set([0x80, 0xe2, 0x82, 0x2c, 0xc0, 0xaf, 0x0a], bytes.length + extra.length);
  const at = bytes.length + extra.indexOf(0x01);
  out[at] = 0xff;
  return out;
}

describe('the byte path reads what the text path reads', () => {
  test.each(HOSTILE)('tokenizer rows: %s', (name, text) => {
    const bytes = hostileBytes(name, text);
    const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const delimiter = name === 'semicolons and decimal commas' ? ';' : name === 'tabs' ? '\t' : ',';
    for (const chunkSize of [1, 2, 3, 7, 64, 1 << 20]) {
      const expected = tokenizeText(decoded, delimiter, chunkSize);
      expect(tokenizeBytes(bytes, delimiter, chunkSize)).toEqual(expected);
    }
  });

  test('tokenizer rows on a hand-checked case', () => {
    const bytes = new TextEncoder().encode('a,"b,""c""\nd",e\r\n\r\n"",\rf\n"open\nend');
    expect(tokenizeBytes(bytes, ',', 3)).toEqual({
      rows: [
        { fields: ['a', 'b,"c"\nd', 'e'], line: 1, lines: 2 },
        { fields: ['', ''], line: 4, lines: 1 },
        { fields: ['f'], line: 5, lines: 1 },
        { fields: ['open\nend'], line: 6, lines: 2 },
      ],
      unclosed: true,
    });
  });

  test('a line longer than the limit is refused with the same message', () => {
    const text = `a,b\n${'x'.repeat(40)},y\nc,d\n`;
    const refusal = (run: () => void) => {
      try {
        run();
        return null;
      } catch (error) {
        return { code: (error as { code?: unknown }).code, message: (error as Error).message };
      }
    };
    const fromText = refusal(() => {
      const tokenizer = new CsvTokenizer(',', () => {}, 16);
      for (let i = 0; i < text.length; i += 8) tokenizer.push(text.slice(i, i + 8));
    });
    const fromBytes = refusal(() => {
      const bytes = new TextEncoder().encode(text);
      const tokenizer = new ByteCsvTokenizer(',', () => {}, (b) => new TextDecoder().decode(b), 16);
      for (let i = 0; i < bytes.length; i += 8) tokenizer.push(bytes.subarray(i, i + 8));
    });
    expect(fromText).toMatchObject({ code: 'FIELD_TOO_LONG' });
    expect(fromBytes).toEqual(fromText);
  });

  test('a long line without line breaks, in many chunks, reads whole', () => {
    const text = `a,b\n"${'q'.repeat(300_000)}",${'z'.repeat(300_000)}\nc,d`;
    const bytes = new TextEncoder().encode(text);
    expect(tokenizeBytes(bytes, ',', 4096)).toEqual(tokenizeText(text, ',', 4096));
    expect(tokenizeBytes(bytes, ',', 4096).rows[1].fields.map((f) => f.length)).toEqual([300_000, 300_000]);
  });

  test.each(HOSTILE)('readTransactions: %s', async (name, text) => {
    const bytes = hostileBytes(name, text);
    for (const chunkSize of [1, 5, 4096]) {
      const { bytes: fromBytes, text: fromText } = await bothPaths(bytes, chunkSize);
      expect(fromBytes).toEqual(fromText);
    }
  });

  test('windows-1252 text', async () => {
    const text = `${HEADER}\n${line('1', 'A', 'Caf\u00e9 cr\u00e8me \u0080', '1', '2011-01-02', '1.5', '12', 'M\u00fcnchen')}\n${line('2', 'B', '"na\u00efve, ""quoted"""', '2', '2011-01-03', '2', '13', 'M\u00fcnchen')}\n`;
    const cp1252 = Uint8Array.from(text, (ch) => (ch === '\u0080' ? 0x80 : ch.charCodeAt(0)));
    cp1252[cp1252.indexOf(0x80)] = 0x80;
    const { bytes: fromBytes, text: fromText } = await bothPaths(cp1252, 3);
    expect(fromBytes).toEqual(fromText);
    expect(fromBytes.ok && (fromBytes.value as { report: { encoding: string } }).report.encoding).toBe('windows-1252');
    expect(fromBytes.ok && (fromBytes.value as { table: { descriptions: string[] } }).table.descriptions).toEqual(['Caf\u00e9 cr\u00e8me \u20ac', 'na\u00efve, "quoted"']);
  });

  test('ill-formed bytes that decode to the same text share one code', async () => {
    // 0x80 and 0xff both become U+FFFD: one description, as on the text path.
    const head = new TextEncoder().encode(`${HEADER}\n1,A,`);
    const mid = new TextEncoder().encode(`x,1,2011-01-02,1.5,12,France\n2,A,`);
    const tail = new TextEncoder().encode('x,1,2011-01-02,1.5,12,\u00d6sterreich\n');
    const bytes = new Uint8Array([...head, 0x80, ...mid, 0xff, ...tail]);
    const { bytes: fromBytes, text: fromText } = await bothPaths(bytes, 4);
    expect(fromBytes).toEqual(fromText);
    expect(fromBytes.ok && (fromBytes.value as { table: { descriptions: string[] } }).table.descriptions).toEqual(['\ufffdx']);
  });

  test('the demo log', async () => {
    const collect = async () => {
      const parts: Uint8Array[] = [];
      for await (const chunk of demoLogBytes({ seed: 7 })) parts.push(chunk);
      return Buffer.concat(parts);
    };
    const bytes = await collect();
    const { bytes: fromBytes, text: fromText } = await bothPaths(bytes, 65_536);
    expect(fromBytes.ok).toBe(true);
    expect(fromBytes).toEqual(fromText);
  }, 240_000);

  // SHARED_DATA is beside the repository; a git worktree one level deeper finds it one folder further up.
  const shared = [SHARED_DATA, join(SHARED_DATA, '..', '..', '..', 'shared', 'data')].find((folder) => existsSync(join(folder, 'realworld'))) ?? SHARED_DATA;
  const files = ['realworld', 'cases'].flatMap((folder) =>
    existsSync(join(shared, folder)) ? readdirSync(join(shared, folder)).filter((f) => /\.(csv|tsv|txt)$/.test(f) && f !== 'README.md').map((f) => join(shared, folder, f)) : [],
  );
  test.skipIf(files.length === 0)(`the real-world files and cases in ${shared} (skipped when the folder is absent)`, async () => {
    for (const file of files) {
      const { bytes: fromBytes, text: fromText } = await bothPaths(readFileSync(file), 65_536);
      expect({ file, ...fromBytes }).toEqual({ file, ...fromText });
    }
  }, 240_000);
});
