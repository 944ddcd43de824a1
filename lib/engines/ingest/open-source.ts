import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { EngineError } from '../errors';
import { classifyZipEntries, detectFileType, SNIFF_BYTES, type DetectedFileType } from './detect-file-type';
import { listLocalEntryNames, openXlsxWorkbook, readXlsxRows, readZipDirectory, selectSheet } from './read-xlsx-rows';
import { decideTextEncoding, decodeText, ENCODING_SAMPLE_BYTES, TEXT_ENCODINGS, type EncodingDecision, type TextEncoding } from './text-decoding';

export type { TextEncoding } from './text-decoding';

export interface SourceInfo {
  container: 'plain' | 'gzip';
  format: 'text' | 'xlsx';
  /** null for xlsx */
  encoding: TextEncoding | null;
  bom: boolean;
  /** xlsx: the sheet read */
  sheet: string | null;
  /** xlsx: all sheet names, in tab order */
  sheets: string[];
  /** how the encoding was decided, in words: "UTF-16 LE byte order mark", "valid UTF-8", "not valid UTF-8 and no UTF-8 multi-byte text: Windows-1252", "forced by option" */
  encodingReason: string;
  /** bytes consumed from the source so far (compressed bytes for gzip); updated while streaming, for progress */
  bytesRead: number;
}

export type OpenedSource =
  /** Read either `text` (decoded, without the byte order mark) or `bytes` (as stored, decoded by `decision`), not both: they share one stream. */
  | { kind: 'text'; info: SourceInfo; text: AsyncIterable<string>; bytes: AsyncIterable<Uint8Array>; decision: EncodingDecision }
  | { kind: 'rows'; info: SourceInfo; rows: AsyncIterable<string[]> };

export interface OpenSourceOptions {
  /** Decode text with this encoding instead of detecting it. */
  encoding?: TextEncoding;
  /** xlsx sheet by name or 1-based number; default the first (visible) worksheet */
  sheet?: string;
  /** refuse xlsx bigger than this many bytes (default 200 MB) */
  maxWorkbookBytes?: number;
  /** gzip: refuse a file that expands to more than this many times its compressed size (default 20) */
  maxExpansionRatio?: number;
  /** gzip: refuse a file that expands to more than this many bytes (default 10 GB) */
  maxExpandedBytes?: number;
  /** size of the whole compressed source, when known; the ratio is measured against it (else against the bytes read so far) */
  sourceBytes?: number | null;
}

export const DEFAULT_MAX_WORKBOOK_BYTES = 200 * 1024 * 1024;
export const DEFAULT_MAX_EXPANSION_RATIO = 20;
export const DEFAULT_MAX_EXPANDED_BYTES = 10 * 1024 * 1024 * 1024;
/** Without the source's size, the ratio is measured against at least this many compressed bytes, so a small file's first chunk is not refused. */
const MIN_RATIO_BASE_BYTES = 1024 * 1024;

/** Bytes pulled from an iterator, with the first ones held back to look at before streaming on. */
class PeekableBytes {
  private readonly held: Uint8Array[] = [];
  private heldLength = 0;
  private done = false;
  private error: { reason: unknown } | null = null;
  private streamed = false;

  constructor(private readonly iterator: AsyncIterator<Uint8Array>) {}

  /** Read ahead until `length` bytes are held or the bytes end; a read error is kept for stream(). */
  async fill(length: number): Promise<void> {
    while (!this.done && this.error === null && this.heldLength < length) {
      try {
        const next = await this.iterator.next();
        if (next.done) this.done = true;
        else if (next.value.length > 0) {
          this.held.push(next.value);
          this.heldLength += next.value.length;
        }
      } catch (reason) {
        this.error = { reason };
      }
    }
  }

  get ended(): boolean {
    return this.done || this.error !== null;
  }

  get failure(): unknown {
    return this.error?.reason;
  }

