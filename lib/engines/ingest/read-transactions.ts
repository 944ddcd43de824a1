import { briefList } from '../brief-list';
import { EngineError } from '../errors';
import { ByteCsvTokenizer, type ByteRow } from './byte-csv-tokenizer';
import { CsvTokenizer, sniffDelimiter, WhitespaceTokenizer, WHITESPACE_DELIMITER } from './csv-tokenizer';
import { fieldDecoder } from './field-decoder';
import { detectLayout, normaliseHeader, resolveColumns, type Layout } from './header-mapping';
import type { DateSniff } from './date-format';
import { interpretLines } from './interpret-lines';
import { releaseArrays } from '../release-arrays';
import { conventionalFormat, parseNumber } from './number-format';
import { openSource, type OpenedSource } from './open-source';
import { RawColumnsBuilder } from './raw-columns';
import type { ByteRangeResult } from './read-byte-range';
import { startSecondRange, type SecondRange } from './second-range';
import { afterByteOrderMark } from './text-decoding';
import {
  TRANSACTION_FIELDS,
  type ColumnMapping,
  type FileReading,
  type FileSplitOptions,
  type IngestOptions,
  type IngestReport,
  type IngestResult,
  type TransactionField,
} from './types';

const DEFAULT_MAX_FIELD_LENGTH = 1000;
const DEFAULT_MAX_CUSTOMER_ID_LENGTH = 200;
const DEFAULT_MAX_PARSE_FAILURE_SHARE = 0.005;
const DEFAULT_PROGRESS_EVERY = 50_000;
const SNIFF_CHARS = 65_536;
/** Rows looked at for a header below report title lines. */
const HEADER_SEARCH_ROWS = 30;
/**
 * Fields a line among the first HEADER_SEARCH_ROWS may have. Transaction exports have tens of
 * columns (Shopify's orders export, the widest known, about 80); the mapping step offers every
 * column for each of the 19 fields, so 1,000 keeps that a list a person can use, and a line of
 * millions of fields (a file that is not a table) is refused as soon as it is read.
 */
export const MAX_HEADER_FIELDS = 1000;

type RowSink = (fields: string[], line: number, lines: number) => void;
/** Takes rows from the byte path; `decode` turns a field's bytes into the text the text path would have read. */
type ByteRowSink = (row: ByteRow, line: number, lines: number, decode: (bytes: Uint8Array) => string) => void;

/** What the byte path needs to hand the second half of a plain file to another thread. */
interface SplitHooks {
  file: FileSplitOptions;
  /** The chosen header's columns and width, once chosen. */
  header(): { columns: Record<TransactionField, number>; width: number } | null;
  /** Adds the second range's lines after the first range's. */
  append(range: ByteRangeResult, lineOffset: number): void;
  /** A worker started reading the second range at byte `from`, or (null) its range was dropped. */
  reading(from: number | null): void;
}

/**
 * Which path reads a source: 'bytes' (ByteCsvTokenizer, fields interned by their bytes) for
 * UTF-8 and Windows-1252 text whose delimiter is one of , ; tab |; 'text' (decoded chunks,
 * CsvTokenizer or WhitespaceTokenizer) for UTF-16 and whitespace-separated files, and when
 * the option asks for it; worksheets arrive as rows of text.
 */
function byteEncoding(opened: OpenedSource): boolean {
  return opened.kind === 'text' && (opened.decision.encoding === 'utf-8' || opened.decision.encoding === 'windows-1252');
}

/** Feed every row of the source to `sink` (or, on the byte path, `byteSink`); returns the delimiter used and whether a quote was left open. */
async function forEachRow(
  opened: OpenedSource,
  sink: RowSink,
  byteSink: ByteRowSink,
  path: 'bytes' | 'text',
  split: SplitHooks | null,
): Promise<{ delimiter: string | null; unclosedQuote: boolean }> {
  if (opened.kind === 'rows') {
    let line = 0;
    for await (const row of opened.rows) sink(row, ++line, 1);
    return { delimiter: null, unclosedQuote: false };
  }
  if (path === 'bytes' && byteEncoding(opened)) return forEachByteRow(opened, sink, byteSink, opened.info.container === 'plain' ? split : null);
  let tokenizer: CsvTokenizer | WhitespaceTokenizer | null = null;
  let delimiter = ',';
  let held = '';
  const start = (text: string) => {
    delimiter = sniffDelimiter(text);
    tokenizer = delimiter === WHITESPACE_DELIMITER ? new WhitespaceTokenizer(sink) : new CsvTokenizer(delimiter, sink);
    tokenizer.push(text);
  };
  for await (const text of opened.text) {
    if (tokenizer !== null) {
      (tokenizer as CsvTokenizer).push(text);
      continue;
    }
    held += text;
    if (held.length >= SNIFF_CHARS) {
      start(held);
      held = '';
    }
  }
  if (tokenizer === null && held.length > 0) start(held);
  const t = tokenizer as CsvTokenizer | WhitespaceTokenizer | null;
  t?.end();
  return { delimiter, unclosedQuote: t instanceof CsvTokenizer ? t.unclosedQuoteAtEnd : false };
}

