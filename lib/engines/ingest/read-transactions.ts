import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { EngineError } from '../errors';
import { CsvTokenizer, sniffDelimiter } from './csv-tokenizer';
import { decodeText, isGzip, type DecodeState } from './decode-text';
import { resolveColumns } from './header-mapping';
import { parseCustomerId } from './parse-customer-id';
import { parseDate } from './parse-date';
import { TableBuilder } from './table-builder';
import { TRANSACTION_FIELDS, type IngestOptions, type IngestReport, type IngestResult, type TransactionField } from './types';

const DEFAULT_MAX_FIELD_LENGTH = 1000;
const DEFAULT_PROGRESS_EVERY = 50_000;
const HEADER_SNIFF_CHARS = 65_536;

function resolveColumnsPlaceholder(): Record<TransactionField, number> {
  return Object.fromEntries(TRANSACTION_FIELDS.map((f) => [f, -1])) as Record<TransactionField, number>;
}

function parseNumber(text: string): number {
  if (text.length === 0) return NaN;
  const value = +text;
  return text.trim().length === 0 ? NaN : value;
}

async function* countBytes(source: AsyncIterable<Uint8Array>, counter: { bytes: number }): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    counter.bytes += chunk.length;
    yield chunk;
  }
}

/** Re-yield the first chunk after peeking at it, so gzip can be detected without buffering the file. */
async function peek(source: AsyncIterable<Uint8Array>): Promise<{ head: Uint8Array | null; rest: AsyncIterable<Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return { head: null, rest: (async function* () {})() };
  const head = first.value;
  const rest = (async function* () {
    yield head;
    for (;;) {
      const item = await iterator.next();
      if (item.done) return;
      yield item.value;
    }
  })();
  return { head, rest };
}

/**
 * Stream a CSV transaction log (plain or gzip, UTF-8 or Windows-1252) into columns.
 * Never holds the whole text in memory; reports progress in bytes and rows.
 * @example
 * const { table, report } = await readTransactions(fs.createReadStream('online_retail.csv.gz'));
 * report.rowsRead; // 541909
 */
