import { expect, test } from 'vitest';
import { ByteDictionary, hashBytes } from './byte-dictionary';
import { Dictionary } from './dictionary';

const encoder = new TextEncoder();
const utf8 = new TextDecoder('utf-8');

/** Interns each text through a ByteDictionary (as one buffer, each value a range of it). */
function intern(texts: string[]): { codes: number[]; values: string[] } {
  const dictionary = new Dictionary();
  const bytes = new ByteDictionary(dictionary, (b) => utf8.decode(b));
  const joined = encoder.encode(texts.join(''));
  const codes: number[] = [];
  let at = 0;
  for (const text of texts) {
    const size = encoder.encode(text).length;
    codes.push(bytes.code(joined, at, at + size));
    at += size;
  }
  return { codes, values: dictionary.values };
}

test('codes follow first appearance; runs, returns to earlier values and the empty value get their code back', () => {
  expect(intern(['b', 'b', 'a', '', 'b', '', 'a', 'ab', 'ba'])).toEqual({ codes: [0, 0, 1, 2, 0, 2, 1, 3, 4], values: ['b', 'a', '', 'ab', 'ba'] });
});

test('values of equal length that differ in one byte anywhere stay apart', () => {
  const texts = ['2010-12-01 08:26:00', '2010-12-01 08:28:00', '3010-12-01 08:26:00', '2010-12-01 08:26:01', '2010-12-01 08:26:00'];
  expect(intern(texts).codes).toEqual([0, 1, 2, 3, 0]);
});

test('a hundred thousand distinct values (several table growths) keep their codes', () => {
  const texts = Array.from({ length: 100_000 }, (_, k) => `${k % 7 === 0 ? 'C' : ''}${k}`);
  const again = [...texts].reverse();
  const { codes, values } = intern([...texts, ...again]);
  expect(values).toEqual(texts);
  expect(codes.slice(0, 100_000)).toEqual(texts.map((_, k) => k));
  expect(codes.slice(100_000)).toEqual(texts.map((_, k) => 99_999 - k));
});

test('two byte sequences that decode to the same text (invalid bytes, both U+FFFD) share one code', () => {
  const dictionary = new Dictionary();
  const bytes = new ByteDictionary(dictionary, (b) => utf8.decode(b));
  const data = Uint8Array.of(0x41, 0xff, 0x41, 0xfe);
  expect([bytes.code(data, 0, 2), bytes.code(data, 2, 4)]).toEqual([0, 0]);
  expect(dictionary.values).toEqual(['A\uFFFD']);
});

test('hashBytes reads only its range and depends on every byte of it', () => {
  const a = encoder.encode('xxWHITE HANGING HEARTyy');
  const b = encoder.encode('WHITE HANGING HEART');
  expect(hashBytes(a, 2, 21)).toBe(hashBytes(b, 0, b.length));
  for (let k = 0; k < b.length; k++) {
    const changed = b.slice();
    changed[k] ^= 1;
    expect(hashBytes(changed, 0, changed.length)).not.toBe(hashBytes(b, 0, b.length));
  }
});

test('texts interned as text before, between and after the bytes keep one code each', () => {
  const dictionary = new Dictionary();
  const bytes = new ByteDictionary(dictionary, (b) => utf8.decode(b));
  const data = encoder.encode('abcdé');
  const codes = [
    dictionary.code('b'),
    bytes.code(data, 0, 1),
    bytes.code(data, 1, 2),
    dictionary.code('c'),
    bytes.code(data, 2, 3),
    bytes.code(data, 3, 4),
    dictionary.code('d'),
    dictionary.code('é'),
    bytes.code(data, 4, 6),
    dictionary.code('a'),
    dictionary.code('f'),
  ];
  expect(codes).toEqual([0, 1, 0, 2, 2, 3, 3, 4, 4, 1, 5]);
  expect(dictionary.values).toEqual(['b', 'a', 'c', 'd', 'é', 'f']);
});

// insert() appends new ASCII values without a lookup by text: that holds only while no non-ASCII
// byte decodes to an ASCII character in the encodings the byte path reads.
test('no byte above 0x7F decodes to ASCII in Windows-1252, nor an overlong UTF-8 sequence', () => {
  const windows1252 = new TextDecoder('windows-1252');
  const ascii: number[] = [];
  for (let byte = 0x80; byte <= 0xff; byte++) {
    const text = windows1252.decode(Uint8Array.of(byte), { stream: true });
    if ([...text].some((c) => c.charCodeAt(0) < 0x80)) ascii.push(byte);
  }
  expect(ascii).toEqual([]);
  expect(utf8.decode(Uint8Array.of(0xc0, 0xaf, 0xc1, 0x81, 0xe0, 0x80, 0xaf))).toBe('\uFFFD'.repeat(7));
});
