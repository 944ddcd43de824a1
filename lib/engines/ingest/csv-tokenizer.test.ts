import Papa from 'papaparse';
import { expect, test } from 'vitest';
import { createRng } from '../random';
import { CsvTokenizer, sniffDelimiter } from './csv-tokenizer';

function tokenize(text: string, chunkSizes: number[] | number = 1 << 16, delimiter = ','): string[][] {
  const rows: string[][] = [];
  const tokenizer = new CsvTokenizer(delimiter, (row) => rows.push(row));
  const sizes = Array.isArray(chunkSizes) ? chunkSizes : [chunkSizes];
  for (let at = 0, k = 0; at < text.length; k++) {
    const size = sizes[k % sizes.length];
    tokenizer.push(text.slice(at, at + size));
    at += size;
  }
  tokenizer.end();
  return rows;
}

test.each([
  ['a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
  ['a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
  ['a,b\r1,2', [['a', 'b'], ['1', '2']]],
  ['a,,\n,,\n', [['a', '', ''], ['', '', '']]],
  ['"x, y","say ""hi""",z\n', [['x, y', 'say "hi"', 'z']]],
  ['"two\nlines",2\n3,4', [['two\nlines', '2'], ['3', '4']]],
  ['\n\na\n\n\nb\n', [['a'], ['b']]],
  ['"unclosed,1\n2', [['unclosed,1\n2']]],
  ['"a"b,c\n', [['ab', 'c']]],
  ['a,b,', [['a', 'b', '']]],
  ['', []],
])('tokenizes %j', (text, expected) => {
  expect(tokenize(text)).toEqual(expected);
  expect(tokenize(text, 1)).toEqual(expected);
});

test('reads other delimiters and guesses them from the header', () => {
  expect(tokenize('a;b\n"1;2";3\n', 3, ';')).toEqual([['a', 'b'], ['1;2', '3']]);
  expect(sniffDelimiter('InvoiceNo;StockCode;"A,B";Quantity\n1,2,3,4,5')).toBe(';');
  expect(sniffDelimiter('a\tb\tc')).toBe('\t');
  expect(sniffDelimiter('single')).toBe(',');
});

test('agrees with papaparse on 300 random files split at random chunk boundaries', () => {
  const rng = createRng(11);
  const alphabet = ['a', 'b', ' ', ',', '"', '\n', '\r\n', 'é', '£', '1', '.'];
  for (let file = 0; file < 300; file++) {
    const rows: string[] = [];
    const nRows = 1 + rng.int(8);
    const nFields = 1 + rng.int(5);
    for (let r = 0; r < nRows; r++) {
      const fields: string[] = [];
      for (let f = 0; f < nFields; f++) {
        let value = '';
        const length = rng.int(6);
        for (let c = 0; c < length; c++) value += alphabet[rng.int(alphabet.length)];
        fields.push(/[",\r\n]/.test(value) || rng.next() < 0.2 ? `"${value.replace(/"/g, '""')}"` : value);
      }
      rows.push(fields.join(','));
    }
    const newline = rng.next() < 0.5 ? '\n' : '\r\n';
    const text = rows.join(newline) + (rng.next() < 0.5 ? newline : '');
    const expected = Papa.parse<string[]>(text, { skipEmptyLines: true, delimiter: ',', newline }).data;
    const sizes = Array.from({ length: 5 }, () => 1 + rng.int(12));
    expect(tokenize(text, sizes), JSON.stringify(text)).toEqual(expected);
  }
});

test('refuses a line longer than the limit with a plain message', () => {
  const tokenizer = new CsvTokenizer(',', () => {}, 3 * 1024 * 1024);
  const big = '"' + 'x'.repeat(1 << 20);
  expect(() => {
    for (let i = 0; i < 4; i++) tokenizer.push(big);
  }).toThrow(/longer than 3 MB: the file probably has an unclosed quote/);
});
