import 'server-only';
import { DROP_REASON_LABELS, DROP_REASONS, type CleaningReport } from '../../engines/clean/types';
import { TRANSACTION_FIELDS, type IngestReport, type ValueBasis } from '../../engines/ingest/types';
import { describeReading } from '../../format/describe-reading';
import { getDatabase } from '../db/database';
import { findDefaultRunIds } from '../runs/default-run';
import { breakdownRefundTotals, type RefundBreakdown } from './refund-breakdown';

/** A dataset's cleaning report as stored: the engines' report and how its refunds break down. */
export type StoredCleaningReport = CleaningReport & { refundBreakdown?: RefundBreakdown };

/** Customers and revenue per primary country among one run's customers (what the overview shows). */
export interface RunCountryDto {
  country: string;
  customers: number;
  revenue: number;
}

export interface LabelledValueDto {
  label: string;
  value: string;
}

export interface DataQualityDto {
  linesRead: number;
  kept: number;
  dropped: { reason: string; label: string; lines: number }[];
  duplicateLines: number;
  duplicatesDropped: boolean;
  countriesNormalised: number;
  customersBefore: number;
  customersAfter: number;
  invoices: number;
  purchaseOrders: number | null;
  purchaseOccasions: number | null;
  zeroValueOrders: number | null;
  /** ISO 4217 code (or the symbol the file used) of every money figure; null when unknown. */
  currency: string | null;
  /**
   * 'net' of refunds or 'gross': how the dataset's latest successful run counted money (else the
   * upload's cleaning); null for reports stored before the value basis existed (gross).
   */
  valueBasis: ValueBasis | null;
  /** Revenue in the value basis. */
  revenue: number;
  grossRevenue: number | null;
  /** Every refund attributed to a customer: refund lines and refunds stated on orders. */
  refunds: number | null;
  /** The part of the refunds stated on purchase orders (Shopify, WooCommerce, Stripe) rather than on refund lines. */
  refundsOnOrders: number | null;
  netRevenue: number | null;
  /**
   * Where the refunds went: deducted + beyond the customers' purchases + by customers without a
   * purchase = refunds (the last two told apart only in reports stored since the breakdown was).
   */
  refundBreakdown: RefundBreakdown | null;
  /** The successful runs that analysed each figure, newest first. */
  analysedIn: Record<ValueBasis, number[]>;
  /** The basis of the countries' revenue. */
  countriesBasis: ValueBasis | null;
  /**
   * The run whose customers the countries' customers and revenue count, each customer once in
   * their primary country, as the overview does (so the countries add up to its revenue); null when
   * no run has succeeded: then revenue is the upload's order values less the refunds matched to them.
   */
  countriesRun: number | null;
  firstDate: string | null;
  lastDate: string | null;
  returns: { lines: number; customers: number; value: number; matchedLines: number | null; unmatchedLines: number | null; unmatchedValue: number | null };
  topCountries: { country: string; lines: number; customers: number; revenue: number }[];
  /** How the file was read: encoding, delimiter, column mapping, warnings. */
  reading: LabelledValueDto[];
}

export interface DatasetReportDto {
  datasetId: number;
  /** Null until the dataset's lines have been read and cleaned (by its first run, even a failed one). */
  quality: DataQualityDto | null;
  /** Why the latest analysis failed, while no analysis of the dataset has succeeded; null otherwise. */
  analysisFailed: string | null;
  runParameters: Record<number, LabelledValueDto[]>;
}

const day = (ms: unknown) => (typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : String(ms));

const METHOD_WORDS: Record<string, string> = { all: 'k-means, Gaussian mixture and hierarchical', kmeans: 'k-means', gmm: 'Gaussian mixture', hierarchical: 'hierarchical (Ward)' };

