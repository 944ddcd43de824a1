import { z } from 'zod';
import './zod-config';
import { hasControlCharacter, MAX_INT32, MAX_INT32_TEXT, plainText } from './text-rules';

const CLUSTER_METHODS = ['kmeans', 'gmm', 'hierarchical'] as const;

// At most this many values in a multi-valued filter, each at most this long: more is no filter a person chose.
const MAX_VALUES = 500;
const MAX_VALUE_LENGTH = 200;

const many = (what: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter((v) => v.length > 0))
    .pipe(z.array(plainText(what, MAX_VALUE_LENGTH)).max(MAX_VALUES, `${what} filter has more than ${MAX_VALUES} values.`));

/** A repeated single-valued param (?minClv=1&minClv=2) keeps its last value. */
const last = (value: unknown) => (Array.isArray(value) ? value.at(-1) : value);

// CLV is money; a trillion is beyond any customer and keeps the value an ordinary float.
const MAX_CLV = 1e12;

const optionalNumber = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return undefined;
      const number = Number(value);
      if (!Number.isFinite(number) || Math.abs(number) > MAX_CLV) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return number;
    });

/**
 * A whole-number filter (orders): `fractions: 'round-up'` reads 1.5 as 2 (a URL typed by hand),
 * 'refuse' calls it invalid (a stored filter, which the app only ever wrote as a whole number).
 */
const optionalCount = (message: string, fractions: 'round-up' | 'refuse') =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return undefined;
      const number = Number(value);
      const count = fractions === 'round-up' ? Math.ceil(number) : number;
      if (!Number.isInteger(count) || count < 0 || count > MAX_INT32) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return count;
    });

/** The run id a malformed ?run= reads as: no run has it, so the page answers 404 instead of showing another run. */
export const NO_SUCH_RUN = 0;

const runParam = z
  .string()
  .trim()
  .optional()
  .catch(String(NO_SUCH_RUN))
  .transform((value) => {
    if (value === undefined || value === '') return undefined;
    const id = /^\d+$/.test(value) ? Number(value) : NaN;
    return Number.isSafeInteger(id) && id >= 1 && id <= MAX_INT32 ? id : NO_SUCH_RUN;
  });

// Cluster numbers are small (k is at most 50); anything else names no cluster.
const MAX_CLUSTER = 999;

const clusterParam = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value, ctx) => {
    const values = (value === undefined ? [] : Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter((v) => v.length > 0);
    if (values.length > MAX_VALUES || values.some((v) => !/^\d+$/.test(v) || Number(v) > MAX_CLUSTER)) {
      ctx.addIssue({ code: 'custom', message: `A cluster is a whole number from 0 to ${MAX_CLUSTER}.` });
      return z.NEVER;
    }
    return values.map(Number);
  });

/** A customer's label in an earlier run of the dataset: `label` '' means the customer was not in that run (new since). */
export interface MovedFromFilter {
  runId: number;
  label: string;
}

/** ?movedFrom=12:Champions (was a Champion in run 12), ?movedFrom=12: (not in run 12: new since). */
const movedFromParam = (what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): MovedFromFilter | undefined => {
      if (value === undefined || value === '') return undefined;
      const match = /^(\d{1,10}):(.*)$/s.exec(value);
      const runId = match ? Number(match[1]) : NaN;
      const label = match?.[2].trim() ?? '';
      if (!match || runId < 1 || runId > MAX_INT32 || label.length > MAX_VALUE_LENGTH || hasControlCharacter(label)) {
        ctx.addIssue({ code: 'custom', message: `${what} is a run number, a colon and a name, such as 12:Champions.` });
        return z.NEVER;
      }
      return { runId, label };
    });

function filtersSchema(fractions: 'round-up' | 'refuse') {
  return z.object({
    /** The viewed run; NO_SUCH_RUN when the URL names one that cannot exist (abc, -1, 1.5, 2147483648). */
    run: z.preprocess(last, runParam),
    country: many('The country'),
    segment: many('The segment'),
    /** Churn status with RFM segment, as stored in customer_result.combined_segment: "At Risk · Loyal Customers". */
    combined: many('The combined segment'),
    minClv: z.preprocess(last, optionalNumber(`The minimum CLV must be an amount such as 250, between minus one trillion and one trillion (${MAX_CLV.toLocaleString('en-US')}).`)),
    minFrequency: z.preprocess(
      last,
      optionalCount(
        fractions === 'round-up'
          ? `The minimum number of orders must be a whole number from 0 to ${MAX_INT32_TEXT}.`
          : 'The minimum number of orders is not a whole number.',
        fractions,
      ),
    ),
    method: z
      .preprocess(last, z.enum(CLUSTER_METHODS, { error: 'The clustering method is kmeans, gmm or hierarchical; k-means is shown.' }).optional())
      .transform((method) => method ?? 'kmeans'),
    cluster: clusterParam,
    /** Churn status in the viewed run: Active, At Risk, Churned. */
    churn: many('The churn status'),
    /** RFM segment in an earlier run (a snapshot) of the dataset: the customers who moved from it. */
    movedFrom: z.preprocess(last, movedFromParam('The earlier segment')),
    /** Churn status in an earlier run of the dataset. */
    churnFrom: z.preprocess(last, movedFromParam('The earlier churn status')),
  });
}

