/** The canonical columns of a transaction log (UCI Online Retail shape). */
export const TRANSACTION_FIELDS = [
  'invoice',
  'stockCode',
  'description',
  'quantity',
  'invoiceDate',
  'unitPrice',
  'customerId',
  'country',
] as const;

export type TransactionField = (typeof TRANSACTION_FIELDS)[number];

/** Columns without which no analysis is possible. */
export const REQUIRED_FIELDS: readonly TransactionField[] = ['invoice', 'quantity', 'invoiceDate', 'unitPrice', 'customerId'];

/** Maps each canonical field to the header name in the user's file. */
export type ColumnMapping = Partial<Record<TransactionField, string>>;

export type DateOrder = 'month-first' | 'day-first';

export type TextEncoding = 'utf-8' | 'windows-1252';

export interface IngestProgress {
  /** Bytes consumed from the source (compressed bytes for gzip input). */
  bytesRead: number;
  /** Total source size when known, else null. */
  totalBytes: number | null;
  rowsRead: number;
}

export interface IngestOptions {
  /** Explicit header mapping for layouts that are not recognised automatically. */
  columns?: ColumnMapping;
  /** How to read ambiguous slash dates such as 01/02/2011. Default month-first (US). */
  dateOrder?: DateOrder;
  /** Force an encoding instead of detecting it. */
  encoding?: TextEncoding;
  /** Longest field kept as is; longer ones are cut and counted. Default 1,000 characters. */
  maxFieldLength?: number;
  /** Called every `progressEveryRows` rows and at the end. */
  onProgress?: (progress: IngestProgress) => void;
  progressEveryRows?: number;
  /** Total source size in bytes for progress reporting. */
  totalBytes?: number;
}

/**
 * Transaction lines held column by column: numbers in typed arrays, text fields as
 * indices into dictionaries. No per-row objects.
 */
export interface TransactionTable {
  length: number;
  invoice: Int32Array;
  invoices: string[];
  stockCode: Int32Array;
  stockCodes: string[];
  description: Int32Array;
  descriptions: string[];
  quantity: Float64Array;
  unitPrice: Float64Array;
  /** Epoch milliseconds of the wall-clock time as written (treated as UTC); NaN when unparseable. */
  date: Float64Array;
  /** Index into `customers`; -1 when the customer id is missing. */
  customer: Int32Array;
  customers: string[];
  country: Int32Array;
  countries: string[];
}

export interface IngestReport {
  encoding: TextEncoding;
  /** True when the file started with a UTF-8 byte order mark. */
  bom: boolean;
  gzip: boolean;
  delimiter: string;
  /** Header of the file as read. */
  header: string[];
  /** Which header column each canonical field was read from. */
  mapping: Record<TransactionField, string | null>;
  bytesRead: number;
  /** Data rows read (header and blank lines excluded). */
  rowsRead: number;
  /** Rows with fewer fields than the mapped columns need; they are kept with missing values. */
  shortRows: number;
  /** Fields longer than maxFieldLength, cut to that length. */
  truncatedFields: number;
  warnings: string[];
}

export interface IngestResult {
  table: TransactionTable;
  report: IngestReport;
}
