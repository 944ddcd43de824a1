// Bulk writes through COPY: Prisma's createMany manages ~10k rows/s, COPY ~100 times that. A
// dataset's lines go as CSV; a run's customer results, mostly numbers and dates, as binary tuples.
import type { AnalysisResult } from '@/lib/engines';
import type { CleanResult } from '@/lib/engines/clean';
import { KIND_RETURN, type TransactionTable } from '@/lib/engines/ingest';
import { formatRfmCode } from '@/lib/engines/rfm';
import { combinedSegmentName, STATUS_BASIS_LABELS } from '@/lib/engines/pipeline/customer-status';
import { BinaryCopyWriter, encodeText } from './binary-copy-writer';
import { sampleKey } from './sample-key';
import type { SqlClient } from './sql-client';

/** Rows per CSV chunk: one COPY statement each on PGlite, so this bounds the text held in memory. */
export const DEFAULT_COPY_BATCH_ROWS = 50_000;

export interface CopyOptions {
  batchRows?: number;
  /** Called after each batch with the rows written so far. */
  onProgress?: (rowsWritten: number) => void;
  /**
   * Commit each batch on its own instead of all together, so other requests reach the database
   * between batches (the embedded database has one connection). A failure then leaves the batches
   * before it: the caller removes them (the run service does, see discardPartialSave).
   */
  commitEachBatch?: boolean;
  /**
   * With `commitEachBatch`: nobody waits for this copy (a dataset's lines, saved after its run is
   * shown), so each batch lets the pages' reads go first (SqlClient.transaction's `background`).
   */
  background?: boolean;
  /** Stops before the next batch once aborted (the database is closing): the batches before it stay. */
  signal?: AbortSignal;
}

const NEEDS_QUOTES = /[",\r\n\\]/;

/** A text field in PostgreSQL's CSV format: quoted when empty (an unquoted empty field is NULL) or special. */
export function csvText(value: string): string {
  if (value === '') return '""';
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A nullable double: NaN becomes NULL. */
function csvNumberOrNull(value: number): string {
  return Number.isNaN(value) ? '' : String(value);
}

/** Epoch ms as a timestamp without time zone, in UTC (how Prisma stores DateTime). */
export function csvTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 23);
}

export const TRANSACTION_LINE_COLUMNS = [
  'dataset_id',
  'line',
  'invoice',
  'stock_code',
  'description',
  'quantity',
  'unit_price',
  'amount',
  'order_total',
  'order_refund',
  'kind',
  'reference',
  'invoice_date',
  'customer_id',
  'country',
  'is_return',
] as const;

export interface TransactionLinesInput {
  datasetId: number;
  table: TransactionTable;
  cleaned: Pick<CleanResult, 'kept' | 'returns' | 'countryNames'>;
  /** Store the return lines too (features need them for return rates); default true. */
  includeReturns?: boolean;
}