/** A run's parameters (AnalysisOptions as JSON) in words, in a fixed order; unset ones are defaults. */
export function describeRunParameters(json: unknown): LabelledValueDto[] {
  const p = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const out: LabelledValueDto[] = [];
  const add = (label: string, value: string) => out.push({ label, value });
  if (p.method !== undefined) add('Clustering', METHOD_WORDS[String(p.method)] ?? String(p.method));
  if (p.k !== undefined) add('k', String(p.k));
  else if (p.kMin !== undefined || p.kMax !== undefined) add('k range', `${p.kMin ?? 2} to ${p.kMax ?? 10}, best silhouette`);
  if (Array.isArray(p.clusterFeatures)) add('Clustering features', p.clusterFeatures.join(', '));
  if (p.model !== undefined) add('Lifetime model', p.model === 'mbgnbd' ? 'MBG/NBD + Gamma-Gamma' : 'BG/NBD + Gamma-Gamma');
  if (p.unit !== undefined) add('Time unit', String(p.unit));
  if (p.horizonMonths !== undefined) add('CLV horizon', `${p.horizonMonths} months`);
  if (typeof p.discountRate === 'number') add('Monthly discount', `${(p.discountRate * 100).toFixed(2).replace(/\.?0+$/, '')} %`);
  if (p.snapshot !== undefined) add('Snapshot date', day(p.snapshot));
  if (p.calibrationEnd !== undefined) add('Calibration end', day(p.calibrationEnd));
  if (p.holdoutDays !== undefined) add('Holdout', `${p.holdoutDays} days`);
  if (typeof p.penalizer === 'number' && p.penalizer > 0) add('Penalizer', String(p.penalizer));
  if (p.seed !== undefined) add('Seed', String(p.seed));
  if (p.value !== undefined) add('Revenue', p.value === 'gross' ? 'gross' : 'net of refunds');
  if (p.dateOrder !== undefined) add('Dates', p.dateOrder === 'day-first' ? 'day/month/year' : 'month/day/year');
  if (p.decimalSeparator !== undefined) add('Decimal separator', `“${p.decimalSeparator}”`);
  if (p.timeZone !== undefined) add('Time zone', String(p.timeZone));
  if (p.currency !== undefined) add('Currency', String(p.currency));
  if (p.sheet !== undefined) add('Worksheet', String(p.sheet));
  if (p.dropDuplicates === true) add('Duplicates', 'dropped');
  if (p.encoding !== undefined) add('Encoding', String(p.encoding));
  if (p.columns && typeof p.columns === 'object') {
    add(
      'Column mapping',
      Object.entries(p.columns as Record<string, string>)
        .map(([field, column]) => (column === '' ? `${field}: not in the file` : `${field} ← “${column}”`))
        .join(', '),
    );
  }
  if (out.every((o) => o.label === 'Dates' || o.label === 'Revenue')) add('Other settings', 'defaults');
  return out;
}

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export interface QualityContext {
  currency?: string | null;
  /** The successful runs that counted money net and gross (ids). */
  analysedIn?: Record<ValueBasis, number[]>;
  /** Customers and revenue per primary country among the customers of the latest successful run (the highest id in analysedIn). */
  runCountries?: RunCountryDto[] | null;
}

/**
 * A dataset's data-quality report from its upload's cleaning and ingest reports, in words and
 * figures; money follows how its runs counted it (`analysedIn`, newest run first), and the
 * upload's cleaning when no run says. The countries' customers and revenue are those of the latest
 * successful run's customers when there is one.
 */