/**
 * The byte path: the first chunks are decoded exactly as the text path decodes them, to sniff the
 * delimiter from the same text; then the bytes go to ByteCsvTokenizer undecoded, and only
 * whitespace-separated files fall back to decoding every chunk. With `split` (a large plain file
 * with a path), once the header is chosen the second half of the file is read by a worker thread
 * from a line start (second-range.ts); when this thread's tokenizer reaches that offset at a row
 * start it stops reading and appends the worker's lines, else (the offset fell inside a quoted
 * field, or the worker failed) the worker is stopped and this thread reads on.
 */
async function forEachByteRow(
  opened: Extract<OpenedSource, { kind: 'text' }>,
  sink: RowSink,
  byteSink: ByteRowSink,
  split: SplitHooks | null,
): Promise<{ delimiter: string | null; unclosedQuote: boolean }> {
  const { decision } = opened;
  let second: SecondRange | null = null;
  let planned = split === null;
  let joined: ByteRangeResult | null = null;
  /** File offset of the next byte. */
  let offset = decision.bomLength;
  let chunkBytes = 0;
  const streamDecoder = new TextDecoder(decision.encoding, { fatal: false, ignoreBOM: true });
  const decode = fieldDecoder(decision.encoding as 'utf-8' | 'windows-1252');
  let delimiter = ',';
  let held = '';
  const heldBytes: Uint8Array[] = [];
  let bytesTokenizer: ByteCsvTokenizer | null = null;
  let textTokenizer: WhitespaceTokenizer | null = null;
  const onBytes = (row: ByteRow, line: number, lines: number) => byteSink(row, line, lines, decode);
  const start = () => {
    delimiter = sniffDelimiter(held);
    if (delimiter === WHITESPACE_DELIMITER) {
      textTokenizer = new WhitespaceTokenizer(sink);
      textTokenizer.push(held);
    } else {
      bytesTokenizer = new ByteCsvTokenizer(delimiter, onBytes, decode);
      for (const chunk of heldBytes) bytesTokenizer.push(chunk);
    }
    held = '';
    heldBytes.length = 0;
  };
  try {
    for await (const bytes of afterByteOrderMark(opened.bytes, decision)) {
      if (bytes.length > chunkBytes) chunkBytes = bytes.length;
      if (bytesTokenizer !== null) {
        const tokenizer = bytesTokenizer as ByteCsvTokenizer;
        if (!planned) {
          const header = split!.header();
          if (header !== null) {
            planned = true;
            second = startSecondRange(split!.file, offset, {
              chunkBytes,
              delimiter,
              encoding: decision.encoding as 'utf-8' | 'windows-1252',
              columns: header.columns,
              headerWidth: header.width,
            });
            if (second !== null) split!.reading((second as SecondRange).from);
          }
        }
        const range = second as SecondRange | null;
        if (range !== null && offset + bytes.length >= range.from) {
          const cut = range.from - offset;
          tokenizer.push(bytes.subarray(0, cut));
          // A worker that failed (a line too long, a stale worker bundle, a thread that died) is
          // read over again here: this thread then meets any error in the data itself, at its place.
          const outcome = tokenizer.atRowStart ? await range.result : null;
          split!.file.onSplit?.({ from: range.from, joined: outcome?.ok === true });
          if (outcome?.ok) {
            joined = outcome.value;
            break;
          }
          second = null;
          split!.reading(null);
          await range.close();
          tokenizer.push(bytes.subarray(cut));
        } else {
          tokenizer.push(bytes);
        }
        offset += bytes.length;
        continue;
      }
      offset += bytes.length;
      const text = streamDecoder.decode(bytes, { stream: true });
      if (textTokenizer !== null) {
        if (text.length > 0) (textTokenizer as WhitespaceTokenizer).push(text);
        continue;
      }
      heldBytes.push(bytes);
      held += text;
      if (held.length >= SNIFF_CHARS) start();
    }
  } finally {
    await (second as SecondRange | null)?.close();
  }
  if (bytesTokenizer === null) {
    const tail = streamDecoder.decode();
    if (textTokenizer !== null) {
      if (tail.length > 0) (textTokenizer as WhitespaceTokenizer).push(tail);
    } else {
      held += tail;
      if (held.length > 0) start();
    }
  }
  const t = (bytesTokenizer ?? textTokenizer) as ByteCsvTokenizer | WhitespaceTokenizer | null;
  t?.end();
  const range = joined as ByteRangeResult | null;
  if (range !== null) {
    split!.append(range, (t as ByteCsvTokenizer).linesRead);
    opened.info.bytesRead = range.end;
    return { delimiter, unclosedQuote: range.unclosedQuote };
  }
  return { delimiter, unclosedQuote: t instanceof ByteCsvTokenizer ? t.unclosedQuoteAtEnd : false };
}