function* transactionLineChunks(input: TransactionLinesInput, batchRows: number): Generator<string> {
  const { table, cleaned, datasetId } = input;
  const invoices = table.invoices.map(csvText);
  const stockCodes = table.stockCodes.map(csvText);
  const descriptions = table.descriptions.map(csvText);
  const customers = table.customers.map(csvText);
  const countries = cleaned.countryNames.map(csvText);
  const prefix = `${datasetId},`;
  let lastDate = Number.NaN;
  let lastDateText = '';
  const parts = [cleaned.kept];
  if (input.includeReturns ?? true) parts.push(cleaned.returns);
  let chunk = '';
  let rows = 0;
  for (const lines of parts) {
    for (let k = 0; k < lines.length; k++) {
      const i = lines[k];
      const date = table.date[i];
      if (date !== lastDate) {
        lastDate = date;
        lastDateText = csvTimestamp(date);
      }
      const order = table.invoice[i];
      const kind = table.kind[i];
      const reference = table.refersTo[i] >= 0 ? invoices[table.refersTo[i]] : '';
      chunk +=
        `${prefix}${i},${invoices[order]},${stockCodes[table.stockCode[i]]},${descriptions[table.description[i]]},` +
        `${csvNumberOrNull(table.quantity[i])},${csvNumberOrNull(table.unitPrice[i])},${csvNumberOrNull(table.amount[i])},` +
        `${csvNumberOrNull(table.orderTotal[order])},${table.orderRefund[order]},${kind},${reference},` +
        `${lastDateText},${customers[table.customer[i]]},${countries[table.country[i]]},${kind === KIND_RETURN ? 't' : 'f'}\n`;
      if (++rows === batchRows) {
        yield chunk;
        chunk = '';
        rows = 0;
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Locks the parent row, turns off per-row foreign key triggers where the role may, and copies. */
async function copyUnderParent<Chunk>(
  tx: SqlClient,
  parent: { table: 'dataset' | 'run'; id: number },
  table: string,
  chunks: Iterable<Chunk>,
  copy: (tx: SqlClient, chunks: Iterable<Chunk>) => Promise<number>,
  superuser: boolean,
): Promise<number> {
  const found = await tx.query(`SELECT 1 FROM ${parent.table} WHERE id = $1 FOR KEY SHARE`, [parent.id]);
  if (found.rows.length === 0) throw new Error(`Cannot copy ${table} rows: ${parent.table} ${parent.id} does not exist`);
  if (!superuser) return copy(tx, chunks);
  await tx.exec('SET LOCAL session_replication_role = replica');
  try {
    return await copy(tx, chunks);
  } finally {
    await tx.exec('SET LOCAL session_replication_role = origin').catch(() => undefined);
  }
}

/**
 * Copies rows that all belong to one parent row (a dataset's lines, a run's results). The parent
 * is checked and locked once (FOR KEY SHARE, as a foreign key check does) instead of once per
 * row: where the role may (PGlite always, PostgreSQL as superuser) the per-row foreign key
 * triggers are switched off for the COPY alone, which halves its time. With `commitEachBatch`
 * every chunk is a transaction of its own.
 */
async function copyChildRows<Chunk>(
  sql: SqlClient,
  parent: { table: 'dataset' | 'run'; id: number },
  table: string,
  chunks: Iterable<Chunk>,
  copy: (tx: SqlClient, chunks: Iterable<Chunk>) => Promise<number>,
  commitEachBatch = false,
  background = false,
): Promise<number> {
  const { rows } = await sql.query<{ superuser: boolean }>(`SELECT current_setting('is_superuser') = 'on' AS superuser`);
  const superuser = rows[0].superuser;
  if (!commitEachBatch) return sql.transaction((tx) => copyUnderParent(tx, parent, table, chunks, copy, superuser));
  let written = 0;
  for (const chunk of chunks) written += await sql.transaction((tx) => copyUnderParent(tx, parent, table, [chunk], copy, superuser), { background });
  return written;
}

/** Counts rows as the chunks go by, for progress. */
function* counted<Chunk>(chunks: Iterable<Chunk>, batchRows: number, total: number, onProgress?: (rows: number) => void, signal?: AbortSignal): Generator<Chunk> {
  let written = 0;
  for (const chunk of chunks) {
    signal?.throwIfAborted();
    yield chunk;
    written = Math.min(total, written + batchRows);
    onProgress?.(written);
  }
}

/**
 * Copies a dataset's kept lines (and return lines) into transaction_line, each with what a re-run
 * needs to value it again exactly: quantity, unit price and line amount (NULL where the file has
 * none), the order's stated total and refund, the line's kind and the order a refund names.
 * Pass the client of a transaction (`db.sql.transaction(tx => ...)`) to make it part of a larger
 * all-or-nothing write; on its own it is one transaction. Returns the rows written.
 */
export async function copyTransactionLines(sql: SqlClient, input: TransactionLinesInput, options: CopyOptions = {}): Promise<number> {
  const batchRows = options.batchRows ?? DEFAULT_COPY_BATCH_ROWS;
  const total = input.cleaned.kept.length + ((input.includeReturns ?? true) ? input.cleaned.returns.length : 0);
  const chunks = counted(transactionLineChunks(input, batchRows), batchRows, total, options.onProgress, options.signal);
  return copyChildRows(sql, { table: 'dataset', id: input.datasetId }, 'transaction_line', chunks, (tx, part) => tx.copyCsv('transaction_line', TRANSACTION_LINE_COLUMNS, part), options.commitEachBatch, options.background);
}

export const CUSTOMER_RESULT_COLUMNS = [
  'run_id',
  'customer_id',
  'country',
  'home_market',
  'recency',
  'frequency',
  'occasions',
  'monetary',
  'gross_spend',
  'refunds',
  'average_order_value',
  'tenure',
  'distinct_products',
  'return_rate',
  'product_mix',
  'r_score',
  'f_score',
  'm_score',
  'rfm_code',
  'segment',
  'churn_status',
  'churn_basis',
  'combined_segment',
  'cluster_kmeans',
  'cluster_kmeans_name',
  'cluster_gmm',
  'cluster_gmm_name',
  'cluster_hierarchical',
  'cluster_hierarchical_name',
  'p_alive',
  'expected_purchases',
  'expected_spend',
  'clv',
  'clv_lower',
  'clv_upper',
  'first_purchase',
  'last_purchase',
  'sample_key',
] as const;

const CLUSTER_METHODS = ['kmeans', 'gmm', 'hierarchical'] as const;

function* customerResultChunks(runId: number, result: AnalysisResult, batchRows: number): Generator<Uint8Array> {
  const f = result.features;
  const { rfm, churn } = result;
  const countries = f.countries.map(encodeText);
  const segments = rfm.segmentNames.map(encodeText);
  const churnLabels = churn.labels.map(encodeText);
  const basisLabels = STATUS_BASIS_LABELS.map(encodeText);
  // "<status> · <segment>" for every pair, encoded once.
  const combined = churn.labels.map((status) => rfm.segmentNames.map((segment) => encodeText(combinedSegmentName(status, segment))));
  const rfmCodes = new Map<number, Uint8Array>();
  const categoryKeys = f.categories.map((name) => JSON.stringify(name));
  const nCategories = f.categories.length;
  const clusters = CLUSTER_METHODS.map((method) => {
    const outcome = result.clustering.status === 'done' ? result.clustering.result.methods[method] : undefined;
    if (!outcome) return null;
    return { labels: outcome.labels, names: outcome.profiles.clusters.map((p) => encodeText(p.name)) };
  });
  const ltv = result.lifetimeValue.status === 'done' ? result.lifetimeValue : null;
  const fields = CUSTOMER_RESULT_COLUMNS.length;

  const out = new BinaryCopyWriter();
  let rows = 0;
  for (let c = 0; c < f.count; c++) {
    out.row(fields);
    out.int4(runId);
    out.text(f.ids[c]);
    out.encoded(countries[f.primaryCountry[c]]);
    out.bool(f.homeMarket[c] !== 0);
    out.int4(f.recency[c]);
    out.int4(f.frequency[c]);
    out.int4(f.occasions[c]);
    out.float8(f.monetary[c]);
    out.float8(f.grossSpend[c]);
    out.float8(f.refunds[c]);
    out.float8(f.averageOrderValue[c]);
    out.int4(f.tenure[c]);
    out.int4(f.distinctProducts[c]);
    out.float8(f.returnRate[c]);
    let mix = '{';
    for (let j = 0; j < nCategories; j++) mix += `${j > 0 ? ',' : ''}${categoryKeys[j]}:${f.mix[c * nCategories + j]}`;
    out.jsonb(`${mix}}`);
    out.int4(rfm.r[c]);
    out.int4(rfm.f[c]);
    out.int4(rfm.m[c]);
    const code = rfm.codes[c];
    let rfmCode = rfmCodes.get(code);
    if (!rfmCode) rfmCodes.set(code, (rfmCode = encodeText(formatRfmCode(code))));
    out.encoded(rfmCode);
    out.encoded(segments[rfm.segment[c]]);
    out.encoded(churnLabels[churn.status[c]]);
    out.encoded(basisLabels[churn.basis[c]]);
    out.encoded(combined[churn.status[c]][rfm.segment[c]]);
    for (const cluster of clusters) {
      if (!cluster) {
        out.null();
        out.null();
        continue;
      }
      const label = cluster.labels[c];
      out.int4(label);
      const name = cluster.names[label];
      if (name) out.encoded(name);
      else out.null();
    }
    const row = ltv ? ltv.rowOfCustomer[c] : -1;
    if (ltv && row >= 0) {
      const r = ltv.result;
      out.float8OrNull(ltv.shownPAlive[c]);
      out.float8OrNull(r.expectedPurchases[row]);
      out.float8OrNull(r.expectedSpend[row]);
      out.float8OrNull(r.clv[row]);
      out.float8OrNull(r.clvLower[row]);
      out.float8OrNull(r.clvUpper[row]);
    } else for (let k = 0; k < 6; k++) out.null();
    out.timestamp(f.firstPurchase[c]);
    out.timestamp(f.lastPurchase[c]);
    out.int4(sampleKey(f.ids[c]));
    if (++rows === batchRows) {
      yield out.take();
      rows = 0;
    }
  }
  if (rows > 0) yield out.take();
}

/**
 * Copies one row per customer of an analysis into customer_result for a run: features, RFM,
 * churn, the cluster of each method that ran, and lifetime value (NULL where it did not run).
 * Pass a transaction's client to write the results and the run's status together.
 */
export async function copyCustomerResults(sql: SqlClient, runId: number, result: AnalysisResult, options: CopyOptions = {}): Promise<number> {
  const batchRows = options.batchRows ?? DEFAULT_COPY_BATCH_ROWS;
  const chunks = counted(customerResultChunks(runId, result, batchRows), batchRows, result.features.count, options.onProgress, options.signal);
  return copyChildRows(sql, { table: 'run', id: runId }, 'customer_result', chunks, (tx, part) => tx.copyBinary('customer_result', CUSTOMER_RESULT_COLUMNS, part), options.commitEachBatch);
}