/**
 * The filters of every dashboard page, read from the URL's search params so a view can be
 * bookmarked, shared and reloaded: ?country=France&country=Germany&minClv=100&segment=Champions
 * &combined=At+Risk+·+Loyal+Customers. A fractional minimum of orders is rounded up.
 */
export const dashboardFiltersSchema = filtersSchema('round-up');

/** The filter an audience stored: as the URL's, but a value the app would never have written (1.5 orders) makes it invalid. */
export const storedFiltersSchema = filtersSchema('refuse');

export type DashboardFilters = z.output<typeof dashboardFiltersSchema> & {
  /** What was wrong in the URL and left out of the filters, in words for the page; absent when nothing was. */
  notices?: readonly string[];
};
export type ClusterMethodFilter = (typeof CLUSTER_METHODS)[number];

type RawParams = Record<string, string | string[] | undefined>;

/** Parse with `schema`; each broken filter is left out and named in `problems`, the valid ones kept. */
function parseLeniently(schema: typeof dashboardFiltersSchema, searchParams: RawParams): { filters: z.output<typeof dashboardFiltersSchema>; problems: string[] } {
  const parsed = schema.safeParse(searchParams);
  if (parsed.success) return { filters: parsed.data, problems: [] };
  const cleaned = { ...searchParams };
  for (const issue of parsed.error.issues) delete cleaned[String(issue.path[0])];
  const problems = [...new Set(parsed.error.issues.map((issue) => issue.message))];
  return { filters: schema.parse(cleaned), problems };
}

/** URLSearchParams (several values per key) to the record parseDashboardFilters reads. */
export function searchParamsToRecord(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? values[0] : values;
  }
  return record;
}

/** Search params (as Next gives them to a page) to filters; a broken filter is left out and named in `notices`, so the page still opens. */
export function parseDashboardFilters(searchParams: RawParams): DashboardFilters {
  const { filters, problems } = parseLeniently(dashboardFiltersSchema, searchParams);
  return problems.length > 0 ? { ...filters, notices: problems } : filters;
}

/** A stored filter (an audience) read back: its filters, or what makes it invalid. Never throws. */
export function parseStoredFilters(record: RawParams): { filters: DashboardFilters; problems: string[] } {
  return parseLeniently(storedFiltersSchema, record);
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
  for (const c of filters.churn ?? []) params.append('churn', c);
  if (filters.movedFrom) params.set('movedFrom', `${filters.movedFrom.runId}:${filters.movedFrom.label}`);
  if (filters.churnFrom) params.set('churnFrom', `${filters.churnFrom.runId}:${filters.churnFrom.label}`);
  return params;
}

/** The search params the dashboard filters own; everything else in the URL (search, sort) belongs to the page. */
export const FILTER_PARAMS = ['run', 'country', 'segment', 'combined', 'minClv', 'minFrequency', 'method', 'cluster', 'churn', 'movedFrom', 'churnFrom'] as const;

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

/** The page's own params that compare the viewed run with another run (Segments' snapshot movement). */
const COMPARISON_PARAMS = ['since'];

/**
 * Where the run switcher's choice of `target` leads from the current page, which shows run
 * `viewedRunId`. The viewed run's own link keeps the URL (but the page number). Another run of the
 * viewed dataset keeps the view: its filters (countries, segments, churn statuses, minimums and
 * the clustering method name the same things in every run of a dataset), the customer search and
 * the sort; it drops cluster numbers, which name clusters of the run they were chosen in, and
 * comparisons with an earlier snapshot (movedFrom, churnFrom, since), which are relative to the
 * viewed run. A run of another dataset opens without filters, whose values belong to other data.
 */
export function switchRunHref(pathname: string, current: URLSearchParams, target: { runId: number; sameDataset: boolean; viewedRunId: number }): string {
  if (!target.sameDataset) return `${pathname}?run=${target.runId}`;
  const filters = parseDashboardFilters(searchParamsToRecord(current));
  if (target.runId === target.viewedRunId) return patchFiltersHref(pathname, current, { ...filters, run: target.runId });
  const kept = new URLSearchParams([...current].filter(([key]) => !COMPARISON_PARAMS.includes(key)));
  return patchFiltersHref(pathname, kept, { ...filters, run: target.runId, cluster: [], movedFrom: undefined, churnFrom: undefined });
}
