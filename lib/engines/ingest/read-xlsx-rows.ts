import type { Row } from 'exceljs';
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { briefList } from '../brief-list';
import { EngineError } from '../errors';
import { DAY_MS } from '../calendar';

// An .xlsx is read from its bytes in memory (openSource caps their size). The workbook's own
// ZIP directory names the parts; exceljs's streaming reader then gets a small ZIP stream of just
// the parts it needs, decompressed and checked here, in the order it needs them (workbook,
// relationships, styles, shared strings, then the one chosen sheet). Fed the original file, that
// reader parks every sheet in a temporary file when the shared strings come after the sheets (as
// Excel writes them), reads every sheet, misses date styles that come after a sheet, and waits
// forever on damaged compressed data.

/** One entry of a ZIP archive's central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export type XlsxSheetKind = 'worksheet' | 'chartsheet' | 'other';

export interface XlsxSheet {
  name: string;
  kind: XlsxSheetKind;
  hidden: boolean;
  /** The sheet's part in the archive, such as "xl/worksheets/sheet1.xml"; null when missing. */
  part: string | null;
}

/** The parts of an .xlsx workbook needed to read its sheets, over the workbook's bytes. */
export interface XlsxWorkbook {
  bytes: Uint8Array;
  /** Entries by lower-case part name. */
  entries: Map<string, ZipEntry>;
  /** All sheets in tab order. */
  sheets: XlsxSheet[];
  /** Dates count from 1904-01-01 (old Mac Excel) instead of 1900. */
  date1904: boolean;
  sharedStringsPart: string | null;
  stylesPart: string | null;
}

const DAMAGED_ADVICE = 'nothing was stored. Save it again from Excel, or save the sheet as CSV and upload that.';
const MAX_XML_PART_BYTES = 64 * 1024 * 1024;

function damaged(reason: string): EngineError {
  return new EngineError('CORRUPT_FILE', `The workbook is truncated or damaged (${reason}); ${DAMAGED_ADVICE}`);
}

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

function u64(bytes: Uint8Array, at: number): number {
  return u32(bytes, at) + u32(bytes, at + 4) * 0x1_0000_0000;
}

const utf8 = new TextDecoder('utf-8');

function normalisePartName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/**
 * The central directory of a ZIP archive held in memory, or null when it has none (a truncated
 * file). ZIP64 sizes and offsets are understood.
 * @example
 * readZipDirectory(workbookBytes)?.map((entry) => entry.name); // ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', ...]
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= earliest; at--) {
    if (u32(bytes, at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = u16(bytes, eocd + 10);
  let offset = u32(bytes, eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || u32(bytes, locator) !== 0x07064b50) throw damaged('its ZIP64 directory is missing');
    const zip64 = u64(bytes, locator + 8);
    if (zip64 + 56 > bytes.length || u32(bytes, zip64) !== 0x06064b50) throw damaged('its ZIP64 directory is missing');
    count = u64(bytes, zip64 + 32);
    offset = u64(bytes, zip64 + 48);
  }
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) throw damaged('its ZIP directory is inconsistent');
    const flags = u16(bytes, at + 8);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > bytes.length) throw damaged('its ZIP directory is inconsistent');
    const entry: ZipEntry = {
      name: utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: u16(bytes, at + 10),
      flags,
      crc32: u32(bytes, at + 16),
      compressedSize: u32(bytes, at + 20),
      uncompressedSize: u32(bytes, at + 24),
      localHeaderOffset: u32(bytes, at + 42),
    };
    readZip64Extra(bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
    entries.push(entry);
    at = end;
  }
  return entries;
}

function readZip64Extra(extra: Uint8Array, entry: ZipEntry): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = u16(extra, at);
    const size = u16(extra, at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const take = () => {
        const value = field + 8 <= at + 4 + size ? u64(extra, field) : null;
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = take() ?? entry.uncompressedSize;
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take() ?? entry.compressedSize;
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = take() ?? entry.localHeaderOffset;
      return;
    }
    at += 4 + size;
  }
}

/**
 * Names of the entries whose local headers lie in the first bytes of a ZIP archive, for when
 * the central directory at its end cannot be read (a truncated file, or only its start).
 * Stops at an entry whose size is written after its data.
 */
