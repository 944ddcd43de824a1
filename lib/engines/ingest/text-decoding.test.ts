import { describe, expect, test } from 'vitest';
import { EngineError } from '../errors';
import { createRng } from '../random';
import { byteSource } from '../testing/byte-source';
import { decideTextEncoding, decodeText, detectUtf16WithoutBom, scanUtf8, type EncodingDecision, type TextEncoding } from './text-decoding';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...values: number[]) => new Uint8Array(values);
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

async function decodeAll(data: Uint8Array, decision: EncodingDecision, chunkSize: number): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of decodeText(byteSource(data, chunkSize), decision)) chunks.push(chunk);
  return chunks;
}

test.each([
  ['ASCII', utf8('a,b\n1,2\n'), true, { multiByte: 0, invalid: 0 }],
  ['two- to four-byte characters', utf8('Österreich € 😀'), true, { multiByte: 3, invalid: 0 }],
  ['a lone Windows-1252 £', bytes(0x41, 0xa3, 0x35), true, { multiByte: 0, invalid: 1 }],
  ['an overlong NUL (C0 80)', bytes(0xc0, 0x80), true, { multiByte: 0, invalid: 2 }],
  ['a UTF-16 surrogate (ED A0 80)', bytes(0xed, 0xa0, 0x80), true, { multiByte: 0, invalid: 3 }],
  ['a code point above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), true, { multiByte: 0, invalid: 4 }],
  ['a sequence cut by the end of the file', bytes(0x41, 0xe2, 0x82), true, { multiByte: 0, invalid: 1 }],
  ['a sequence cut by the end of the sample', bytes(0x41, 0xe2, 0x82), false, { multiByte: 0, invalid: 0 }],
  ['a broken sequence before more text', bytes(0xe2, 0x82, 0x41, 0xc3, 0xa9), false, { multiByte: 1, invalid: 1 }],
])('scanUtf8 counts %s', (_name, data, atEnd, expected) => {
  expect(scanUtf8(data, atEnd)).toEqual(expected);
});

test('scanUtf8 counts one invalid sequence for every U+FFFD the WHATWG decoder writes', () => {
  const rng = createRng(5);
  // No 0xEF, so the input never holds a literal U+FFFD (EF BF BD).
  const alphabet = [0x41, 0x0a, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xa3, 0xbf, 0xc0, 0xc2, 0xc3, 0xe0, 0xe2, 0xed, 0xf0, 0xf4, 0xf5, 0xff];
  for (let round = 0; round < 500; round++) {
    const data = Uint8Array.from({ length: 1 + rng.int(24) }, () => alphabet[rng.int(alphabet.length)]);
    const replacements = (new TextDecoder('utf-8').decode(data).match(/\uFFFD/g) ?? []).length;
    expect(scanUtf8(data).invalid, Array.from(data, (b) => b.toString(16)).join(' ')).toBe(replacements);
  }
});

const utf16leAscii = Buffer.from('InvoiceNo\tCustomerID\r\n300001\t12345\r\n', 'utf16le');

test.each<[string, Uint8Array, Partial<EncodingDecision>]>([
  ['plain ASCII', utf8('id,amount\n1,2.50\n'), { encoding: 'utf-8', bom: false, reason: 'valid UTF-8' }],
  ['UTF-8 text', utf8('Land\nÖsterreich\n'), { encoding: 'utf-8', bom: false, reason: 'valid UTF-8' }],
  ['a UTF-8 BOM', utf8('\uFEFFid\n'), { encoding: 'utf-8', bom: true, bomLength: 3, reason: 'UTF-8 byte order mark' }],
  ['a UTF-16 LE BOM', bytes(0xff, 0xfe, 0x41, 0x00), { encoding: 'utf-16le', bom: true, bomLength: 2, reason: 'UTF-16 LE byte order mark' }],
  ['a UTF-16 BE BOM', bytes(0xfe, 0xff, 0x00, 0x41), { encoding: 'utf-16be', bom: true, bomLength: 2, reason: 'UTF-16 BE byte order mark' }],
  [
    'UTF-16 LE without BOM',
    utf16leAscii,
    { encoding: 'utf-16le', bom: false, reason: 'no byte order mark, but the NUL bytes of ASCII text fall as in UTF-16 LE: UTF-16 LE' },
  ],
  ['UTF-16 BE without BOM', utf16be('id\tname\n1\tAnna\n'), { encoding: 'utf-16be', bom: false }],
  [
    'Windows-1252 with £ and curly quotes',
    bytes(0x93, 0x51, 0x94, 0x2c, 0xa3, 0x35, 0x0a),
    { encoding: 'windows-1252', reason: 'not valid UTF-8 and no UTF-8 multi-byte text: Windows-1252' },
  ],
  [
    'UTF-8 with one Windows-1252 byte',
    new Uint8Array([...utf8('Österreich\nK'), 0xf6, ...utf8('ln\nÖsterreich\n')]),
    { encoding: 'utf-8', reason: 'UTF-8 (2 multi-byte characters) with 1 invalid byte sequence, which become U+FFFD' },
  ],
])('decides %s', (_name, sample, expected) => {
  expect(decideTextEncoding(sample)).toMatchObject(expected);
});

test('a character cut by the end of the sample does not make UTF-8 look invalid', () => {
  const sample = utf8('abcÖ').subarray(0, 4);
  expect(decideTextEncoding(sample, { atEnd: false }).encoding).toBe('utf-8');
  expect(decideTextEncoding(sample, { atEnd: true }).encoding).toBe('windows-1252');
});

test('a forced encoding wins and still drops the byte order mark', () => {
  expect(decideTextEncoding(utf8('\uFEFFÖ'), { forced: 'windows-1252' })).toEqual({
    encoding: 'windows-1252',
    bom: true,
    bomLength: 3,
    reason: 'forced by option',
  });
  expect(() => decideTextEncoding(utf8('a'), { forced: 'latin9' as TextEncoding })).toThrow(EngineError);
});

test('binary data with a UTF-16-like zero pattern is not taken for UTF-16', () => {
  const pairs = (...pair: number[][]) => Uint8Array.from({ length: 64 }, (_, i) => pair[Math.floor(i / 2) % pair.length][i % 2]);
  expect(detectUtf16WithoutBom(pairs([0x41, 0x00]))).toBe('utf-16le');
  // 'A' then a lone low surrogate (U+DC01), over and over
  expect(detectUtf16WithoutBom(pairs([0x41, 0x00], [0x01, 0xdc]))).toBe(null);
  // U+0001 control characters
  expect(detectUtf16WithoutBom(pairs([0x01, 0x00]))).toBe(null);
  expect(detectUtf16WithoutBom(utf8('plain text, no NULs'))).toBe(null);
});

test('decodes UTF-8 split inside characters, one byte at a time, without the BOM', async () => {
  const text = 'Straße;Österreich;€ 12;😀\n';
  const data = utf8(`\uFEFF${text}`);
  const decision = decideTextEncoding(data);
  const chunks = await decodeAll(data, decision, 1);
  expect(chunks.join('')).toBe(text);
  expect(chunks.length).toBeGreaterThan(1);
});

test('decodes invalid UTF-8 bytes as U+FFFD instead of failing', async () => {
  const data = new Uint8Array([...utf8('Österreich\nK'), 0xf6, ...utf8('ln\nÖsterreich\n')]);
  const text = (await decodeAll(data, decideTextEncoding(data), 5)).join('');
  expect(text).toBe('Österreich\nK\uFFFDln\nÖsterreich\n');
});

test('decodes Windows-1252 punctuation and currency', async () => {
  const data = bytes(0x93, 0x51, 0x94, 0x20, 0x96, 0x20, 0xa3, 0x35, 0x20, 0x80, 0x0a);
  expect((await decodeAll(data, decideTextEncoding(data), 3)).join('')).toBe('\u201CQ\u201D \u2013 £5 €\n');
});

test.each<[TextEncoding, (text: string) => Uint8Array]>([
  ['utf-16le', (text) => Buffer.from(`\uFEFF${text}`, 'utf16le')],
  ['utf-16be', (text) => utf16be(`\uFEFF${text}`)],
])('decodes %s with a BOM, split inside code units and surrogate pairs', async (encoding, encode) => {
  const text = 'InvoiceNo\tDescription\r\n300001\tほうじ茶 😀\r\n';
  const data = encode(text);
  const decision = decideTextEncoding(data);
  expect(decision.encoding).toBe(encoding);
  for (const chunkSize of [1, 3, 5, 1024]) expect((await decodeAll(data, decision, chunkSize)).join('')).toBe(text);
});

describe('text in neither UTF-8 nor Windows-1252', () => {
  // "日本、東京。商品円新" in Shift-JIS; its lead bytes 0x81, 0x8F and 0x90 are unassigned in Windows-1252.
  const SHIFT_JIS = [0x93, 0xfa, 0x96, 0x7b, 0x81, 0x41, 0x93, 0x8c, 0x8b, 0x9e, 0x81, 0x42, 0x8f, 0xa4, 0x95, 0x69, 0x89, 0x7e, 0x90, 0x56];
  const shiftJisFile = () => {
    const out: number[] = [...utf8('id,name,price\n')];
    for (let i = 1; i <= 20; i++) out.push(...utf8(`${i},`), ...SHIFT_JIS, ...utf8(`,${i}.50\n`));
    return new Uint8Array(out);
  };

  test('a Shift-JIS export is refused in words, not read garbled; a forced encoding is still used as given', () => {
    const sample = shiftJisFile();
    expect(new TextDecoder('shift_jis').decode(sample)).toContain('1,日本、東京。商品円新,1.50\n');
    let error: unknown;
    try {
      decideTextEncoding(sample);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('UNSUPPORTED_FILE');
    expect((error as EngineError).message).toMatch(
      /^The file's text is neither UTF-8 nor Windows-1252: its first bytes hold [\d,]+ invalid UTF-8 sequences and 80 bytes that Windows-1252 does not use, as in Shift-JIS, GBK or another East Asian encoding\. .*Save it as UTF-8 \(in Excel: "CSV UTF-8"\) and upload it again\.$/,
    );
    expect(decideTextEncoding(sample, { forced: 'windows-1252' }).encoding).toBe('windows-1252');
  });

  test('Windows-1252 text with two stray unassigned bytes is still read as Windows-1252', () => {
    const sample = new Uint8Array([...utf8('name\n'), ...Array.from({ length: 50 }, () => [0x4d, 0xfc, 0x6c, 0x6c, 0x0a]).flat(), 0x81, 0x0a, 0x9d, 0x0a]);
    expect(decideTextEncoding(sample).encoding).toBe('windows-1252');
  });
});