  /** The held bytes as one array (at most `limit` of them). */
  head(limit = Infinity): Uint8Array {
    const length = Math.min(limit, this.heldLength);
    if (this.held.length === 1) return this.held[0].subarray(0, length);
    const head = new Uint8Array(length);
    let at = 0;
    for (const chunk of this.held) {
      if (at >= length) break;
      const part = chunk.subarray(0, length - at);
      head.set(part, at);
      at += part.length;
    }
    return head;
  }

  /** Every byte, held ones first; a read error met while peeking is thrown after the held bytes. */
  async *stream(): AsyncGenerator<Uint8Array> {
    if (this.streamed) throw new Error('PeekableBytes.stream() can be called once');
    this.streamed = true;
    try {
      while (this.held.length > 0) {
        const chunk = this.held.shift() as Uint8Array;
        this.heldLength -= chunk.length;
        yield chunk;
      }
      if (this.error !== null) throw this.error.reason;
      while (!this.done) {
        const next = await this.iterator.next();
        if (next.done) this.done = true;
        else if (next.value.length > 0) yield next.value;
      }
    } finally {
      if (!this.done && this.error === null) {
        this.done = true;
        await this.iterator.return?.();
      }
    }
  }

  /** Every byte as one array; null (and the source closed) when there are more than `limit`. */
  async readAll(limit: number): Promise<Uint8Array | null> {
    await this.fill(limit + 1);
    if (this.error !== null) throw this.error.reason;
    if (this.heldLength > limit) {
      await this.close();
      return null;
    }
    return this.head();
  }

  /** Stop reading and let the source release what it holds. */
  async close(): Promise<void> {
    if (this.done || this.error !== null) return;
    this.done = true;
    await this.iterator.return?.();
  }
}

async function* countBytes(source: AsyncIterable<Uint8Array>, info: SourceInfo): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    if (!(chunk instanceof Uint8Array)) {
      throw new EngineError('INVALID_INPUT', `openSource reads bytes (Uint8Array chunks), not ${typeof chunk === 'string' ? 'strings' : typeof chunk}.`);
    }
    info.bytesRead += chunk.length;
    yield chunk;
  }
}

function isZlibError(error: unknown): error is Error & { code: string } {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('Z_');
}

function corruptGzip(error: Error & { code: string }): EngineError {
  return new EngineError(
    'CORRUPT_FILE',
    `The gzip file is truncated or damaged (${error.message}); nothing was stored. Compress the file again or upload it uncompressed.`,
    { zlibCode: error.code },
  );
}

interface ExpansionLimits {
  maxExpansionRatio: number;
  maxExpandedBytes: number;
  sourceBytes: number | null;
}

/** The largest expanded size allowed once `compressedRead` bytes of the gzip were read. */
export function expandedLimit(limits: ExpansionLimits, compressedRead: number): number {
  return Math.min(limits.maxExpandedBytes, ratioLimit(limits, compressedRead));
}

function ratioLimit(limits: ExpansionLimits, compressedRead: number): number {
  return (limits.sourceBytes ?? Math.max(compressedRead, MIN_RATIO_BASE_BYTES)) * limits.maxExpansionRatio;
}

function tooExpanded(limits: ExpansionLimits, expanded: number, compressedRead: number): EngineError {
  const reason =
    limits.maxExpandedBytes <= ratioLimit(limits, compressedRead)
      ? `more than ${formatSize(limits.maxExpandedBytes)}, the most that is decompressed`
      : `more than ${limits.maxExpansionRatio} times its compressed size, the most that is decompressed`;
  return new EngineError(
    'UNSUPPORTED_FILE',
    `The gzip file expands to ${reason}; nothing was stored. A file that expands this much is usually not a real export: check it; if it is genuine, split it into smaller files or ask for the decompression limit to be raised.`,
    { fileType: 'gzip', expandedBytes: expanded, compressedBytes: compressedRead, ...limits },
  );
}

