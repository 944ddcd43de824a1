import { EngineError } from '../errors';

export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export const TEXT_ENCODINGS: readonly TextEncoding[] = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'];

/** How many decoded (decompressed) bytes the encoding is decided on. */
export const ENCODING_SAMPLE_BYTES = 1024 * 1024;

/** How the whole file will be decoded, decided once from its first bytes. */
export interface EncodingDecision {
  encoding: TextEncoding;
  /** The file starts with a byte order mark; its bytes are dropped before decoding. */
  bom: boolean;
  /** Length of that byte order mark in bytes (0 without one). */
  bomLength: number;
  /** How the encoding was decided, in words. */
  reason: string;
}

export interface Utf8Scan {
  /** Well-formed UTF-8 sequences of two to four bytes. */
  multiByte: number;
  /** Ill-formed sequences: each becomes one U+FFFD when decoded. */
  invalid: number;
}

interface ByteOrderMark {
  encoding: TextEncoding;
  length: number;
  name: string;
}

const BYTE_ORDER_MARKS: readonly (ByteOrderMark & { bytes: readonly number[] })[] = [
  { encoding: 'utf-8', length: 3, name: 'UTF-8', bytes: [0xef, 0xbb, 0xbf] },
  { encoding: 'utf-16le', length: 2, name: 'UTF-16 LE', bytes: [0xff, 0xfe] },
  { encoding: 'utf-16be', length: 2, name: 'UTF-16 BE', bytes: [0xfe, 0xff] },
];

/** The byte order mark the bytes start with, if any. */
export function detectByteOrderMark(head: Uint8Array): ByteOrderMark | null {
  for (const mark of BYTE_ORDER_MARKS) {
    if (head.length >= mark.length && mark.bytes.every((byte, i) => head[i] === byte)) {
      return { encoding: mark.encoding, length: mark.length, name: mark.name };
    }
  }
  return null;
}

/**
 * UTF-16 without a byte order mark, recognised by the NUL half of each ASCII character: in
 * UTF-16 LE the second byte of every pair is 0 for ASCII text, in UTF-16 BE the first. Needs
 * at least 40% such pairs, almost no NULs on the other side, and no broken surrogate pairs.
 */
export function detectUtf16WithoutBom(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(head.length, 64 * 1024) & ~1;
  const pairs = length / 2;
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < length; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const mostly = (count: number) => count >= pairs * 0.4;
  const almostNone = (count: number) => count <= pairs * 0.02;
  const candidate = mostly(oddNul) && almostNone(evenNul) ? 'utf-16le' : mostly(evenNul) && almostNone(oddNul) ? 'utf-16be' : null;
  if (candidate === null) return null;
  return isPlausibleUtf16(head.subarray(0, length), candidate === 'utf-16le') ? candidate : null;
}

function isPlausibleUtf16(bytes: Uint8Array, littleEndian: boolean): boolean {
  let controls = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const unit = littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const j = i + 2;
      if (j + 1 >= bytes.length) break;
      const next = littleEndian ? bytes[j] | (bytes[j + 1] << 8) : (bytes[j] << 8) | bytes[j + 1];
      if (next < 0xdc00 || next > 0xdfff) return false;
      i = j;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return false;
    } else if (isControlCharacter(unit)) {
      controls++;
    }
  }
  return !tooManyControls(controls, bytes.length / 2);
}

/** C0 control characters other than tab, line feed, vertical tab, form feed, carriage return and the DOS end-of-file mark (Ctrl-Z). */
export function isControlCharacter(code: number): boolean {
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d && code !== 0x1a;
}

/** More than a few control characters, and more than one in a hundred characters. */
export function tooManyControls(controls: number, characters: number): boolean {
  return controls >= 4 && controls * 100 > characters;
}

/**
 * Count well-formed multi-byte UTF-8 sequences and ill-formed ones (WHATWG rules: overlong
 * forms, surrogates and code points above U+10FFFF are ill-formed). A sequence cut off by the end
 * of `bytes` is not counted unless `atEnd` says the file ends there.
 */
export function scanUtf8(bytes: Uint8Array, atEnd = true): Utf8Scan {
  let multiByte = 0;
  let invalid = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    let needed: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) needed = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      needed = 2;
      if (lead === 0xe0) lower = 0xa0;
      if (lead === 0xed) upper = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      needed = 3;
      if (lead === 0xf0) lower = 0x90;
      if (lead === 0xf4) upper = 0x8f;
    } else {
      invalid++;
      i++;
      continue;
    }
    let seen = 0;
    let j = i + 1;
    while (seen < needed && j < n) {
      const byte = bytes[j];
      if (byte < lower || byte > upper) break;
      lower = 0x80;
      upper = 0xbf;
      seen++;
      j++;
    }
    if (seen === needed) {
      multiByte++;
    } else if (j >= n && !atEnd) {
      break;
    } else {
      invalid++;
    }
    i = j;
  }
  return { multiByte, invalid };
}

/** Bytes Windows-1252 leaves unassigned: text in it never holds them; Shift-JIS and GBK lead bytes often are. */
const UNASSIGNED_IN_WINDOWS_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Refuses a sample that is mostly invalid UTF-8 and also holds bytes Windows-1252 leaves
 * unassigned (at least 3, and 1 % of its bytes above 0x7f): read as either, its text would be
 * garbled on most lines (a Shift-JIS export read as UTF-8 lost 632 of 730 product names).
 * @throws EngineError UNSUPPORTED_FILE
 */
