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

test('reads other delimiters', () => {
  expect(tokenize('a;b\n"1;2";3\n', 3, ';')).toEqual([['a', 'b'], ['1;2', '3']]);
});

test.each([
  ['a semicolon header and lines', 'InvoiceNo;StockCode;"A,B";Quantity\n1;2;3;4\n5;6;7;8\n', ';'],
  ['decimal commas inside semicolon lines', 'Date;Customer;Amount\n08.03.2014;c1;2,55\n09.03.2014;c2;1.249,00\n', ';'],
  ['two report title lines above the header', 'Sales report, March 2024\nPrinted 2024-04-01, page 1\ndate;customer;amount\n2024-03-01;c1;10\n2024-03-02;c2;20\n', ';'],
  ['tabs', 'a\tb\tc', '\t'],
  ['pipes', 'a|b|c\n1|2|3\n', '|'],
  ['runs of spaces (CDNOW)', ' 00001 0001 19970101  1   29.33\n 00002 0002 19970102  2   11.77\n', ' '],
  ['a single word', 'single', ','],
])('guesses the delimiter of %s', (_label, head, expected) => {
  expect(sniffDelimiter(head)).toBe(expected);
});

test('a tie between delimiters goes to the one that gives more fields', () => {
  // One line each: ";" splits the header into 4 fields, "," the data line into 5.
  expect(sniffDelimiter('InvoiceNo;StockCode;"A,B";Quantity\n1,2,3,4,5')).toBe(',');
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
