import { cleanTransactions } from '../clean/clean-transactions';
import { DROP_REASON_LABELS, DROP_REASONS, type DropReason } from '../clean/types';
import { isEngineError } from '../errors';
import { readTransactions } from '../ingest/read-transactions';
import { LINE_KINDS, type FileReading, type IngestOptions, type TransactionField, type ValueBasis } from '../ingest/types';
import { DAY_MS, isoDay } from '../calendar';

const PREVIEW_LINES = 20;
const round2 = (value: number) => Math.round(value * 100) / 100;

export interface PreviewLine {
  /** Data row, 1-based (header and title lines not counted). */
  row: number;
  order: string;
  customer: string | null;
  /** ISO date-time of the store-local wall clock, null when unreadable. */
  date: string | null;
  product: string;
  quantity: number | null;
  unitPrice: number | null;
  amount: number | null;
  orderTotal: number | null;
  kind: (typeof LINE_KINDS)[number];
  country: string;
  /** Why the line will be left out, in words; null when it is kept. */
  dropped: string | null;
}

export type PreviewResult =
  | {
      status: 'ready';
      reading: FileReading;
      header: string[];
      mapping: Partial<Record<TransactionField, string>>;
      lines: PreviewLine[];
      rowsRead: number;
      keptRows: number;
      dropped: { reason: DropReason; label: string; lines: number }[];
      customers: number;
      purchaseOrders: number;
      purchaseOccasions: number;
      grossRevenue: number;
      refunds: number;
      netRevenue: number;
      valueBasis: ValueBasis;
      firstDate: string | null;
      lastDate: string | null;
      /** False when no line of the file has a time of day (every readable date is at midnight): show dates only. */
      datesHaveTime: boolean;
      warnings: string[];
    }
  | {
      /** The file was read but the date order cannot be told: the user must choose. */
      status: 'ask-date-order';
      column: string;
      examples: string[];
      message: string;
    }
  | {
      /** The file's times are UTC instants and no time zone was given: the user must give the store's. */
      status: 'ask-time-zone';
      column: string;
      examples: string[];
      message: string;
    }
  | {
      /** The file cannot be read with these settings; other settings may read it. */
      status: 'refused';
      code: string;
      message: string;
      details?: Record<string, unknown>;
    };

/**
 * Read and clean a file without analysing or storing it, for the upload preview: the detected
 * reading, the first 20 lines as parsed values, the projected lines per cleaning reason,
 * customers and revenue. Files that cannot be analysed (unreadable, header only, no customer
 * left after cleaning) come back as 'refused' with the sentence to show; a file whose date order
 * cannot be told as 'ask-date-order', and UTC times without a store zone as 'ask-time-zone'.
 * `datesHaveTime` says whether any line of the whole file has a time of day.
 * Programming errors still throw.
 */
export async function previewTransactions(
  source: AsyncIterable<Uint8Array>,
  options: IngestOptions & { value?: ValueBasis; dropDuplicates?: boolean } = {},
): Promise<PreviewResult> {
  let ingested;
  try {
    ingested = await readTransactions(source, options);
  } catch (error) {
    if (!isEngineError(error)) throw error;
    // A reading question (the date order, the store's time zone) is asked in the preview, not refused.
    const question = error.code === 'AMBIGUOUS_DATES' ? 'ask-date-order' : error.code === 'TIME_ZONE_NEEDED' ? 'ask-time-zone' : null;
    if (question) {
      return {
        status: question,
        column: String(error.details?.column ?? 'date'),
        examples: (error.details?.examples as string[] | undefined) ?? [],
        message: error.message,
      };
    }
    return { status: 'refused', code: error.code, message: error.message, details: error.details };
  }
  const { table, report } = ingested;
  const cleaned = cleanTransactions(table, { value: options.value, dropDuplicates: options.dropDuplicates });
  const c = cleaned.report;
  if (c.customersAfter === 0) {
    const reasons = DROP_REASONS.filter((r) => c.dropped[r] > 0)
      .map((r) => `${DROP_REASON_LABELS[r].toLowerCase()}: ${c.dropped[r].toLocaleString('en-US')}`)
      .join('; ');
    return {
      status: 'refused',
      code: 'NO_VALID_ROWS',
      message: `No customer would be left to analyse: every one of the ${c.totalRows.toLocaleString('en-US')} lines is left out (${reasons}). Check the column mapping and the settings; nothing was stored.`,
    };
  }
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  let datesHaveTime = false;
  for (let i = 0; i < table.length && !datesHaveTime; i++) datesHaveTime = Number.isFinite(table.date[i]) && table.date[i] % DAY_MS !== 0;
  const lines: PreviewLine[] = [];
  for (let i = 0; i < Math.min(table.length, PREVIEW_LINES); i++) {
    const reason = cleaned.lineReason[i];
    lines.push({
      row: i + 1,
      order: table.invoices[table.invoice[i]],
      customer: table.customer[i] >= 0 ? table.customers[table.customer[i]] : null,
      date: Number.isFinite(table.date[i]) ? new Date(table.date[i]).toISOString().slice(0, 19).replace('T', ' ') : null,
      product: table.descriptions[table.description[i]] || table.stockCodes[table.stockCode[i]],
      quantity: num(table.quantity[i]),
      unitPrice: num(table.unitPrice[i]),
      amount: num(table.amount[i]),
      orderTotal: num(table.orderTotal[table.invoice[i]]),
      kind: LINE_KINDS[table.kind[i]],
      country: table.countries[table.country[i]],
      dropped: reason === 0 ? null : DROP_REASON_LABELS[DROP_REASONS[reason - 1]],
    });
  }
  return {
    status: 'ready',
    reading: report.reading,
    header: report.header,
    mapping: Object.fromEntries(Object.entries(report.mapping).filter(([, v]) => v !== null)) as Partial<Record<TransactionField, string>>,
    lines,
    rowsRead: report.rowsRead,
    keptRows: c.keptRows,
    dropped: DROP_REASONS.filter((r) => c.dropped[r] > 0).map((r) => ({ reason: r, label: DROP_REASON_LABELS[r], lines: c.dropped[r] })),
    customers: c.customersAfter,
    purchaseOrders: c.purchaseOrders,
    purchaseOccasions: c.purchaseOccasions,
    grossRevenue: round2(c.grossRevenue),
    refunds: round2(c.refunds),
    netRevenue: round2(c.netRevenue),
    valueBasis: c.valueBasis,
    firstDate: c.firstDate ? isoDay(Date.parse(c.firstDate)) : null,
    lastDate: c.lastDate ? isoDay(Date.parse(c.lastDate)) : null,
    datesHaveTime,
    warnings: report.warnings,
  };
}