export async function readTransactions(source: AsyncIterable<Uint8Array>, options: IngestOptions = {}): Promise<IngestResult> {
  const dateOrder = options.dateOrder ?? 'month-first';
  const maxFieldLength = options.maxFieldLength ?? DEFAULT_MAX_FIELD_LENGTH;
  const progressEvery = options.progressEveryRows ?? DEFAULT_PROGRESS_EVERY;
  const totalBytes = options.totalBytes ?? null;
  const counter = { bytes: 0 };

  const { head, rest } = await peek(countBytes(source, counter));
  if (head === null) throw new EngineError('EMPTY_FILE', 'The file is empty: it has no header and no transaction lines.');
  const gzip = isGzip(head);
  const bytes: AsyncIterable<Uint8Array> = gzip ? Readable.from(rest).pipe(createGunzip()) : rest;
  const decodeState: DecodeState = { encoding: 'utf-8', bom: false, mixed: false };

  const builder = new TableBuilder();
  const report: IngestReport = {
    encoding: 'utf-8',
    bom: false,
    gzip,
    delimiter: ',',
    header: [],
    mapping: Object.fromEntries(TRANSACTION_FIELDS.map((f) => [f, null])) as Record<TransactionField, string | null>,
    bytesRead: 0,
    rowsRead: 0,
    shortRows: 0,
    truncatedFields: 0,
    warnings: [],
  };

  let columns: Record<TransactionField, number> | null = null;
  let needed = 0;
  let lastDateText = '';
  let lastDate = NaN;
  let lastCustomerText: string | null = null;
  let lastCustomer = -1;
  let lastInvoiceText: string | null = null;
  let lastInvoice = -1;
  let lastCountryText: string | null = null;
  let lastCountry = -1;
  let nextProgress = progressEvery;

  const clip = (value: string): string => {
    if (value.length <= maxFieldLength) return value;
    report.truncatedFields++;
    return value.slice(0, maxFieldLength);
  };

  let c: Record<TransactionField, number> = resolveColumnsPlaceholder();
  const lastDescriptionOfStock: (string | undefined)[] = [];
  const lastDescriptionCodeOfStock: number[] = [];
  const b = builder;

  const onRow = (row: string[]): void => {
    if (columns === null) {
      const header = row.map((h) => h.trim());
      report.header = header;
      columns = resolveColumns(header, options.columns);
      for (const field of TRANSACTION_FIELDS) {
        const index = columns[field];
        report.mapping[field] = index >= 0 ? header[index] : null;
        if (index + 1 > needed) needed = index + 1;
      }
      c = columns;
      return;
    }
    if (row.length < needed) report.shortRows++;
    const at = b.push();

    const invoiceText = clip((row[c.invoice] ?? '').trim());
    if (invoiceText !== lastInvoiceText) {
      lastInvoiceText = invoiceText;
      lastInvoice = b.invoices.code(invoiceText);
    }
    b.invoice[at] = lastInvoice;
    const stock = c.stockCode >= 0 ? b.stockCodes.code(clip((row[c.stockCode] ?? '').trim())) : 0;
    b.stockCode[at] = stock;
    if (c.description >= 0) {
      // A product nearly always keeps its description: compare with the last one seen for it before hashing.
      const descriptionText = row[c.description] ?? '';
      if (descriptionText === lastDescriptionOfStock[stock]) {
        b.description[at] = lastDescriptionCodeOfStock[stock];
      } else {
        const code = b.descriptions.code(clip(descriptionText.trim()));
        lastDescriptionOfStock[stock] = descriptionText;
        lastDescriptionCodeOfStock[stock] = code;
        b.description[at] = code;
      }
    }
    b.quantity[at] = parseNumber(row[c.quantity] ?? '');
    b.unitPrice[at] = parseNumber(row[c.unitPrice] ?? '');

    const dateText = row[c.invoiceDate] ?? '';
    if (dateText !== lastDateText) {
      lastDateText = dateText;
      lastDate = parseDate(dateText, dateOrder);
    }
    b.date[at] = lastDate;

    const customerText = row[c.customerId] ?? '';
    if (customerText !== lastCustomerText) {
      lastCustomerText = customerText;
      const id = parseCustomerId(customerText);
      lastCustomer = id === null ? -1 : b.customers.code(clip(id));
    }
    b.customer[at] = lastCustomer;

    const countryText = c.country >= 0 ? (row[c.country] ?? '') : '';
    if (countryText !== lastCountryText) {
      lastCountryText = countryText;
      lastCountry = b.countries.code(clip(countryText));
    }
    b.country[at] = lastCountry;

    if (options.onProgress && b.length >= nextProgress) {
      nextProgress = b.length + progressEvery;
      options.onProgress({ bytesRead: counter.bytes, totalBytes, rowsRead: b.length });
    }
  };

  // The delimiter is guessed from the whole header line, so text is held back until one is seen.
  let tokenizer: CsvTokenizer | null = null;
  let headerText = '';
  const start = (text: string) => {
    report.delimiter = sniffDelimiter(text);
    tokenizer = new CsvTokenizer(report.delimiter, onRow);
    tokenizer.push(text);
  };
  for await (const text of decodeText(bytes, decodeState, options.encoding)) {
    if (tokenizer !== null) {
      (tokenizer as CsvTokenizer).push(text);
      continue;
    }
    headerText += text;
    if (/[\r\n]/.test(headerText) || headerText.length > HEADER_SNIFF_CHARS) {
      start(headerText);
      headerText = '';
    }
  }
  if (tokenizer === null && headerText.length > 0) start(headerText);
  (tokenizer as CsvTokenizer | null)?.end();
  report.rowsRead = b.length;

  report.encoding = decodeState.encoding;
  report.bom = decodeState.bom;
  report.bytesRead = counter.bytes;
  if (decodeState.mixed) {
    report.warnings.push('The file mixes UTF-8 and Windows-1252 text; the part after the first non-UTF-8 byte was read as Windows-1252.');
  }
  if (columns === null) throw new EngineError('EMPTY_FILE', 'The file is empty: it has no header and no transaction lines.');
  if (builder.length === 0) {
    throw new EngineError('HEADER_ONLY', 'The file has a header row but no transaction lines.', { header: report.header });
  }
  if (report.shortRows > 0) {
    report.warnings.push(`${report.shortRows.toLocaleString('en-US')} rows had fewer fields than the header; their missing values were left empty.`);
  }
  if (report.truncatedFields > 0) {
    report.warnings.push(`${report.truncatedFields.toLocaleString('en-US')} fields were longer than ${maxFieldLength.toLocaleString('en-US')} characters and were cut.`);
  }
  options.onProgress?.({ bytesRead: counter.bytes, totalBytes, rowsRead: builder.length });
  return { table: builder.build(), report };
}