export function qualityOf(
  cleaning: Partial<StoredCleaningReport>,
  ingest: Partial<IngestReport>,
  { currency = null, analysedIn = { net: [], gross: [] }, runCountries = null }: QualityContext = {},
): DataQualityDto | null {
  if (typeof cleaning.totalRows !== 'number' || !cleaning.dropped) return null;
  const dropped = cleaning.dropped;
  const latest = Math.max(-1, ...analysedIn.net, ...analysedIn.gross);
  const valueBasis: ValueBasis | null = latest < 0 ? (cleaning.valueBasis ?? null) : analysedIn.net.includes(latest) ? 'net' : 'gross';
  const grossRevenue = num(cleaning.grossRevenue);
  const netRevenue = num(cleaning.netRevenue);
  const refunds = num(cleaning.refunds);
  const refundBreakdown =
    cleaning.refundBreakdown ?? (grossRevenue !== null && netRevenue !== null && refunds !== null ? breakdownRefundTotals({ grossRevenue, netRevenue, refunds }) : null);
  const fromRun = latest >= 0 && runCountries !== null;
  const linesIn = new Map((cleaning.countries ?? []).map((c) => [c.country, c.rows]));
  const countries = fromRun
    ? runCountries.map((c) => ({ country: c.country, lines: linesIn.get(c.country) ?? 0, customers: c.customers, revenue: c.revenue }))
    : (cleaning.countries ?? []).map((c) => ({ country: c.country, lines: c.rows, customers: c.customers, revenue: c.revenue }));
  const refundLinesValue = cleaning.returns?.value ?? 0;
  const revenue = valueBasis === 'gross' && grossRevenue !== null ? grossRevenue : valueBasis === 'net' && netRevenue !== null ? netRevenue : (cleaning.revenueAfter ?? 0);
  const reading: LabelledValueDto[] = [];
  if (ingest.reading) {
    reading.push(...describeReading(ingest.reading, valueBasis ?? 'net'));
    if (ingest.gzip || ingest.bom) reading.push({ label: 'Container', value: [ingest.gzip ? 'gzip' : '', ingest.bom ? 'byte order mark' : ''].filter(Boolean).join(', ') });
  } else {
    if (ingest.encoding) reading.push({ label: 'Encoding', value: `${ingest.encoding}${ingest.bom ? ' with BOM' : ''}${ingest.gzip ? ', gzip' : ''}` });
    if (ingest.delimiter) reading.push({ label: 'Delimiter', value: ingest.delimiter === '\t' ? 'tab' : `“${ingest.delimiter}”` });
  }
  if (ingest.mapping) {
    reading.push({
      label: 'Columns',
      value: TRANSACTION_FIELDS.map((field) => [field, ingest.mapping?.[field] ?? null] as const)
        .filter(([, column]) => column !== null)
        .map(([field, column]) => `${field} ← “${column}”`)
        .join(', '),
    });
  }
  for (const status of ingest.statuses ?? []) {
    reading.push({ label: 'Status', value: `“${status.value}”: ${status.lines.toLocaleString('en-US')} lines read as ${status.kind === 'notPaid' ? 'not paid' : status.kind}` });
  }
  if (ingest.shortRows) reading.push({ label: 'Short rows', value: String(ingest.shortRows) });
  if (ingest.truncatedFields) reading.push({ label: 'Fields cut to length', value: String(ingest.truncatedFields) });
  for (const warning of ingest.warnings ?? []) reading.push({ label: 'Warning', value: warning });
  return {
    linesRead: cleaning.totalRows,
    kept: cleaning.keptRows ?? 0,
    dropped: DROP_REASONS.map((reason) => ({ reason, label: DROP_REASON_LABELS[reason], lines: dropped[reason] ?? 0 })),
    duplicateLines: cleaning.duplicateLines ?? 0,
    duplicatesDropped: cleaning.duplicatesDropped ?? false,
    countriesNormalised: cleaning.countriesNormalised ?? 0,
    customersBefore: cleaning.customersBefore ?? 0,
    customersAfter: cleaning.customersAfter ?? 0,
    invoices: cleaning.invoicesAfter ?? 0,
    purchaseOrders: num(cleaning.purchaseOrders),
    purchaseOccasions: num(cleaning.purchaseOccasions),
    zeroValueOrders: num(cleaning.zeroValueOrders),
    currency: currency ?? ingest.reading?.currency ?? null,
    valueBasis,
    revenue,
    grossRevenue,
    refunds,
    refundsOnOrders: refunds === null ? null : Math.max(0, Math.round((refunds - refundLinesValue) * 100) / 100),
    netRevenue,
    refundBreakdown,
    analysedIn,
    countriesBasis: fromRun ? valueBasis : (cleaning.valueBasis ?? null),
    countriesRun: fromRun ? latest : null,
    firstDate: cleaning.firstDate ?? null,
    lastDate: cleaning.lastDate ?? null,
    returns: {
      lines: cleaning.returns?.lines ?? 0,
      customers: cleaning.returns?.customers ?? 0,
      value: cleaning.returns?.value ?? 0,
      matchedLines: num(cleaning.returns?.matchedLines),
      unmatchedLines: num(cleaning.returns?.unmatchedLines),
      unmatchedValue: num(cleaning.returns?.unmatchedValue),
    },
    topCountries: countries.sort((a, b) => b.revenue - a.revenue || (a.country < b.country ? -1 : 1)).slice(0, 10),
    reading,
  };
}

