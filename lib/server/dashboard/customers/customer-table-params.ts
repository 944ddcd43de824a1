import { z } from 'zod';
import '../../../schemas/zod-config';
import { plainText } from '../../../schemas/text-rules';
import { filtersToSearchParams, type DashboardFilters } from '../../../schemas/dashboard-filters-schema';

/** Columns the customers table sorts by; anything else in ?sort= falls back to the default. */
export const CUSTOMER_SORT_COLUMNS = ['customerId', 'country', 'segment', 'combinedSegment', 'cluster', 'rfm', 'recency', 'frequency', 'monetary', 'clv', 'pAlive', 'lastPurchase'] as const;
export type CustomerSortColumn = (typeof CUSTOMER_SORT_COLUMNS)[number];
export type SortDirection = 'asc' | 'desc';

export const CUSTOMERS_PER_PAGE = 50;

/** The direction a first click on a column header sorts in: best or largest first. */
export const DEFAULT_SORT_DIRECTION: Readonly<Record<CustomerSortColumn, SortDirection>> = {
  customerId: 'asc',
  country: 'asc',
  segment: 'asc',
  combinedSegment: 'asc',
  cluster: 'asc',
  rfm: 'desc',
  recency: 'asc',
  frequency: 'desc',
  monetary: 'desc',
  clv: 'desc',
  pAlive: 'desc',
  lastPurchase: 'desc',
};

const last = (value: unknown) => (Array.isArray(value) ? value.at(-1) : value);

/** ?sort=clv&dir=desc&page=2&q=123 of the customers table, next to the shared dashboard filters. */
export const customerTableParamsSchema = z.object({
  sort: z.preprocess(last, z.enum(CUSTOMER_SORT_COLUMNS)).catch('customerId'),
  dir: z.preprocess(last, z.enum(['asc', 'desc']).optional()).catch(undefined),
  page: z.preprocess(last, z.coerce.number().int().min(1).max(1_000_000)).catch(1),
  q: z.preprocess(
    last,
    z
      .string()
      .trim()
      .pipe(plainText('The customer search', 64))
      .optional()
      .transform((v) => (v ? v : undefined)),
  ),
});

export interface CustomerTableParams {
  sort: CustomerSortColumn;
  dir: SortDirection;
  page: number;
  q: string | undefined;
  /** What was wrong with the search and left out, in words for the page; absent when nothing was. */
  notices?: readonly string[];
}

/** Search params to table params; bad values fall back to the defaults instead of failing the page. */
export function parseCustomerTableParams(searchParams: Record<string, string | string[] | undefined>): CustomerTableParams {
  const checked = customerTableParamsSchema.safeParse(searchParams);
  const parsed = checked.success ? checked.data : customerTableParamsSchema.parse({ ...searchParams, q: undefined });
  const table = { sort: parsed.sort, dir: parsed.dir ?? DEFAULT_SORT_DIRECTION[parsed.sort], page: parsed.page, q: parsed.q };
  const notices = checked.success ? [] : checked.error.issues.map((i) => i.message);
  // A sort or direction the table does not know falls back to the default: say so.
  const askedSort = last(searchParams.sort);
  if (typeof askedSort === 'string' && askedSort.trim() !== '' && askedSort !== parsed.sort) {
    notices.push(`The table cannot be sorted by "${askedSort.slice(0, 40)}": it is sorted by customer instead.`);
  }
  const askedDir = last(searchParams.dir);
  if (typeof askedDir === 'string' && askedDir.trim() !== '' && askedDir !== parsed.dir) {
    notices.push(`"${askedDir.slice(0, 20)}" is not a sort direction (asc or desc): the column's usual direction is used.`);
  }
  // A page the schema could not read falls back to page 1: say so rather than show page 1 as asked.
  const askedPage = last(searchParams.page);
  if (typeof askedPage === 'string' && askedPage.trim() !== '' && parsed.page === 1 && Number(askedPage) !== 1) {
    notices.push(`Page "${askedPage.slice(0, 20)}" is not a page number from 1 to 1,000,000: the first page is shown.`);
  }
  return notices.length === 0 ? table : { ...table, notices: [...new Set(notices)] };
}

/** The query of a customers-table view: the shared filters first, then the table's own params (defaults left out). */
export function customerTableQuery(filters: Partial<DashboardFilters>, table: Partial<CustomerTableParams>): string {
  const params = filtersToSearchParams(filters);
  if (table.q) params.set('q', table.q);
  const sort = table.sort ?? 'customerId';
  if (sort !== 'customerId') params.set('sort', sort);
  if (table.dir && table.dir !== DEFAULT_SORT_DIRECTION[sort]) params.set('dir', table.dir);
  if (table.page && table.page > 1) params.set('page', String(table.page));
  return params.toString();
}

/** A customers-table URL: the shared filters first, then the table's own params (defaults left out). */
export function customerTableHref(filters: Partial<DashboardFilters>, table: Partial<CustomerTableParams>): string {
  const query = customerTableQuery(filters, table);
  return query ? `/customers?${query}` : '/customers';
}

/** A customer's page that remembers the table view it was opened from, so "All customers" goes back to it. */
export function customerHref(customerId: string, filters: Partial<DashboardFilters>, table: Partial<CustomerTableParams>): string {
  const query = customerTableQuery(filters, table);
  return `/customers/${encodeURIComponent(customerId)}${query ? `?${query}` : ''}`;
}
