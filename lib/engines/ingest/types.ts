import type { TaskExecutor } from '../parallel/tasks';
/** Order of the day and month in numeric dates such as 01/02/2011. */
export type DateOrder = 'day-first' | 'month-first';

/** Text encodings a file is read in; decided once per file. */
export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/**
 * The columns a transaction file can hold, whatever its layout: line items (UCI Online Retail),
 * orders or payments (Shopify, WooCommerce, Stripe, order logs), POS item lines (Square).
 * Order-level fields (orderTotal, refundAmount, status, cancelledAt, customer, date, country) are
 * inherited by the later lines of the same order when those lines leave them empty (Shopify).
 */
export const TRANSACTION_FIELDS = [
  'invoice',
  'stockCode',
  'description',
  'quantity',
  'invoiceDate',
  'invoiceTime',
  'timeZone',
  'unitPrice',
  'amount',
  'orderTotal',
  'refundAmount',
  'status',
  'lineType',
  'cancelledAt',
  'reference',
  'customerId',
  'email',
  'country',
  'currency',
] as const;

export type TransactionField = (typeof TRANSACTION_FIELDS)[number];

/** Plain-words labels of the fields, for the mapping step and reports. */
export const TRANSACTION_FIELD_LABELS: Record<TransactionField, string> = {
  invoice: 'Order / invoice number',
  stockCode: 'Product code',
  description: 'Product name',
  quantity: 'Quantity',
  invoiceDate: 'Date (or date and time)',
  invoiceTime: 'Time (when in its own column)',
  timeZone: 'Time zone (when in its own column)',
  unitPrice: 'Unit price',
  amount: 'Line or order amount',
  orderTotal: 'Order total (once per order)',
  refundAmount: 'Refunded amount of the order',
  status: 'Order or payment status',
  lineType: 'Line type (sale / refund)',
  cancelledAt: 'Cancelled at',
  reference: 'Refunded order reference',
  customerId: 'Customer id',
  email: 'Customer e-mail',
  country: 'Country',
  currency: 'Currency',
};

/** The fields without which nothing can be analysed: a customer (id or e-mail), a date and a value. */
export const REQUIRED_FIELDS: readonly TransactionField[] = ['invoiceDate', 'customerId'];

/** Maps each canonical field to the header name in the user's file. */
export type ColumnMapping = Partial<Record<TransactionField, string>>;

/** How money is counted: net of refunds (default) or the seeds' gross convention. */
export type ValueBasis = 'net' | 'gross';

export type DecimalSeparatorSetting = '.' | ',';

export interface IngestProgress {
  /** Bytes consumed from the source (compressed bytes for gzip input). */
  bytesRead: number;
  /** Total source size when known, else null. */
  totalBytes: number | null;
  rowsRead: number;
}

/** The options that decide how a file is read, shared by the ingest, the analysis and the upload preview. */
export const READING_OPTION_KEYS = ['columns', 'dateOrder', 'encoding', 'decimalSeparator', 'timeZone', 'currency', 'sheet', 'maxParseFailureShare', 'now', 'maxExpansionRatio', 'maxExpandedBytes'] as const;

export interface ReadingOptions {
  /** Explicit header mapping for layouts that are not recognised automatically. */
  columns?: ColumnMapping;
  /** Order of numeric dates such as 01/02/2011; detected from the data when absent. */
  dateOrder?: DateOrder;
  /** Force an encoding instead of detecting it. */
  encoding?: TextEncoding;
  /** Decimal separator of amounts; detected from the data when absent. */
  decimalSeparator?: DecimalSeparatorSetting;
  /** The store's IANA time zone: timestamps with an offset or Z are moved to its calendar. */
  timeZone?: string;
  /** Currency (ISO 4217) when the file does not say it. */
  currency?: string;
  /** Worksheet of an .xlsx workbook, by name or 1-based number; default the first. */
  sheet?: string;
  /** Share of lines (0..1) whose date or amount cannot be read above which the file is refused. Default 0.005. */
  maxParseFailureShare?: number;
  /** Epoch ms of "today" for the plausible-date check (dates after today + 1 day are dropped). Default: no upper check. */
  now?: number;
  /** gzip: refuse a file that expands to more than this many times its compressed size (totalBytes when given). Default 20. */
  maxExpansionRatio?: number;
  /** gzip: refuse a file that expands to more than this many bytes. Default 10 GB. */
  maxExpandedBytes?: number;
}

