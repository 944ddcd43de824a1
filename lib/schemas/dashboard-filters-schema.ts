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

/** The run id a malformed ?run= reads as: no run has it, so the page answers 404 instead of showing another run. */
export const NO_SUCH_RUN = 0;

// Run ids are PostgreSQL integers: 1 to 2^31 - 1.
const MAX_RUN_ID = 2_147_483_647;

const runParam = z
  .string()
  .trim()
  .optional()
  .catch(String(NO_SUCH_RUN))
  .transform((value) => {
    if (value === undefined || value === '') return undefined;
    const id = /^\d+$/.test(value) ? Number(value) : NaN;
    return Number.isSafeInteger(id) && id >= 1 && id <= MAX_RUN_ID ? id : NO_SUCH_RUN;
  });

/**
 * The filters of every dashboard page, read from the URL's search params so a view can be
 * bookmarked, shared and reloaded: ?country=France&country=Germany&minClv=100&segment=Champions
 * &combined=At+Risk+·+Loyal+Customers
 */
export const dashboardFiltersSchema = z.object({
  /** The viewed run; NO_SUCH_RUN when the URL names one that cannot exist (abc, -1, 1.5, 2147483648). */
  run: z.preprocess(last, runParam),
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

/** The search params the dashboard filters own; everything else in the URL (search, sort) belongs to the page. */
export const FILTER_PARAMS = ['run', 'country', 'segment', 'combined', 'minClv', 'minFrequency', 'method', 'cluster'] as const;

/**
 * The current URL with its filters replaced by `filters`: the page's own params (the customer
 * search, the sort) stay, the page number goes, since the rows it pointed at have moved.
 */
export function patchFiltersHref(pathname: string, current: URLSearchParams, filters: Partial<DashboardFilters>): string {
  const params = filtersToSearchParams(filters);
  for (const [key, value] of current) {
    if (key === 'page' || (FILTER_PARAMS as readonly string[]).includes(key)) continue;
    params.append(key, value);
  }
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}
