import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import Papa from 'papaparse';
import { EngineError } from '../errors';
import { decodeText, isGzip, type DecodeState } from './decode-text';
import { resolveColumns } from './header-mapping';
import { parseCustomerId } from './parse-customer-id';
import { parseDate } from './parse-date';
import { TableBuilder } from './table-builder';
import { TRANSACTION_FIELDS, type IngestOptions, type IngestReport, type IngestResult, type TransactionField } from './types';

const DEFAULT_MAX_FIELD_LENGTH = 1000;
const DEFAULT_PROGRESS_EVERY = 50_000;

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

const SNIFF_CHARS = 65_536;

/**
 * Gather the first 64 KB of text so the line break (and Papa's delimiter guess) is seen on
 * whole lines rather than on whatever the first small chunk holds.
 */
async function detectNewline(chunks: AsyncIterable<string>): Promise<{ newline: '\n' | '\r\n' | '\r'; text: AsyncIterable<string> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head = '';
  let done = false;
  while (head.length < SNIFF_CHARS) {
    const item = await iterator.next();
    if (item.done) {
      done = true;
      break;
    }
    head += item.value;
  }
  const lf = head.indexOf('\n');
  const newline = lf > 0 && head[lf - 1] === '\r' ? '\r\n' : lf < 0 && head.includes('\r') ? '\r' : '\n';
  const text = (async function* () {
    if (head.length > 0) yield head;
    if (done) return;
    for (;;) {
      const item = await iterator.next();
      if (item.done) return;
      yield item.value;
    }
  })();
  return { newline, text };
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
  const { newline, text: textChunks } = await detectNewline(decodeText(bytes, decodeState, options.encoding));
  const text = Readable.from(textChunks, { objectMode: false, encoding: 'utf8' });

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
  let failure: unknown = null;
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

  const consume = (rows: string[][]): void => {
    let start = 0;
    if (columns === null) {
      if (rows.length === 0) return;
      const header = rows[0].map((h) => h.trim());
      report.header = header;
      columns = resolveColumns(header, options.columns);
      for (const field of TRANSACTION_FIELDS) {
        const index = columns[field];
        report.mapping[field] = index >= 0 ? header[index] : null;
        if (index + 1 > needed) needed = index + 1;
      }
      start = 1;
    }
    const c = columns;
    const iInvoice = c.invoice;
    const iStock = c.stockCode;
    const iDescription = c.description;
    const iQuantity = c.quantity;
    const iDate = c.invoiceDate;
    const iPrice = c.unitPrice;
    const iCustomer = c.customerId;
    const iCountry = c.country;
    const b = builder;
    for (let r = start; r < rows.length; r++) {
      const row = rows[r];
      if (row.length === 1 && row[0] === '') continue;
      if (row.length < needed) report.shortRows++;
      const at = b.push();

      const invoiceText = clip((row[iInvoice] ?? '').trim());
      if (invoiceText !== lastInvoiceText) {
        lastInvoiceText = invoiceText;
        lastInvoice = b.invoices.code(invoiceText);
      }
      b.invoice[at] = lastInvoice;
      b.stockCode[at] = iStock >= 0 ? b.stockCodes.code(clip((row[iStock] ?? '').trim())) : 0;
      b.description[at] = iDescription >= 0 ? b.descriptions.code(clip((row[iDescription] ?? '').trim())) : 0;
      b.quantity[at] = parseNumber(row[iQuantity] ?? '');
      b.unitPrice[at] = parseNumber(row[iPrice] ?? '');

      const dateText = row[iDate] ?? '';
      if (dateText !== lastDateText) {
        lastDateText = dateText;
        lastDate = parseDate(dateText, dateOrder);
      }
      b.date[at] = lastDate;

      const customerText = row[iCustomer] ?? '';
      if (customerText !== lastCustomerText) {
        lastCustomerText = customerText;
        const id = parseCustomerId(customerText);
        lastCustomer = id === null ? -1 : b.customers.code(clip(id));
      }
      b.customer[at] = lastCustomer;

      const countryText = iCountry >= 0 ? (row[iCountry] ?? '') : '';
      if (countryText !== lastCountryText) {
        lastCountryText = countryText;
        lastCountry = b.countries.code(clip(countryText));
      }
      b.country[at] = lastCountry;
    }
    report.rowsRead = b.length;
    if (options.onProgress && b.length >= nextProgress) {
      nextProgress = b.length + progressEvery;
      options.onProgress({ bytesRead: counter.bytes, totalBytes, rowsRead: b.length });
    }
  };

  await new Promise<void>((resolve, reject) => {
    text.on('error', reject);
    Papa.parse<string[]>(text as unknown as NodeJS.ReadableStream as never, {
      header: false,
      newline,
      skipEmptyLines: true,
      chunk: (results, parser) => {
        if (failure) return;
        if (!report.delimiter || results.meta.delimiter) report.delimiter = results.meta.delimiter;
        try {
          consume(results.data);
        } catch (error) {
          failure = error;
          parser.abort();
          reject(error);
        }
      },
      complete: () => resolve(),
      error: (error: Error) => reject(new EngineError('INVALID_INPUT', `The file could not be read as CSV: ${error.message}`)),
    });
  });
  if (failure) throw failure;

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