export function listLocalEntryNames(head: Uint8Array): string[] {
  const names: string[] = [];
  for (let at = 0; at + 30 <= head.length && u32(head, at) === 0x04034b50; ) {
    const flags = u16(head, at + 6);
    const compressedSize = u32(head, at + 18);
    const nameLength = u16(head, at + 26);
    const extraLength = u16(head, at + 28);
    if (at + 30 + nameLength > head.length) break;
    names.push(utf8.decode(head.subarray(at + 30, at + 30 + nameLength)));
    if ((flags & 0x08) !== 0 && compressedSize === 0) break;
    at += 30 + nameLength + extraLength + compressedSize;
  }
  return names;
}

/** The stored or compressed bytes of an entry, as they are in the archive. */
function rawEntryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50) throw damaged(`the part ${entry.name} is missing`);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw damaged(`the part ${entry.name} is cut short`);
  return bytes.subarray(start, end);
}

function checkEntryReadable(entry: ZipEntry): void {
  if ((entry.flags & 0x01) !== 0) {
    throw new EngineError(
      'UNSUPPORTED_FILE',
      'The workbook is encrypted and cannot be read. Open it in Excel, remove the password and save it again as .xlsx or CSV.',
    );
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new EngineError(
      'UNSUPPORTED_FILE',
      `The workbook's part ${entry.name} is compressed with a method (ZIP method ${entry.method}) that is not read. Save the workbook again from Excel, or save the sheet as CSV.`,
    );
  }
}