/** Each dataset's data-quality report and its runs' parameters in words, for the Data page. */
export async function getDatasetReports(): Promise<Record<number, DatasetReportDto>> {
  const db = await getDatabase();
  const [datasets, succeeded, latestRun] = await Promise.all([
    db.prisma.dataset.findMany({
      select: {
        id: true,
        currency: true,
        cleaningReport: true,
        ingestReport: true,
        runs: { select: { id: true, parameters: true, status: true, error: true }, orderBy: { id: 'desc' } },
      },
    }),
    db.sql.query<{ id: number; dataset_id: number; value_basis: string | null }>(
      `SELECT id::int AS id, dataset_id::int AS dataset_id, metrics ->> 'valueBasis' AS value_basis FROM run WHERE status = 'succeeded' ORDER BY id DESC`,
    ),
    // The country figures come from the run the pages show: the latest of all the data, not a monthly snapshot.
    findDefaultRunIds(db),
  ]);
  const analysedIn = new Map<number, Record<ValueBasis, number[]>>();
  for (const run of succeeded.rows) {
    const bases = analysedIn.get(run.dataset_id) ?? { net: [], gross: [] };
    // Runs stored before the value basis existed counted money gross.
    bases[run.value_basis === 'net' ? 'net' : 'gross'].push(run.id);
    analysedIn.set(run.dataset_id, bases);
  }
  const runCountries = await listRunCountries([...latestRun.values()]);
  return Object.fromEntries(
    datasets.map((d) => {
      const latest = latestRun.get(d.id);
      const lastRun = d.runs[0];
      return [
        d.id,
        {
          datasetId: d.id,
          quality: qualityOf(d.cleaningReport as Partial<StoredCleaningReport>, d.ingestReport as Partial<IngestReport>, {
            currency: d.currency,
            analysedIn: analysedIn.get(d.id),
            runCountries: latest === undefined ? null : (runCountries.get(latest) ?? []),
          }),
          analysisFailed: latest === undefined && lastRun?.status === 'failed' ? (lastRun.error ?? 'no reason was recorded.') : null,
          runParameters: Object.fromEntries(d.runs.map((r) => [r.id, describeRunParameters(r.parameters)])),
        },
      ];
    }),
  );
}

/** Customers and revenue per primary country of each run's customers, by run id. */
async function listRunCountries(runIds: number[]): Promise<Map<number, RunCountryDto[]>> {
  const byRun = new Map<number, RunCountryDto[]>();
  if (runIds.length === 0) return byRun;
  const db = await getDatabase();
  const { rows } = await db.sql.query<{ run_id: number; country: string; customers: number; revenue: number }>(
    `SELECT c.run_id::int AS run_id, c.country, count(*)::int AS customers, sum(c.monetary)::float8 AS revenue
       FROM customer_result c WHERE c.run_id = ANY($1::int[]) GROUP BY c.run_id, c.country`,
    [runIds],
  );
  for (const row of rows) {
    const list = byRun.get(row.run_id) ?? [];
    list.push({ country: row.country, customers: row.customers, revenue: row.revenue });
    byRun.set(row.run_id, list);
  }
  return byRun;
}
