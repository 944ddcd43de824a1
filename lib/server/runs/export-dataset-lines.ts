import { createWriteStream } from 'node:fs';
import { KIND_RETURN, READING_OPTION_KEYS } from '../../engines/ingest/types';
import type { AnalysisOptions } from '../../engines/pipeline/types';
import type { Database } from '../db/database';

/**
 * How the engines must read a re-run export: dates are ISO (the order never matters), money has
 * '.' decimals, times are the stored wall clock (no time zone), and the export's own header names
 * the columns. Every other reading option of the original upload is left out.
 */
export const RERUN_READING = { dateOrder: 'month-first', decimalSeparator: '.' } as const satisfies Partial<AnalysisOptions>;


/** A re-run's options: the user's analysis parameters with the upload's reading options replaced by RERUN_READING. */
export function rerunOptions(parameters: Partial<AnalysisOptions>): Partial<AnalysisOptions> {
  const options: Partial<AnalysisOptions> = { ...parameters };
  for (const key of READING_OPTION_KEYS) delete options[key];
  return { ...options, ...RERUN_READING };
}

export interface StoredLineRow {
  line: number;
  invoice: string;
  stock_code: string;
  description: string;
  quantity: number | null;
  unit_price: number | null;
  amount: number | null;
  order_total: number | null;
  order_refund: number;
  kind: number;
  reference: string | null;
  date_ms: number;
  customer_id: string;
  country: string;
}

/** What the export writes besides the lines, decided once per dataset. */
export interface ExportLayout {
  /** The source named products (StockCode / Description columns): zero-value lines are free items, not zero-value orders. */
  lineItems: boolean;
  /** The source had a line amount column; without one the engines value a line as quantity x unit price again. */
  amounts: boolean;
  /** The source stated order totals; an OrderTotal column, even empty, would make the engines value orders by it. */
  orderTotals: boolean;
  /** The source keyed customers by e-mail: the key column is named Email so it is read without the customer-id rules. */
  emailKey: boolean;
  currency: string | null;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvNumber(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '' : String(value);
}

/** Epoch ms of a stored wall clock as 'YYYY-MM-DD HH:MM:SS', with '.mmm' only when there are milliseconds. */
export function isoWallClock(ms: number): string {
  const iso = new Date(ms).toISOString();
  const seconds = iso.slice(0, 19).replace('T', ' ');
  return ms % 1000 === 0 ? seconds : `${seconds}${iso.slice(19, 23)}`;
}

/** The export's header row for a dataset's layout. */
export function exportHeader(layout: ExportLayout): string {
  return [
    'InvoiceNo',
    ...(layout.lineItems ? ['StockCode', 'Description'] : []),
    'Quantity',
    'InvoiceDate',
    'UnitPrice',
    ...(layout.amounts ? ['Amount'] : []),
    ...(layout.orderTotals ? ['OrderTotal'] : []),
    'RefundedAmount',
    'Type',
    'Reference',
    layout.emailKey ? 'Email' : 'CustomerID',
    'Country',
    'Currency',
  ].join(',');
}

/** One stored line as a row under exportHeader(layout). */
export function exportRow(row: StoredLineRow, layout: ExportLayout, currency: string): string {
  return [
    csvField(row.invoice),
    ...(layout.lineItems ? [csvField(row.stock_code), csvField(row.description)] : []),
    csvNumber(row.quantity),
    isoWallClock(row.date_ms),
    csvNumber(row.unit_price),
    ...(layout.amounts ? [csvNumber(row.amount)] : []),
    ...(layout.orderTotals ? [csvNumber(row.order_total)] : []),
    csvNumber(row.order_refund),
    row.kind === KIND_RETURN ? 'refund' : 'sale',
    csvField(row.reference ?? ''),
    csvField(row.customer_id),
    csvField(row.country),
    currency,
  ].join(',');
}

async function exportLayout(db: Database, datasetId: number): Promise<ExportLayout> {
  const { rows } = await db.sql.query<{ currency: string | null; mapping: Record<string, string | null> | string | null }>(
    `SELECT currency, ingest_report -> 'mapping' AS mapping FROM dataset WHERE id = $1`,
    [datasetId],
  );
  if (rows.length === 0) throw new Error(`Dataset ${datasetId} does not exist`);
  const raw = rows[0].mapping;
  const mapping = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, string | null> | null;
  // Datasets stored before mappings were recorded are UCI line items keyed by customer id.
  return {
    lineItems: !mapping || Boolean(mapping.stockCode || mapping.description),
    amounts: Boolean(mapping?.amount),
    orderTotals: Boolean(mapping?.orderTotal),
    emailKey: Boolean(mapping && !mapping.customerId && mapping.email),
    currency: rows[0].currency,
  };
}

/**
 * A dataset's stored lines back to a UTF-8 CSV that the engines read to the same lines, values
 * and kinds (with RERUN_READING), for a re-run with other parameters. Columns the source did not
 * have (line amount, order total, products) are left out rather than written empty, because
 * their presence changes how the engines value a line.
 */
export async function exportDatasetLines(
  db: Database,
  datasetId: number,
  path: string,
  pageRows = 100_000,
  /** Only lines dated before this day (YYYY-MM-DD): an analysis as of that snapshot. */
  before?: string,
): Promise<number> {
  const layout = await exportLayout(db, datasetId);
  const currency = layout.currency && /^[A-Za-z]{3}$/.test(layout.currency) ? layout.currency : '';
  const out = createWriteStream(path);
  const closed = new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.once('finish', resolve);
  });
  out.write(`${exportHeader(layout)}\n`);
  let last = -1;
  let written = 0;
  for (;;) {
    const { rows } = await db.sql.query<StoredLineRow>(
      `SELECT line, invoice, stock_code, description, quantity, unit_price, amount, order_total, order_refund, kind::int AS kind,
              reference, (extract(epoch FROM invoice_date) * 1000)::float8 AS date_ms, customer_id, country
         FROM transaction_line WHERE dataset_id = $1 AND line > $2${before === undefined ? '' : ' AND invoice_date < $4::timestamp'} ORDER BY line LIMIT $3`,
      before === undefined ? [datasetId, last, pageRows] : [datasetId, last, pageRows, before],
    );
    if (rows.length === 0) break;
    const text = rows.map((r) => exportRow(r, layout, currency)).join('\n') + '\n';
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    written += rows.length;
    last = rows[rows.length - 1].line;
    if (rows.length < pageRows) break;
  }
  out.end();
  await closed;
  return written;
}