function inflateEntry(bytes: Uint8Array, entry: ZipEntry, limit = MAX_XML_PART_BYTES): Uint8Array {
  checkEntryReadable(entry);
  const raw = rawEntryData(bytes, entry);
  if (entry.method === 0) return raw;
  try {
    return inflateRawSync(raw, { maxOutputLength: limit });
  } catch (error) {
    throw damaged(`the part ${entry.name} cannot be decompressed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (match, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return XML_ENTITIES[name.toLowerCase()] ?? match;
  });
}

function xmlElements(xml: string, localName: string): Record<string, string>[] {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${localName}(?=[\\s/>])([^>]*)>`, 'g');
  const elements: Record<string, string>[] = [];
  for (const match of xml.matchAll(pattern)) {
    const attributes: Record<string, string> = {};
    for (const attribute of match[1].matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes[attribute[1]] = decodeXml(attribute[2] ?? attribute[3]);
    }
    elements.push(attributes);
  }
  return elements;
}

function relationshipIdOf(attributes: Record<string, string>): string | undefined {
  for (const [key, value] of Object.entries(attributes)) if (/^[\w.-]+:id$/.test(key)) return value;
  return undefined;
}

function resolvePart(baseDir: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `${baseDir}/${target}`;
  const parts: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
}

/**
 * Read an .xlsx workbook's directory, sheet names (tab order), relationships and date system.
 * Throws CORRUPT_FILE for a damaged archive and UNSUPPORTED_FILE for an encrypted one.
 * @example
 * const workbook = openXlsxWorkbook(bytes);
 * workbook.sheets.map((sheet) => sheet.name); // ['Year 2024', 'Notes']
 */
export function openXlsxWorkbook(bytes: Uint8Array): XlsxWorkbook {
  const directory = readZipDirectory(bytes);
  if (directory === null) throw damaged('its ZIP directory is missing');
  const entries = new Map<string, ZipEntry>();
  for (const entry of directory) entries.set(normalisePartName(entry.name), entry);
  const workbookEntry = entries.get('xl/workbook.xml');
  if (workbookEntry === undefined) throw damaged('it has no xl/workbook.xml');
  const workbookXml = utf8.decode(inflateEntry(bytes, workbookEntry));
  const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
  const relationships = new Map<string, { type: string; part: string }>();
  if (relsEntry !== undefined) {
    for (const rel of xmlElements(utf8.decode(inflateEntry(bytes, relsEntry)), 'Relationship')) {
      if (rel.Id === undefined || rel.Target === undefined || rel.TargetMode === 'External') continue;
      relationships.set(rel.Id, { type: rel.Type ?? '', part: resolvePart('xl', rel.Target) });
    }
  }
  const sheets: XlsxSheet[] = xmlElements(workbookXml, 'sheet').map((attributes, index) => {
    const rel = relationships.get(relationshipIdOf(attributes) ?? '');
    const kind: XlsxSheetKind =
      rel === undefined || /\/worksheet$/.test(rel.type) ? 'worksheet' : /\/chartsheet$/.test(rel.type) ? 'chartsheet' : 'other';
    const fallback = `xl/worksheets/sheet${index + 1}.xml`;
    const candidate = rel?.part ?? (entries.has(fallback) ? fallback : null);
    const part = candidate !== null && entries.has(normalisePartName(candidate)) ? candidate : null;
    return {
      name: attributes.name ?? `Sheet${index + 1}`,
      kind,
      hidden: attributes.state === 'hidden' || attributes.state === 'veryHidden',
      part,
    };
  });
  const partOfType = (suffix: string, fallback: string): string | null => {
    for (const rel of relationships.values()) {
      if (rel.type.endsWith(suffix) && entries.has(normalisePartName(rel.part))) return rel.part;
    }
    return entries.has(fallback.toLowerCase()) ? fallback : null;
  };
  const workbookPr = xmlElements(workbookXml, 'workbookPr')[0] ?? {};
  return {
    bytes,
    entries,
    sheets,
    date1904: workbookPr.date1904 === '1' || workbookPr.date1904 === 'true',
    sharedStringsPart: partOfType('/sharedStrings', 'xl/sharedStrings.xml'),
    stylesPart: partOfType('/styles', 'xl/styles.xml'),
  };
}

/**
 * The sheet to read: by name (exact, then ignoring case and surrounding spaces), else by 1-based
 * number; by default the first visible worksheet.
 * @example
 * selectSheet(workbook, '2').name; // 'Notes'
 * selectSheet(workbook, 'Missing'); // throws INVALID_OPTION 'The workbook has no sheet "Missing"; its sheets are: Year 2024, Notes.'
 */
export function selectSheet(workbook: XlsxWorkbook, sheet?: string): XlsxSheet {
  const { sheets } = workbook;
  const list = briefList(sheets.map((s) => s.name));
  let chosen: XlsxSheet | undefined;
  if (sheet === undefined) {
    chosen = sheets.find((s) => s.kind === 'worksheet' && !s.hidden && s.part !== null) ?? sheets.find((s) => s.kind === 'worksheet' && s.part !== null);
    if (chosen === undefined) throw new EngineError('NO_VALID_ROWS', 'The workbook has no worksheet with cells to read.');
    return chosen;
  }
  const wanted = sheet.trim().toLowerCase();
  chosen = sheets.find((s) => s.name === sheet);
  if (chosen === undefined) {
    const loose = sheets.filter((s) => s.name.trim().toLowerCase() === wanted);
    if (loose.length === 1) chosen = loose[0];
  }
  if (chosen === undefined && /^\d+$/.test(sheet.trim())) {
    const number = Number(sheet.trim());
    if (number < 1 || number > sheets.length) {
      throw new EngineError(
        'INVALID_OPTION',
        `The workbook has no sheet "${sheet}" (it has ${sheets.length === 1 ? '1 sheet' : `${sheets.length} sheets`}); its sheets are: ${list}.`,
      );
    }
    chosen = sheets[number - 1];
  }
  if (chosen === undefined) throw new EngineError('INVALID_OPTION', `The workbook has no sheet "${sheet}"; its sheets are: ${list}.`);
  if (chosen.kind !== 'worksheet') {
    const what = chosen.kind === 'chartsheet' ? 'a chart' : 'not a worksheet';
    throw new EngineError('INVALID_OPTION', `The sheet "${chosen.name}" is ${what}, not a table of cells; pick one of: ${list}.`);
  }
  if (chosen.part === null) throw damaged(`the sheet "${chosen.name}" is missing from the file`);
  return chosen;
}

/** A ZIP entry to write: its name, compression method and data as they go into the archive. */
export interface ZipWriteEntry {
  name: string;
  method: number;
  crc32: number;
  uncompressedSize: number;
  data: Uint8Array;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ZIP, gzip) of `bytes`, continuing from `previous` for data in pieces. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  let crc = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A stored (method 0) ZIP entry holding `content`. */
export function storedZipEntry(name: string, content: Uint8Array | string): ZipWriteEntry {
  const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, method: 0, crc32: crc32(data), uncompressedSize: data.length, data };
}

