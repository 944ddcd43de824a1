import { z } from 'zod';

const CLUSTER_METHODS = ['kmeans', 'gmm', 'hierarchical'] as const;

const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter((v) => v.length > 0));

/** A repeated single-valued param (?minClv=1&minClv=2) keeps its last value. */
const last = (value: unknown) => (Array.isArray(value) ? value.at(-1) : value);

const optionalNumber = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return undefined;
      const number = Number(value);
      if (!Number.isFinite(number)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return number;
    });

/**
 * The filters of every dashboard page, read from the URL's search params so a view can be
 * bookmarked, shared and reloaded: ?country=France&country=Germany&minClv=100&segment=Champions
 * &combined=At+Risk+·+Loyal+Customers
 */
export const dashboardFiltersSchema = z.object({
  run: z.preprocess(last, optionalNumber('The run must be a number.')).refine((v) => v === undefined || (Number.isInteger(v) && v > 0), 'The run must be a positive whole number.'),
  country: many,
  segment: many,
  /** Churn status with RFM segment, as stored in customer_result.combined_segment: "At Risk · Loyal Customers". */
  combined: many,
  minClv: z.preprocess(last, optionalNumber('The minimum CLV must be a number.')),
  minFrequency: z.preprocess(last, optionalNumber('The minimum frequency must be a number.')),
  method: z.preprocess(last, z.enum(CLUSTER_METHODS)).catch('kmeans'),
  cluster: many.transform((values) => values.map(Number).filter((v) => Number.isInteger(v) && v >= 0)),
});

export type DashboardFilters = z.output<typeof dashboardFiltersSchema>;
export type ClusterMethodFilter = (typeof CLUSTER_METHODS)[number];

/** Search params (as Next gives them to a page) to filters; unknown or bad values are dropped. */
export function parseDashboardFilters(searchParams: Record<string, string | string[] | undefined>): DashboardFilters {
  const parsed = dashboardFiltersSchema.safeParse(searchParams);
  if (parsed.success) return parsed.data;
  // Keep what is valid: a broken link still opens, without the broken filter.
  const cleaned = { ...searchParams };
  for (const issue of parsed.error.issues) delete cleaned[String(issue.path[0])];
  return dashboardFiltersSchema.parse(cleaned);
}

/** Filters back to a query string, in a stable order, for links and the filter bar. */
export function filtersToSearchParams(filters: Partial<DashboardFilters>): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.run !== undefined) params.set('run', String(filters.run));
  for (const c of filters.country ?? []) params.append('country', c);
  for (const s of filters.segment ?? []) params.append('segment', s);
  for (const s of filters.combined ?? []) params.append('combined', s);
  if (filters.minClv !== undefined) params.set('minClv', String(filters.minClv));
  if (filters.minFrequency !== undefined) params.set('minFrequency', String(filters.minFrequency));
  if (filters.method && filters.method !== 'kmeans') params.set('method', filters.method);
  for (const k of filters.cluster ?? []) params.append('cluster', String(k));
  return params;
}