function refuseNeitherUtf8NorWindows1252(sample: Uint8Array, scan: Utf8Scan): void {
  let high = 0;
  let unassigned = 0;
  for (const byte of sample) {
    if (byte < 0x80) continue;
    high++;
    if (UNASSIGNED_IN_WINDOWS_1252.has(byte)) unassigned++;
  }
  if (unassigned < 3 || unassigned * 100 < high) return;
  throw new EngineError(
    'UNSUPPORTED_FILE',
    `The file's text is neither UTF-8 nor Windows-1252: its first bytes hold ${plural(scan.invalid, 'invalid UTF-8 sequence')} ` +
      `and ${plural(unassigned, 'byte')} that Windows-1252 does not use, as in Shift-JIS, GBK or another East Asian encoding. ` +
      'Read as either, its names would be garbled. Save it as UTF-8 (in Excel: "CSV UTF-8") and upload it again.',
    { invalidUtf8: scan.invalid, unassignedInWindows1252: unassigned },
  );
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Decide how a text file is decoded, once for the whole file, from its first bytes.
 * A byte order mark wins (UTF-16 LE/BE, UTF-8); then BOM-less UTF-16 by its NUL pattern; then
 * the sample is UTF-8 when it is valid UTF-8, or when it holds valid multi-byte UTF-8 text as
 * well as invalid bytes (those become U+FFFD); only a sample with invalid bytes and no
 * multi-byte UTF-8 at all is Windows-1252. A sample mostly invalid as UTF-8 that also holds bytes
 * Windows-1252 does not use (Shift-JIS, GBK) is refused. A forced encoding is used as given.
 * @throws EngineError UNSUPPORTED_FILE for text in neither encoding; INVALID_OPTION for an unknown forced one
 * @example
 * decideTextEncoding(new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c])).encoding; // 'windows-1252' ("Müll" in cp1252)
 * decideTextEncoding(new TextEncoder().encode('Müll')).reason; // 'valid UTF-8'
 */
export function decideTextEncoding(
  sample: Uint8Array,
  options: { atEnd?: boolean; forced?: TextEncoding } = {},
): EncodingDecision {
  const { atEnd = true, forced } = options;
  const mark = detectByteOrderMark(sample);
  const bom = mark !== null;
  const bomLength = mark?.length ?? 0;
  if (forced !== undefined) {
    if (!TEXT_ENCODINGS.includes(forced)) {
      throw new EngineError('INVALID_OPTION', `Unknown text encoding "${String(forced)}"; use one of ${TEXT_ENCODINGS.join(', ')}.`);
    }
    return { encoding: forced, bom, bomLength, reason: 'forced by option' };
  }
  if (mark !== null) return { encoding: mark.encoding, bom, bomLength, reason: `${mark.name} byte order mark` };
  const utf16 = detectUtf16WithoutBom(sample);
  if (utf16 !== null) {
    const name = utf16 === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
    return { encoding: utf16, bom, bomLength, reason: `no byte order mark, but the NUL bytes of ASCII text fall as in ${name}: ${name}` };
  }
  const scan = scanUtf8(sample, atEnd);
  if (scan.invalid === 0) return { encoding: 'utf-8', bom, bomLength, reason: 'valid UTF-8' };
  if (scan.invalid > scan.multiByte) refuseNeitherUtf8NorWindows1252(sample, scan);
  if (scan.multiByte > 0) {
    return {
      encoding: 'utf-8',
      bom,
      bomLength,
      reason: `UTF-8 (${plural(scan.multiByte, 'multi-byte character')}) with ${plural(scan.invalid, 'invalid byte sequence')}, which become U+FFFD`,
    };
  }
  return { encoding: 'windows-1252', bom, bomLength, reason: 'not valid UTF-8 and no UTF-8 multi-byte text: Windows-1252' };
}

/**
 * The chunks without the decision's byte-order mark (its `bomLength` first bytes, which may span
 * chunks); empty chunks are left out.
 */
export async function* afterByteOrderMark(chunks: AsyncIterable<Uint8Array>, decision: EncodingDecision): AsyncGenerator<Uint8Array> {
  let skip = decision.bomLength;
  for await (const chunk of chunks) {
    let bytes = chunk;
    if (skip > 0) {
      const dropped = Math.min(skip, bytes.length);
      skip -= dropped;
      bytes = bytes.subarray(dropped);
    }
    if (bytes.length > 0) yield bytes;
  }
}

/**
 * Decode byte chunks with one decision for the whole file, without its byte order mark.
 * Invalid bytes become U+FFFD (never an error); characters split across chunks decode whole.
 */
export async function* decodeText(chunks: AsyncIterable<Uint8Array>, decision: EncodingDecision): AsyncGenerator<string> {
  const decoder = new TextDecoder(decision.encoding, { fatal: false, ignoreBOM: true });
  for await (const bytes of afterByteOrderMark(chunks, decision)) {
    const text = decoder.decode(bytes, { stream: true });
    if (text.length > 0) yield text;
  }
  const tail = decoder.decode();
  if (tail.length > 0) yield tail;
}