interface ZipHeaderFields {
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
}

// Sizes of 4 GB and more go into a ZIP64 extra field (uncompressed, then compressed size).
function zipHeader(fields: ZipHeaderFields, central: { offset: number } | null): Uint8Array {
  const name = new TextEncoder().encode(fields.name);
  const zip64 = fields.uncompressedSize >= 0xffffffff || fields.compressedSize >= 0xffffffff;
  const fixed = central === null ? 30 : 46;
  const header = Buffer.alloc(fixed + name.length + (zip64 ? 20 : 0));
  const sizesAt = central === null ? 18 : 20;
  header.writeUInt32LE(central === null ? 0x04034b50 : 0x02014b50, 0);
  if (central !== null) header.writeUInt16LE(45, 4);
  header.writeUInt16LE(zip64 ? 45 : 20, central === null ? 4 : 6);
  header.writeUInt16LE(0x0800, sizesAt - 12);
  header.writeUInt16LE(fields.method, sizesAt - 10);
  header.writeUInt16LE(0x0021, sizesAt - 6);
  header.writeUInt32LE(fields.crc32, sizesAt - 4);
  header.writeUInt32LE(zip64 ? 0xffffffff : fields.compressedSize, sizesAt);
  header.writeUInt32LE(zip64 ? 0xffffffff : fields.uncompressedSize, sizesAt + 4);
  header.writeUInt16LE(name.length, sizesAt + 8);
  header.writeUInt16LE(zip64 ? 20 : 0, sizesAt + 10);
  if (central !== null) header.writeUInt32LE(Math.min(central.offset, 0xffffffff), 42);
  header.set(name, fixed);
  if (zip64) {
    const extra = fixed + name.length;
    header.writeUInt16LE(0x0001, extra);
    header.writeUInt16LE(16, extra + 2);
    header.writeBigUInt64LE(BigInt(fields.uncompressedSize), extra + 4);
    header.writeBigUInt64LE(BigInt(fields.compressedSize), extra + 12);
  }
  return header;
}

function endOfCentralDirectory(count: number, size: number, offset: number): Uint8Array {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(Math.min(size, 0xffffffff), 12);
  end.writeUInt32LE(Math.min(offset, 0xffffffff), 16);
  return end;
}

/** A ZIP archive (local entries, central directory, end record) as a list of byte chunks. */
export function writeZip(entries: readonly ZipWriteEntry[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const fields = { ...entry, compressedSize: entry.data.length };
    const local = zipHeader(fields, null);
    central.push(zipHeader(fields, { offset }));
    chunks.push(local, entry.data);
    offset += local.length + entry.data.length;
  }
  const centralSize = central.reduce((sum, header) => sum + header.length, 0);
  return [...chunks, ...central, endOfCentralDirectory(entries.length, centralSize, offset)];
}

const MAX_SHARED_STRINGS_BYTES = 1024 * 1024 * 1024;

const LESS_THAN = 0x3c;
const SLASH = 0x2f;

function isNameEnd(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === SLASH || byte === 0x3e;
}

/** The namespace prefix of an XML document's root element ('x' for `<x:worksheet>`), or null. */
export function rootElementPrefix(xml: Uint8Array): string | null {
  const bytes = Buffer.from(xml.buffer, xml.byteOffset, xml.length);
  for (let at = bytes.indexOf(LESS_THAN); at >= 0 && at + 1 < bytes.length; at = bytes.indexOf(LESS_THAN, at + 1)) {
    const next = bytes[at + 1];
    if (next === 0x3f || next === 0x21) continue; // <?xml ...?>, <!-- ... -->
    let end = at + 1;
    while (end < bytes.length && !isNameEnd(bytes[end])) end++;
    const name = bytes.toString('latin1', at + 1, end);
    const colon = name.indexOf(':');
    return colon > 0 ? name.slice(0, colon) : null;
  }
  return null;
}

