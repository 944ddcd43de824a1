import { z } from 'zod';
import './zod-config';
import { MAX_INT32, MAX_INT32_TEXT } from './text-rules';

/** The columns an export may contain, in the order they are written. */
export const EXPORT_COLUMNS = [
  'customer_id',
  'country',
  'segment',
  'cluster',
  'cluster_name',
  'r_score',
  'f_score',
  'm_score',
  'rfm_code',
  'recency',
  'frequency',
  'monetary',
  'average_order_value',
  'clv',
  'clv_lower',
  'clv_upper',
  'currency',
  'p_alive',
  'expected_purchases',
  'first_purchase',
  'last_purchase',
  'churn_status',
  'churn_basis',
  'combined_segment',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

export const DEFAULT_EXPORT_COLUMNS: readonly ExportColumn[] = [
  'customer_id',
  'country',
  'segment',
  'cluster',
  'cluster_name',
  'rfm_code',
  'recency',
  'frequency',
  'monetary',
  'clv',
  'currency',
  'p_alive',
  'churn_status',
];

export const EXPORT_COLUMN_LABELS: Record<ExportColumn, string> = {
  customer_id: 'Customer id',
  country: 'Country',
  segment: 'RFM segment',
  cluster: 'Cluster',
  cluster_name: 'Cluster name',
  r_score: 'R score',
  f_score: 'F score',
  m_score: 'M score',
  rfm_code: 'RFM code',
  recency: 'Recency (days)',
  frequency: 'Frequency (orders)',
  currency: 'Currency',
  monetary: 'Monetary',
  average_order_value: 'Average order value',
  clv: 'CLV',
  clv_lower: 'CLV lower bound',
  clv_upper: 'CLV upper bound',
  p_alive: 'P(alive) (0 to 1)',
  expected_purchases: 'Expected purchases',
  first_purchase: 'First purchase',
  last_purchase: 'Last purchase',
  churn_status: 'Churn status',
  churn_basis: 'Churn status basis',
  combined_segment: 'Combined segment',
};

/** The customers table's params an export reads beside the filters, so it holds the table's rows in the table's order. */
export const EXPORT_TABLE_PARAMS = ['q', 'sort', 'dir'] as const;

const last = (value: unknown) => (Array.isArray(value) ? value.at(-1) : value);

/**
 * The export-specific params of GET /api/exports (the dashboard filters are read by
 * dashboardFiltersSchema and the table's search and sort by the customers table's params from
 * the same query): ?columns=customer_id,clv&audience=3
 */
export const exportRequestSchema = z.object({
  columns: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value, ctx) => {
      const names = (value === undefined ? [] : Array.isArray(value) ? value : [value])
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter((v) => v.length > 0);
      if (names.length === 0) return [...DEFAULT_EXPORT_COLUMNS];
      const unknown = names.filter((n) => !(EXPORT_COLUMNS as readonly string[]).includes(n));
      if (unknown.length > 0) {
        ctx.addIssue({ code: 'custom', message: `Unknown export column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Choose from ${EXPORT_COLUMNS.join(', ')}.` });
        return z.NEVER;
      }
      // The order asked for, each once.
      return [...new Set(names)] as ExportColumn[];
    }),
  audience: z.preprocess(
    last,
    z
      .string()
      .trim()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value === '') return undefined;
        const id = /^\d+$/.test(value) ? Number(value) : NaN;
        if (!Number.isInteger(id) || id < 1 || id > MAX_INT32) {
          ctx.addIssue({ code: 'custom', message: `The audience must be a whole number from 1 to ${MAX_INT32_TEXT}.` });
          return z.NEVER;
        }
        return id;
      }),
  ),
});

export type ExportRequest = z.output<typeof exportRequestSchema>;