/** The reading options of any options object (the analysis's, say), and nothing else. */
export function pickReadingOptions(options: ReadingOptions): ReadingOptions {
  const picked: Record<string, unknown> = {};
  for (const key of READING_OPTION_KEYS) if (options[key] !== undefined) picked[key] = options[key];
  return picked as ReadingOptions;
}

export interface IngestOptions extends ReadingOptions {
  /** Longest customer id accepted; longer ids are refused line by line, never cut. Default 200. */
  maxCustomerIdLength?: number;
  /** Longest other text field kept as is; longer ones are cut and counted. Default 1,000 characters. */
  maxFieldLength?: number;
  /** Called every `progressEveryRows` rows and at the end. */
  onProgress?: (progress: IngestProgress) => void;
  progressEveryRows?: number;
  /** Total source size in bytes for progress reporting. */
  totalBytes?: number;
  /**
   * How UTF-8 and Windows-1252 text is tokenized: 'bytes' (default, fields interned by their
   * bytes) or 'text' (decoded first). Both read the same values; 'text' is kept for UTF-16
   * and whitespace-separated files, and for tests and benchmarks that compare the two.
   */
  tokenizer?: 'bytes' | 'text';
  /**
   * The file `source` streams (from its first byte): a large plain UTF-8 or Windows-1252 CSV is
   * then read on two threads, its second half by a worker thread from this path. The result is
   * the one-thread result, byte for byte.
   */
  file?: FileSplitOptions;
}

/** How a file may be split into two byte ranges read on two threads (IngestOptions.file). */
export interface FileSplitOptions {
  /** Path of the file the source streams from its first byte. */
  path: string;
  /** Threads to read on: 2 or more reads two byte ranges at once, 1 reads on the calling thread. Default 2. */
  threads?: number;
  /** Smallest file (bytes) that is split; default 64 MiB. */
  minBytes?: number;
  /** Byte offset after which the second range starts, at the next line feed; default half the file. */
  splitFrom?: number;
  /**
   * Opens the worker thread that reads the second range, e.g. `() => createThreadPool({ threads: 2 })`
   * (lib/engines/parallel/thread-pool.ts); it is closed once the range is taken or dropped. Without
   * it, or when it opens fewer than 2 threads, the file is read on the calling thread. The caller
   * opens it so that the ingest engine never starts a worker itself: the web server's bundle
   * imports the ingest engine, and Next.js's build would trace a worker start into the whole project.
   */
  openPool?: () => TaskExecutor & { close(): Promise<void> };
  /** Told where a second range was started and whether its lines were used (false: it began inside a quoted field, or reading it failed); for tests and benchmarks. */
  onSplit?: (split: { from: number; joined: boolean }) => void;
}

/** What each line of a file is, decided while reading it (status, line type, credit-note prefix, sign). */
export const LINE_KINDS = ['purchase', 'return', 'adjustment', 'notPaid'] as const;
export type LineKind = (typeof LINE_KINDS)[number];
export const KIND_PURCHASE = 0;
export const KIND_RETURN = 1;
export const KIND_ADJUSTMENT = 2;
export const KIND_NOT_PAID = 3;

/** Why a line could not be read, counted per reason before cleaning (see IngestReport.unreadable). */
export const UNREADABLE_REASONS = ['badDate', 'implausibleDate', 'badNumber', 'customerIdTooLong', 'brokenQuote', 'summaryLine'] as const;
export type UnreadableReason = (typeof UNREADABLE_REASONS)[number];

/**
 * Transaction lines held column by column: numbers in typed arrays, text fields as
 * indices into dictionaries. No per-row objects.
 */