/**
 * Rewrites `<x:row r="1">` as `<row   r="1">` and `</x:row>` as `</row  >`: exceljs's reader
 * matches element names without their prefix (files from the Open XML SDK use one), and
 * keeping every byte in place keeps the sizes in the ZIP headers right.
 */
export class PrefixStripper {
  private readonly prefix: Buffer;
  private carry: Buffer = Buffer.alloc(0);

  constructor(prefix: string) {
    this.prefix = Buffer.from(`${prefix}:`, 'latin1');
  }

  /** Rewritten bytes, less a tag name cut by the end of the chunk (kept for the next one). */
  push(chunk: Uint8Array): Buffer {
    const bytes = Buffer.concat([this.carry, chunk]);
    let cut = bytes.length;
    const last = bytes.lastIndexOf(LESS_THAN);
    if (last >= 0) {
      let end = bytes[last + 1] === SLASH ? last + 2 : last + 1;
      while (end < bytes.length && !isNameEnd(bytes[end])) end++;
      if (end >= bytes.length) cut = last;
    }
    this.carry = Buffer.from(bytes.subarray(cut));
    return this.rewrite(bytes.subarray(0, cut));
  }

  end(): Buffer {
    const rest = this.carry;
    this.carry = Buffer.alloc(0);
    return this.rewrite(rest);
  }

  private rewrite(bytes: Buffer): Buffer {
    const k = this.prefix.length;
    for (let at = bytes.indexOf(LESS_THAN); at >= 0; at = bytes.indexOf(LESS_THAN, at + 1)) {
      const nameAt = bytes[at + 1] === SLASH ? at + 2 : at + 1;
      if (nameAt + k > bytes.length || bytes.compare(this.prefix, 0, k, nameAt, nameAt + k) !== 0) continue;
      let end = nameAt + k;
      while (end < bytes.length && !isNameEnd(bytes[end])) end++;
      bytes.copyWithin(nameAt, nameAt + k, end);
      bytes.fill(0x20, end - k, end);
    }
    return bytes;
  }
}

function withoutPrefix(xml: Uint8Array): Uint8Array {
  const prefix = rootElementPrefix(xml);
  if (prefix === null) return xml;
  const stripper = new PrefixStripper(prefix);
  return Buffer.concat([stripper.push(xml), stripper.end()]);
}

/** A part of the workbook decompressed into memory, without element prefixes, as a stored entry under `name`. */
function storedPart(workbook: XlsxWorkbook, part: string, name: string, limit = MAX_XML_PART_BYTES): ZipWriteEntry {
  const entry = workbook.entries.get(normalisePartName(part));
  if (entry === undefined) throw damaged(`the part ${part} is missing`);
  return storedZipEntry(name, withoutPrefix(inflateEntry(workbook.bytes, entry, limit)));
}

const PHONETIC_OPEN = Buffer.from('<rPh');
const PHONETIC_CLOSE = Buffer.from('</rPh>');
const NAME_END = new Set([0x20, 0x09, 0x0a, 0x0d, 0x2f, 0x3e]);

// exceljs's streaming reader takes a shared string's phonetic reading (<rPh>, which Excel
// writes for Japanese text typed with an input method) for the string itself; drop them.
function sharedStringsEntry(workbook: XlsxWorkbook): ZipWriteEntry {
  const name = 'xl/sharedStrings.xml';
  if (workbook.sharedStringsPart === null) {
    return storedZipEntry(name, '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>');
  }
  const part = storedPart(workbook, workbook.sharedStringsPart, name, MAX_SHARED_STRINGS_BYTES);
  const xml = Buffer.from(part.data.buffer, part.data.byteOffset, part.data.length);
  if (xml.indexOf(PHONETIC_OPEN) < 0) return part;
  const kept: Uint8Array[] = [];
  let at = 0;
  for (let open = xml.indexOf(PHONETIC_OPEN); open >= 0; open = xml.indexOf(PHONETIC_OPEN, at)) {
    if (!NAME_END.has(xml[open + PHONETIC_OPEN.length])) {
      kept.push(xml.subarray(at, open + PHONETIC_OPEN.length));
      at = open + PHONETIC_OPEN.length;
      continue;
    }
    const close = xml.indexOf(PHONETIC_CLOSE, open);
    kept.push(xml.subarray(at, open));
    at = close < 0 ? xml.length : close + PHONETIC_CLOSE.length;
  }
  kept.push(xml.subarray(at));
  return storedZipEntry(name, Buffer.concat(kept));
}