async function* gunzip(compressed: AsyncIterable<Uint8Array>, info: SourceInfo, limits: ExpansionLimits): AsyncGenerator<Uint8Array> {
  const iterator = compressed[Symbol.asyncIterator]();
  const input = Readable.from({ [Symbol.asyncIterator]: () => iterator }, { objectMode: false });
  const output = pipeline(input, createGunzip(), () => {});
  let expanded = 0;
  try {
    for await (const chunk of output) {
      expanded += (chunk as Uint8Array).length;
      // Checked on every chunk, so a bomb is stopped after at most the limit, not after expanding it all.
      if (expanded > expandedLimit(limits, info.bytesRead)) throw tooExpanded(limits, expanded, info.bytesRead);
      yield chunk as Uint8Array;
    }
  } catch (error) {
    throw isZlibError(error) ? corruptGzip(error) : error;
  } finally {
    // The pipeline closes its input in the background; close the source before returning.
    await iterator.return?.();
  }
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${Number((bytes / (1024 * 1024 * 1024)).toFixed(1)).toLocaleString('en-US')} GB`;
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1)).toLocaleString('en-US')} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1)).toLocaleString('en-US')} KB`;
  return `${bytes} bytes`;
}

function refuse(type: Extract<DetectedFileType, { kind: 'refused' }>): EngineError {
  return new EngineError('UNSUPPORTED_FILE', type.message, { fileType: type.type });
}

function checkOptions(options: OpenSourceOptions): { maxWorkbookBytes: number; expansion: ExpansionLimits } {
  if (options.encoding !== undefined && !TEXT_ENCODINGS.includes(options.encoding)) {
    throw new EngineError('INVALID_OPTION', `Unknown text encoding "${String(options.encoding)}"; use one of ${TEXT_ENCODINGS.join(', ')}.`);
  }
  if (options.sheet !== undefined && (typeof options.sheet !== 'string' || options.sheet.trim() === '')) {
    throw new EngineError('INVALID_OPTION', 'The sheet must be a sheet name or a 1-based sheet number.');
  }
  const maxWorkbookBytes = options.maxWorkbookBytes ?? DEFAULT_MAX_WORKBOOK_BYTES;
  if (!Number.isSafeInteger(maxWorkbookBytes) || maxWorkbookBytes <= 0) {
    throw new EngineError('INVALID_OPTION', `maxWorkbookBytes must be a positive whole number of bytes; got ${String(options.maxWorkbookBytes)}.`);
  }
  const maxExpansionRatio = options.maxExpansionRatio ?? DEFAULT_MAX_EXPANSION_RATIO;
  if (!Number.isFinite(maxExpansionRatio) || maxExpansionRatio < 1) {
    throw new EngineError('INVALID_OPTION', `maxExpansionRatio must be a number of at least 1; got ${String(options.maxExpansionRatio)}.`);
  }
  const maxExpandedBytes = options.maxExpandedBytes ?? DEFAULT_MAX_EXPANDED_BYTES;
  if (!Number.isSafeInteger(maxExpandedBytes) || maxExpandedBytes <= 0) {
    throw new EngineError('INVALID_OPTION', `maxExpandedBytes must be a positive whole number of bytes; got ${String(options.maxExpandedBytes)}.`);
  }
  const sourceBytes = options.sourceBytes ?? null;
  if (sourceBytes !== null && (!Number.isSafeInteger(sourceBytes) || sourceBytes < 0)) {
    throw new EngineError('INVALID_OPTION', `sourceBytes must be a whole number of bytes; got ${String(options.sourceBytes)}.`);
  }
  return { maxWorkbookBytes, expansion: { maxExpansionRatio, maxExpandedBytes, sourceBytes } };
}

async function openWorkbook(bytes: PeekableBytes, info: SourceInfo, options: OpenSourceOptions, maxWorkbookBytes: number): Promise<OpenedSource> {
  const all = await bytes.readAll(maxWorkbookBytes);
  if (all === null) {
    const names = listLocalEntryNames(bytes.head(SNIFF_BYTES));
    const kind = classifyZipEntries(names);
    if (kind.kind === 'refused' && !names.some((name) => /^(\[content_types\]\.xml|xl\/)/i.test(name))) throw refuse(kind);
    throw new EngineError(
      'UNSUPPORTED_FILE',
      `The workbook is larger than ${formatSize(maxWorkbookBytes)}, the most that is read from an .xlsx file. Save the sheet as CSV (CSV UTF-8) and upload that, or gzip the CSV to make the upload smaller.`,
      { fileType: 'xlsx', maxWorkbookBytes },
    );
  }
  const kind = classifyZipEntries(readZipDirectory(all)?.map((entry) => entry.name) ?? listLocalEntryNames(all));
  if (kind.kind === 'refused') throw refuse(kind);
  const workbook = openXlsxWorkbook(all);
  const sheet = selectSheet(workbook, options.sheet);
  info.format = 'xlsx';
  info.encoding = null;
  info.bom = false;
  info.sheet = sheet.name;
  info.sheets = workbook.sheets.map((s) => s.name);
  info.encodingReason = 'an .xlsx workbook has no text encoding';
  return { kind: 'rows', info, rows: readXlsxRows(workbook, sheet) };
}