const DATE_LIKE = /^(?:\d{8}|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T].*)?)$/;
const NUMBER_LIKE = /^[-+]?\d+(?:[.,]\d+)?$/;

function isCompactDate(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  const year = +value.slice(0, 4);
  const month = +value.slice(4, 6);
  const day = +value.slice(6, 8);
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/**
 * A header for files that have none, in the order-log form of the lifetime-value literature
 * (CDNOW): customer id(s), a date, then quantity and amount, or amount alone. Null when the
 * first rows do not have that form.
 */
export function headerlessOrderLog(rows: readonly string[][]): string[] | null {
  const sample = rows.slice(0, 20);
  if (sample.length === 0) return null;
  const width = sample[0].length;
  if (width < 3 || width > 5 || sample.some((r) => r.length !== width)) return null;
  const dateColumn = sample[0].findIndex((_, j) => j > 0 && sample.every((r) => isCompactDate(r[j].trim()) || DATE_LIKE.test(r[j].trim())));
  if (dateColumn < 1) return null;
  const after = width - dateColumn - 1;
  if (after < 1 || after > 2) return null;
  for (let j = dateColumn + 1; j < width; j++) if (!sample.every((r) => NUMBER_LIKE.test(r[j].trim()))) return null;
  const ids = Array.from({ length: dateColumn }, (_, j) => (j === 0 ? 'customer_id' : `customer_ref_${j + 1}`));
  return [...ids, 'date', ...(after === 2 ? ['quantity', 'amount'] : ['amount'])];
}

interface HeaderChoice {
  /** Index of the header row in the buffered rows; -1 for a synthetic header. */
  index: number;
  header: string[];
  columns: Record<TransactionField, number>;
  layout: Layout;
}

/** Refuses a line too wide to be a header or a transaction (MAX_HEADER_FIELDS); `line` is its 1-based line number. */
function checkHeaderWidth(count: number, line: number, field: (j: number) => string): void {
  if (count <= MAX_HEADER_FIELDS) return;
  const shown = Array.from({ length: 3 }, (_, j) => field(j));
  throw new EngineError(
    'TOO_MANY_COLUMNS',
    `${line === 1 ? 'The first line' : `Line ${line.toLocaleString('en-US')}`} has ${count.toLocaleString('en-US')} fields (${briefList(shown, (h) => `"${h}"`)}, ... and ${(count - shown.length).toLocaleString('en-US')} more); ` +
      `a header has at most ${MAX_HEADER_FIELDS.toLocaleString('en-US')} columns, so this is not a table of transactions. Check that the file is a CSV export of orders or transactions.`,
    { line, fields: count, maxFields: MAX_HEADER_FIELDS },
  );
}

/** A row read as column names: trimmed, and a name longer than a text value may be cut like one (it would otherwise travel whole in every answer that names the columns). */
const headerNames = (row: readonly string[]) => row.map((h) => h.trim().slice(0, DEFAULT_MAX_FIELD_LENGTH));

function chooseHeader(rows: readonly string[][], explicit: ColumnMapping | undefined): HeaderChoice {
  let firstError: unknown = null;
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const header = headerNames(rows[r]);
    try {
      const layout = detectLayout(header.map(normaliseHeader));
      return { index: r, header, columns: resolveColumns(header, explicit, layout), layout };
    } catch (error) {
      firstError ??= error;
    }
  }
  const synthetic = headerlessOrderLog(rows);
  if (synthetic && !(explicit && Object.keys(explicit).length > 0)) {
    return {
      index: -1,
      header: synthetic,
      columns: resolveColumns(synthetic),
      layout: { id: 'cdnow', label: 'Order log without a header (customer, date, quantity, amount: the CDNOW form)' },
    };
  }
  // Report against the row that looks most like a header: the first with the most common number of fields.
  const widthCounts = new Map<number, number>();
  for (const row of rows) widthCounts.set(row.length, (widthCounts.get(row.length) ?? 0) + 1);
  const common = [...widthCounts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
  const likely = rows.find((r) => r.length === common) ?? rows[0];
  resolveColumns(headerNames(likely), explicit);
  throw firstError;
}

function valueRule(layout: Layout, mapping: Record<TransactionField, string | null>): string {
  switch (layout.id) {
    case 'shopify-orders':
      return `each order's "${mapping.orderTotal}" once (after discounts, with shipping and tax), less its "${mapping.refundAmount ?? 'refunded amount'}"`;
    case 'woocommerce-orders':
      return `each order's "${mapping.orderTotal}" once (it is repeated on every item line), less its "${mapping.refundAmount ?? 'refund'}"`;
    case 'stripe-payments':
      return `each payment's "${mapping.amount}", less its "${mapping.refundAmount ?? 'refund'}"; failed payments are not purchases`;
    case 'square-items':
      return `each item line's "${mapping.amount}" (after discounts, before tax); Refund lines are refunds`;
    default:
      if (mapping.orderTotal) return `each order's "${mapping.orderTotal}", counted once per order`;
      if (mapping.amount) return `each line's "${mapping.amount}"`;
      return `"${mapping.quantity}" x "${mapping.unitPrice}" of each line`;
  }
}

function layoutLabel(layout: Layout, mapping: Record<TransactionField, string | null>): string {
  if (layout.label) return layout.label;
  if (mapping.orderTotal !== null || (mapping.amount !== null && mapping.quantity === null)) return 'Order log (one line per order or payment)';
  if (mapping.amount !== null) return 'Line-item log with line amounts';
  return 'Line-item log (quantity and unit price per line)';
}

/** "1 line has" / "3 lines have", for warnings. */
function countLines(count: number, one = 'has', many = 'have'): string {
  return count === 1 ? `1 line ${one}` : `${count.toLocaleString('en-US')} lines ${many}`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.01 ? 2 : 1)} %`;
}

/**
 * Read a transaction file of any supported shape into typed lines: CSV / TSV / semicolon /
 * whitespace text in UTF-8, UTF-16 or Windows-1252 (plain or gzip), or an .xlsx worksheet;
 * UCI line-item logs, order and payment logs, Shopify, WooCommerce, Stripe and Square exports,
 * report exports with title lines and a totals line, header-less CDNOW order logs. Dates,
 * number format, time zone and currency are detected from the data (FileReading says how).
 * Streams the source; a line that cannot be read costs that line, counted by reason; when
 * more than maxParseFailureShare of the lines cannot be read the file is refused
 * (PARSE_FAILURES) before anything is stored. Throws EMPTY_FILE, HEADER_ONLY, MISSING_COLUMNS, TOO_MANY_COLUMNS,
 * AMBIGUOUS_DATES, UNSUPPORTED_FILE, CORRUPT_FILE.
 * @example
 * const { table, report } = await readTransactions(fs.createReadStream('online_retail.csv.gz'));
 * report.rowsRead; // 541909
 */
export async function readTransactions(source: AsyncIterable<Uint8Array>, options: IngestOptions = {}): Promise<IngestResult> {
  const progressEvery = options.progressEveryRows ?? DEFAULT_PROGRESS_EVERY;
  const totalBytes = options.totalBytes ?? null;
  const maxShare = options.maxParseFailureShare ?? DEFAULT_MAX_PARSE_FAILURE_SHARE;

  const opened = await openSource(source, {
    encoding: options.encoding,
    sheet: options.sheet,
    maxExpansionRatio: options.maxExpansionRatio,
    maxExpandedBytes: options.maxExpandedBytes,
    sourceBytes: totalBytes,
  });
  const buffered: { fields: string[]; line: number; lines: number }[] = [];
  let choice: HeaderChoice | null = null;
  let builder: RawColumnsBuilder | null = null;
  let nextProgress = progressEvery;
  let headerWidth = 0;
  let secondRange: { from: number; startedAt: number } | null = null;
  let progressBytes = 0;
  /**
   * Bytes read so far, for progress. While a worker reads the second range it cannot be asked how
   * far it is: it is counted at this thread's pace (the two halves are the same size and start
   * together), so progress moves through the whole file instead of stopping at half. Never
   * decreases, also when the worker's range is dropped and this thread reads on alone.
   */
  const bytesForProgress = (): number => {
    const read = opened.info.bytesRead;
    const range = secondRange;
    const estimate = range === null || totalBytes === null ? read : read + Math.min(Math.max(0, totalBytes - range.from), Math.max(0, read - range.startedAt));
    progressBytes = Math.max(progressBytes, totalBytes === null ? estimate : Math.min(estimate, totalBytes));
    return progressBytes;
  };

  const add = (fields: string[], line: number, lines: number) => {
    const b = builder!;
    const broken = lines > 1 && fields.length !== headerWidth;
    b.push(fields, line, broken, lines);
    if (options.onProgress && b.length >= nextProgress) {
      nextProgress = b.length + progressEvery;
      options.onProgress({ bytesRead: bytesForProgress(), totalBytes, rowsRead: b.length });
    }
  };
  const decide = () => {
    choice = chooseHeader(
      buffered.map((r) => r.fields),
      options.columns,
    );
    headerWidth = choice.header.length;
    builder = new RawColumnsBuilder(choice.columns);
    for (let r = choice.index + 1; r < buffered.length; r++) add(buffered[r].fields, buffered[r].line, buffered[r].lines);
    buffered.length = 0;
  };
  const onRow = (fields: string[], line: number, lines: number) => {
    if (builder !== null) add(fields, line, lines);
    else {
      checkHeaderWidth(fields.length, line, (j) => fields[j]);
      buffered.push({ fields, line, lines });
      if (buffered.length >= HEADER_SEARCH_ROWS) decide();
    }
  };
  const onByteRow = (row: ByteRow, line: number, lines: number, decode: (bytes: Uint8Array) => string) => {
    if (builder === null) {
      checkHeaderWidth(row.count, line, (j) => decode(row.source(j).subarray(row.start[j], row.end[j])));
      const fields: string[] = new Array(row.count);
      for (let j = 0; j < row.count; j++) fields[j] = decode(row.source(j).subarray(row.start[j], row.end[j]));
      onRow(fields, line, lines);
      return;
    }
    const b = builder as RawColumnsBuilder;
    b.pushBytes(row, line, lines > 1 && row.count !== headerWidth, lines, decode);
    if (options.onProgress && b.length >= nextProgress) {
      nextProgress = b.length + progressEvery;
      options.onProgress({ bytesRead: bytesForProgress(), totalBytes, rowsRead: b.length });
    }
  };
  const split: SplitHooks | null = options.file
    ? {
        file: options.file,
        header: () => (builder === null ? null : { columns: (choice as unknown as HeaderChoice).columns, width: headerWidth }),
        append: (range, lineOffset) => (builder as unknown as RawColumnsBuilder).append(range.raw, lineOffset, range.shortRows),
        reading: (from) => (secondRange = from === null ? null : { from, startedAt: opened.info.bytesRead }),
      }
    : null;
  const { delimiter, unclosedQuote } = await forEachRow(opened, onRow, onByteRow, options.tokenizer ?? 'bytes', split);
  if (builder === null) {
    if (buffered.length === 0) throw new EngineError('EMPTY_FILE', 'The file is empty: it has no header and no transaction lines.');
    decide();
  }
  const chosen = choice as unknown as HeaderChoice;
  const raw = (builder as unknown as RawColumnsBuilder).build();
  if (unclosedQuote && raw.length > 0) raw.brokenQuote[raw.length - 1] = 1;
  if (raw.length === 0) {
    throw new EngineError('HEADER_ONLY', 'The file has a header row but no transaction lines.', { header: chosen.header });
  }

  const mapping = Object.fromEntries(TRANSACTION_FIELDS.map((f) => [f, chosen.columns[f] >= 0 ? chosen.header[chosen.columns[f]] : null])) as Record<
    TransactionField,
    string | null
  >;
  const headers = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== null)) as Partial<Record<TransactionField, string>>;
  let swallowed = 0;
  let firstBroken = -1;
  for (let i = 0; i < raw.length; i++) {
    if (!raw.brokenQuote[i]) continue;
    swallowed += raw.swallowed[i] || 1;
    if (firstBroken < 0) firstBroken = raw.line[i];
  }
  releaseArrays(raw.swallowed);
  // Consumes the lines: their arrays are released as they are read.
  const interpreted = interpretLines(raw, {
    dateOrder: options.dateOrder,
    decimalSeparator: options.decimalSeparator,
    timeZone: options.timeZone,
    currency: options.currency,
    now: options.now,
    maxCustomerIdLength: options.maxCustomerIdLength ?? DEFAULT_MAX_CUSTOMER_ID_LENGTH,
    maxFieldLength: options.maxFieldLength ?? DEFAULT_MAX_FIELD_LENGTH,
    headers,
  });
  if (interpreted.orderTotalIsLineAmount) {
    mapping.amount = mapping.orderTotal;
    mapping.orderTotal = null;
  }
  const u = interpreted.unreadable;

  const reading: FileReading = {
    format: opened.info.format,
    layout: chosen.layout.id === 'generic' ? (options.columns && Object.keys(options.columns).length > 0 ? 'mapped' : 'generic') : chosen.layout.id,
    layoutLabel: layoutLabel(chosen.layout, mapping),
    valueRule: valueRule(chosen.layout, mapping),
    encoding: opened.info.encoding,
    encodingReason: opened.info.encodingReason,
    sheet: opened.info.sheet,
    sheets: opened.info.sheets,
    delimiter,
    titleLines: Math.max(0, chosen.index),
    headerless: chosen.index < 0,
    decimalSeparator: interpreted.numberFormat.decimal,
    thousandsSeparator: interpreted.numberFormat.thousands,
    dateOrder: interpreted.dateOrder,
    dateOrderReason: interpreted.dateOrderReason,
    dateForm: interpreted.dateSniff.description,
    timeZone: interpreted.timeZone,
    timeZoneReason: interpreted.timeZoneReason,
    currency: interpreted.currency,
    currencyReason: interpreted.currencyReason,
  };
  const report: IngestReport = {
    encoding: opened.info.encoding,
    bom: opened.info.bom,
    gzip: opened.info.container === 'gzip',
    delimiter: delimiter ?? '',
    header: chosen.header,
    mapping,
    reading,
    bytesRead: opened.info.bytesRead,
    rowsRead: raw.length,
    shortRows: (builder as unknown as RawColumnsBuilder).shortRows,
    truncatedFields: interpreted.truncatedFields,
    invalidByteLines: interpreted.invalidByteLines,
    controlCharacterLines: interpreted.controlCharacterLines,
    unreadable: u,
    failures: interpreted.failures,
    statuses: interpreted.statuses,
    warnings: [...interpreted.warnings],
  };

  const failed = u.badDate + u.badNumber + swallowed;
  const share = failed / (raw.length + swallowed - u.brokenQuote);
  if (failed > 0 && share > maxShare) {
    throw parseFailureError(report, interpreted.dateSniff, firstBroken, swallowed, share, maxShare);
  }
  for (const failure of report.failures) {
    report.warnings.push(
      `${countLines(failure.lines)} a value in column "${failure.column}" that could not be read (for example ${briefList(failure.examples, (e) => `"${e}"`)}); they were left out.`,
    );
  }
  if (swallowed > 0) {
    report.warnings.push(
      `A quote opened on line ${firstBroken.toLocaleString('en-US')} is never closed properly: ${swallowed.toLocaleString('en-US')} lines were lost with it. Fix the quote and upload the file again to read them.`,
    );
  }
  if (report.invalidByteLines > 0) {
    report.warnings.push(
      `${countLines(report.invalidByteLines, 'holds', 'hold')} bytes that are not valid ${opened.info.encoding?.toUpperCase() ?? 'text'}; they were read with those characters shown as �.`,
    );
  }
  if (report.controlCharacterLines > 0) {
    report.warnings.push(`${countLines(report.controlCharacterLines, 'held', 'held')} control characters (such as NUL); they were removed.`);
  }
  if (u.implausibleDate > 0) {
    report.warnings.push(`${countLines(u.implausibleDate)} a date before 1990 or in the future; they were left out.`);
  }
  if (u.customerIdTooLong > 0) {
    report.warnings.push(`${countLines(u.customerIdTooLong)} a customer id longer than ${options.maxCustomerIdLength ?? DEFAULT_MAX_CUSTOMER_ID_LENGTH} characters; they were left out rather than cut.`);
  }
  if (report.shortRows > 0) {
    report.warnings.push(`${report.shortRows.toLocaleString('en-US')} rows had fewer fields than the header; their missing values were left empty.`);
  }
  if (report.truncatedFields > 0) {
    report.warnings.push(`${report.truncatedFields.toLocaleString('en-US')} text values were longer than ${(options.maxFieldLength ?? DEFAULT_MAX_FIELD_LENGTH).toLocaleString('en-US')} characters and were cut.`);
  }
  options.onProgress?.({ bytesRead: opened.info.bytesRead, totalBytes, rowsRead: raw.length });
  return { table: interpreted.table, report };
}

function parseFailureError(
  report: IngestReport,
  sniff: DateSniff,
  firstBroken: number,
  swallowed: number,
  share: number,
  maxShare: number,
): EngineError {
  const lines = report.rowsRead;
  const limit = `more than the ${percent(maxShare)} allowed`;
  const worst = report.failures[0];
  if (swallowed > 0 && (!worst || swallowed >= worst.lines)) {
    return new EngineError(
      'PARSE_FAILURES',
      `A quote opened on line ${firstBroken.toLocaleString('en-US')} is never closed: it swallowed ${swallowed.toLocaleString('en-US')} lines (${percent(share)}, ${limit}). ` +
        'Fix or remove that quote (or save the file again from the spreadsheet) and upload it again. Nothing was stored.',
      { line: firstBroken, swallowed },
    );
  }
  const examples = briefList(worst.examples, (e) => `"${e}"`);
  const r = report.reading;
  let tried: string;
  let todo: string;
  if (worst.field === 'invoiceDate') {
    tried = r.dateOrder ? `Dates were read ${r.dateOrder} (${r.dateOrderReason}).` : `Dates were read in the form of ${r.dateForm}.`;
    const sniffedOrder = sniff.order;
    if (sniff.conflict) {
      const mixed = `the column mixes day-first dates (${sniff.evidence[0]}) and month-first ones (${sniff.evidence[1]})`;
      tried = r.dateOrderReason === 'given as an option' ? `Dates were read ${r.dateOrder} as asked, but ${mixed}.` : `Dates were read ${r.dateOrder}, but ${r.dateOrderReason}.`;
      todo = 'One column cannot be read both ways: write the dates of one form the other way, or save the file with dates as YYYY-MM-DD.';
    } else if (sniffedOrder && (sniffedOrder === 'day-first' || sniffedOrder === 'month-first') && sniffedOrder !== r.dateOrder) {
      todo = `The dates look ${sniffedOrder}; choose ${sniffedOrder === 'day-first' ? 'Day/Month/Year' : 'Month/Day/Year'} or run with --${sniffedOrder}.`;
    } else {
      todo = 'Map the date to another column, or save the file with dates as YYYY-MM-DD.';
    }
  } else {
    tried = `Amounts were read with "${r.decimalSeparator}" as the decimal separator${r.thousandsSeparator ? ` and "${r.thousandsSeparator}" between thousands` : ''}.`;
    const other = conventionalFormat(r.decimalSeparator === '.' ? ',' : '.');
    const readableOtherwise = worst.examples.some((e) => Number.isFinite(parseNumber(e, other)));
    if (readableOtherwise) {
      todo =
        r.decimalSeparator === '.'
          ? 'The values look like decimal commas (2,55): choose "," as the decimal separator or run with --decimal-comma.'
          : 'The values look like decimal points (2.55): choose "." as the decimal separator or run with --decimal-point.';
    } else {
      todo = 'These are not amounts Segmenta can read (a value must be a finite number below 10^15): correct them in the file, or map the value to another column.';
    }
  }
  return new EngineError(
    'PARSE_FAILURES',
    `${worst.lines.toLocaleString('en-US')} of ${lines.toLocaleString('en-US')} lines (${percent(worst.lines / lines)}, ${limit}) have a value in column "${worst.column}" that could not be read, for example ${examples}. ` +
      `${tried} ${todo} Nothing was stored.`,
    { failures: report.failures, reading: report.reading },
  );
}