const FEED_CHUNK_BYTES = 64 * 1024;

function* slices(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += FEED_CHUNK_BYTES) yield bytes.subarray(at, at + FEED_CHUNK_BYTES);
}

/**
 * The sheet's XML, decompressed here while streaming and checked against the size and CRC-32
 * in the ZIP directory. A fault is reported through `fail` before the last bytes are handed on,
 * so the reader never sees a whole sheet from damaged data.
 */
async function* sheetXml(workbook: XlsxWorkbook, entry: ZipEntry, fail: (error: EngineError) => void): AsyncGenerator<Uint8Array> {
  let raw: Uint8Array;
  try {
    raw = rawEntryData(workbook.bytes, entry);
  } catch (error) {
    fail(error instanceof EngineError ? error : damaged(String(error)));
    return;
  }
  const source: AsyncIterable<Uint8Array> =
    entry.method === 0
      ? Readable.from(slices(raw))
      : // Iterating the inflate stream itself: its own error (zlib's words for the damage) ends the loop below.
        Readable.from(slices(raw)).pipe(createInflateRaw());
  let held: Uint8Array | null = null;
  let stripper: PrefixStripper | null | undefined;
  let size = 0;
  let crc = 0;
  try {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > entry.uncompressedSize) throw new Error('the sheet holds more data than its directory says');
      crc = crc32(chunk, crc);
      if (stripper === undefined) {
        const prefix = rootElementPrefix(chunk);
        stripper = prefix === null ? null : new PrefixStripper(prefix);
      }
      if (held !== null) yield held;
      held = stripper === null ? chunk : stripper.push(chunk);
    }
    if (size !== entry.uncompressedSize) throw new Error('the sheet holds less data than its directory says');
    if (crc !== entry.crc32) throw new Error("the sheet's data does not match its checksum");
  } catch (error) {
    fail(damaged(error instanceof Error ? error.message : String(error)));
    return;
  }
  if (held !== null) yield held;
  if (stripper) yield stripper.end();
}

/** The small ZIP stream exceljs reads: workbook, relationships, styles, shared strings, the sheet. */
async function* exceljsInput(workbook: XlsxWorkbook, sheet: XlsxSheet, fail: (error: EngineError) => void): AsyncGenerator<Uint8Array> {
  const parts: ZipWriteEntry[] = [
    storedPart(workbook, 'xl/workbook.xml', 'xl/workbook.xml'),
    storedZipEntry(
      'xl/_rels/workbook.xml.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdSegmenta" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
  ];
  if (workbook.stylesPart !== null) parts.push(storedPart(workbook, workbook.stylesPart, 'xl/styles.xml'));
  parts.push(sharedStringsEntry(workbook));
  const entry = workbook.entries.get(normalisePartName(sheet.part ?? ''));
  if (entry === undefined) throw damaged(`the sheet "${sheet.name}" is missing from the file`);
  checkEntryReadable(entry);
  for (const part of parts) {
    yield zipHeader({ ...part, compressedSize: part.data.length }, null);
    yield part.data;
  }
  const name = 'xl/worksheets/sheet1.xml';
  yield zipHeader({ name, method: 0, crc32: entry.crc32, compressedSize: entry.uncompressedSize, uncompressedSize: entry.uncompressedSize }, null);
  yield* sheetXml(workbook, entry, fail);
  yield endOfCentralDirectory(0, 0, 0);
}

// Excel's number formats that show a date or time: after dropping quoted text, escaped
// characters and [...] sections (colours, locales), a y, m, d, h or s remains.
export function isDateFormat(format: string | undefined): boolean {
  if (format === undefined) return false;
  const bare = format.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare);
}

const EXCEL_EPOCH_1900 = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);