export interface TransactionTable {
  length: number;
  /** Order (invoice, payment) of each line; files without order numbers get one per line. */
  invoice: Int32Array;
  invoices: string[];
  stockCode: Int32Array;
  stockCodes: string[];
  description: Int32Array;
  descriptions: string[];
  /** NaN when the file has no quantity. */
  quantity: Float64Array;
  /** NaN when the file has no unit price. */
  unitPrice: Float64Array;
  /** Money value of the line: the file's line amount, else quantity x unit price; NaN when unreadable. */
  amount: Float64Array;
  /** Per order (index into invoices): the order's stated total, NaN when the file states none (then the lines add up). */
  orderTotal: Float64Array;
  /** Per order: refunded amount the file states for the order (Shopify Refunded Amount ...), 0 when none; the order's whole value when only its status says "refunded". */
  orderRefund: Float64Array;
  /** KIND_* of each line. */
  kind: Uint8Array;
  /** Per line: order the line refunds (index into invoices) when the file links them, else -1. */
  refersTo: Int32Array;
  /** Epoch milliseconds of the store-local wall-clock time (encoded as UTC); NaN when unreadable. */
  date: Float64Array;
  /** Index into `customers`; -1 when the customer id is missing. */
  customer: Int32Array;
  customers: string[];
  country: Int32Array;
  countries: string[];
  /** UNREADABLE_REASONS index + 1 of a line that could not be read, 0 when it was read. */
  unreadable: Uint8Array;
  /**
   * True when lines are items of orders (the file names products): a zero-value line is a free
   * item. False when each line is an order or payment: a zero-value line is a zero-value order,
   * a purchase occasion without spend.
   */
  lineItems: boolean;
  /** True when the file numbers its orders; false when every line was given an order of its own. */
  ordersNumbered: boolean;
}

/** The reading of a file: what was detected and what was used, each with how it was decided. */
export interface FileReading {
  format: 'text' | 'xlsx';
  /** The layout recognised: 'uci-lines', 'shopify-orders', 'woocommerce-orders', 'stripe-payments', 'square-items', 'order-log', 'cdnow', 'line-items', 'mapped'. */
  layout: string;
  layoutLabel: string;
  /** How each order's value is taken, in words. */
  valueRule: string;
  encoding: TextEncoding | null;
  encodingReason: string;
  sheet: string | null;
  sheets: string[];
  delimiter: string | null;
  /** Lines above the header (report titles), skipped. */
  titleLines: number;
  headerless: boolean;
  decimalSeparator: DecimalSeparatorSetting;
  thousandsSeparator: string | null;
  dateOrder: DateOrder | null;
  /** How the date order was decided: 'detected' (with evidence), 'option', 'not needed' */
  dateOrderReason: string;
  dateForm: string;
  timeZone: string | null;
  timeZoneReason: string;
  currency: string | null;
  currencyReason: string;
}

export interface ColumnFailure {
  column: string;
  field: TransactionField;
  lines: number;
  examples: string[];
}

export interface IngestReport {
  encoding: TextEncoding | null;
  /** True when the file started with a byte order mark. */
  bom: boolean;
  gzip: boolean;
  delimiter: string;
  /** Header of the file as read (synthetic names for header-less files). */
  header: string[];
  /** Which header column each canonical field was read from. */
  mapping: Record<TransactionField, string | null>;
  reading: FileReading;
  bytesRead: number;
  /** Data rows read (header, title lines and blank lines excluded). */
  rowsRead: number;
  /** Rows with fewer fields than the mapped columns need; they are kept with missing values. */
  shortRows: number;
  /** Fields longer than maxFieldLength, cut to that length. */
  truncatedFields: number;
  /** Lines holding bytes that are not valid in the file's encoding (kept; the bytes shown as U+FFFD). */
  invalidByteLines: number;
  /** Control characters (NUL ...) removed from fields, lines affected. */
  controlCharacterLines: number;
  /** Lines that could not be read, by reason. */
  unreadable: Record<UnreadableReason, number>;
  /** Per column, lines whose value could not be read, with up to three raw examples. */
  failures: ColumnFailure[];
  /** Status values seen and how they were read: status -> { lines, purchase }. */
  statuses: { value: string; lines: number; kind: LineKind }[];
  warnings: string[];
}

export interface IngestResult {
  table: TransactionTable;
  report: IngestReport;
}