/**
 * Open an uploaded file from its bytes alone: gzip is decompressed while streaming, an .xlsx
 * workbook yields rows of text cells, text yields decoded chunks (one encoding for the whole
 * file, no byte order mark), and anything else is refused with UNSUPPORTED_FILE in words.
 * Only the first megabyte of text is read ahead (to decide the encoding); the rest streams.
 * Damage found while streaming (a truncated gzip, a sheet whose data fails its checksum) and
 * errors of the source itself are thrown by the text or rows iterator, after what could be read.
 * A gzip that expands past maxExpansionRatio times its size (sourceBytes) or past maxExpandedBytes
 * is refused (UNSUPPORTED_FILE) as soon as it does, while decompressing.
 * A workbook is read whole (up to maxWorkbookBytes) before openSource returns, so damage to its
 * directory, and a gzip error inside it, are thrown by openSource. A refused file is closed.
 * @throws EngineError UNSUPPORTED_FILE, CORRUPT_FILE, INVALID_OPTION (unknown sheet or encoding)
 * @example
 * const opened = await openSource(byteSource('customer_id,order_date\nC1,2024-03-08\n'));
 * opened.kind; // 'text'
 * opened.info.encodingReason; // 'valid UTF-8'
 * if (opened.kind === 'text') for await (const chunk of opened.text) console.log(chunk); // 'customer_id,order_date\nC1,2024-03-08\n'
 */
export async function openSource(source: AsyncIterable<Uint8Array>, options: OpenSourceOptions = {}): Promise<OpenedSource> {
  const { maxWorkbookBytes, expansion } = checkOptions(options);
  const info: SourceInfo = {
    container: 'plain',
    format: 'text',
    encoding: null,
    bom: false,
    sheet: null,
    sheets: [],
    encodingReason: '',
    bytesRead: 0,
  };
  const raw = new PeekableBytes(countBytes(source, info)[Symbol.asyncIterator]());
  let bytes = raw;
  try {
    await raw.fill(SNIFF_BYTES);
    let type = detectFileType(raw.head(SNIFF_BYTES));
    if (type.kind === 'gzip') {
      info.container = 'gzip';
      bytes = new PeekableBytes(gunzip(raw.stream(), info, expansion));
      await bytes.fill(SNIFF_BYTES);
      type = detectFileType(bytes.head(SNIFF_BYTES));
      if (type.kind === 'gzip') {
        throw new EngineError(
          'UNSUPPORTED_FILE',
          'The file is gzip-compressed twice. Decompress it and upload the CSV, or a CSV compressed once with gzip.',
          { fileType: 'gzip' },
        );
      }
    }
    if (type.kind === 'refused') throw refuse(type);
    if (type.kind === 'zip') return await openWorkbook(bytes, info, options, maxWorkbookBytes);
    await bytes.fill(ENCODING_SAMPLE_BYTES);
  } catch (error) {
    await bytes.close().catch(() => {});
    throw error;
  }
  const decision = decideTextEncoding(bytes.head(ENCODING_SAMPLE_BYTES), { atEnd: bytes.ended, forced: options.encoding });
  info.encoding = decision.encoding;
  info.bom = decision.bom;
  info.encodingReason = decision.reason;
  const stream = bytes.stream();
  return { kind: 'text', info, text: decodeText(stream, decision), bytes: stream, decision };
}