/** An Excel date serial as a Date whose UTC fields are the wall-clock written in Excel. */
export function excelSerialToDate(serial: number, date1904 = false): Date {
  return new Date((date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900) + Math.round(serial * DAY_MS));
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * An Excel date cell's wall-clock as `YYYY-MM-DD HH:MM:SS`, rounded to the second. Excel dates
 * carry no time zone: the reader hands them over as UTC, so the UTC fields are the clock shown in
 * Excel, whatever the machine's time zone.
 * @example
 * formatExcelDateTime(new Date(Date.UTC(2024, 2, 8, 14, 22, 4, 600))); // '2024-03-08 14:22:05'
 */
export function formatExcelDateTime(date: Date): string {
  const time = date.getTime();
  if (!Number.isFinite(time)) return '';
  const d = new Date(Math.round(time / 1000) * 1000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * A cell value as exceljs reads it, as text: numbers in their shortest round-trip form
 * (`String(n)`), booleans 'true'/'false', rich text and hyperlinks as their text, formulas as
 * their cached result (a number under a date format as a date), dates as
 * `YYYY-MM-DD HH:MM:SS`, error values as written ('#N/A'), empty as ''.
 * @example
 * cellText(2.55); // '2.55'
 * cellText({ formula: 'A1+1', result: 45359.5 }, { numFmt: 'yyyy-mm-dd', date1904: false }); // '2024-03-08 12:00:00'
 */
export function cellText(value: unknown, format: { numFmt?: string; date1904?: boolean } = {}): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return isDateFormat(format.numFmt) ? formatExcelDateTime(excelSerialToDate(value, format.date1904)) : String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return formatExcelDateTime(value);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.richText)) {
      return record.richText.map((run: unknown) => (typeof run === 'object' && run !== null ? String((run as { text?: unknown }).text ?? '') : '')).join('');
    }
    if ('formula' in record || 'sharedFormula' in record) return cellText(record.result, format);
    if ('hyperlink' in record || 'text' in record) return cellText(record.text, {});
    if (typeof record.error === 'string') return record.error;
  }
  return '';
}

function rowText(row: Row, date1904: boolean): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    while (cells.length < column - 1) cells.push('');
    cells[column - 1] = cellText(cell.value, { numFmt: cell.numFmt, date1904 });
  });
  return cells;
}

/**
 * The rows of one worksheet as text cells, streamed: empty cells are '', fully empty rows are
 * skipped. Throws CORRUPT_FILE from the iterator when the sheet's data is damaged.
 * @example
 * const workbook = openXlsxWorkbook(bytes);
 * for await (const cells of readXlsxRows(workbook, selectSheet(workbook))) console.log(cells); // ['Invoice', 'InvoiceDate', ...]
 */
export async function* readXlsxRows(workbook: XlsxWorkbook, sheet: XlsxSheet): AsyncGenerator<string[]> {
  // Parts are checked before exceljs gets them, because a fault inside its ZIP reader leaves its
  // iterators waiting forever; a fault found while feeding it ends the wait through `fail`.
  // (Not Promise.race with one long-lived promise: that would keep every row alive.)
  let failure: EngineError | null = null;
  let interrupt: ((error: EngineError) => void) | null = null;
  const fail = (error: EngineError) => {
    failure ??= error;
    interrupt?.(error);
  };
  const orFailure = <T>(pending: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (failure !== null) return reject(failure);
      interrupt = reject;
      pending.then(resolve, reject).finally(() => {
        interrupt = null;
      });
    });
  const parts = exceljsInput(workbook, sheet, fail);
  const first = await parts.next();
  const input = Readable.from(
    (async function* () {
      if (!first.done) yield first.value;
      yield* parts;
    })(),
    { objectMode: false },
  );
  // Loaded here, not at the top: exceljs takes about 0.5 s to load and only workbooks need it.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    const worksheets = reader[Symbol.asyncIterator]();
    const worksheet = await orFailure(worksheets.next());
    if (worksheet.done) return;
    const rows = worksheet.value[Symbol.asyncIterator]();
    for (;;) {
      const row = await orFailure(rows.next());
      if (row.done) break;
      const cells = rowText(row.value, workbook.date1904);
      if (cells.some((cell) => cell !== '')) yield cells;
    }
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw damaged(error instanceof Error ? error.message : String(error));
  } finally {
    input.destroy();
  }
}
