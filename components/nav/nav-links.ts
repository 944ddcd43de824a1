import { FILTER_PARAMS } from '@/lib/schemas/dashboard-filters-schema';

/** The main menu: the dashboard pages carry the run and the filters, the others the run only. */
export const NAV_ITEMS = [
  { href: '/', label: 'Overview', carries: 'filters' },
  { href: '/segments', label: 'Segments', carries: 'filters' },
  { href: '/clusters', label: 'Clusters', carries: 'filters' },
  { href: '/lifetime-value', label: 'Lifetime value', carries: 'filters' },
  { href: '/customers', label: 'Customers', carries: 'filters' },
  { href: '/audiences', label: 'Audiences', carries: 'run' },
  { href: '/data', label: 'Data', carries: 'run' },
] as const;

/** A menu link from the current URL's params: the run (and, for dashboard pages, the filters) travel; a page's own params (search, sort, page) stay behind. */
export function navHref(item: (typeof NAV_ITEMS)[number], current: URLSearchParams): string {
  const keep: readonly string[] = item.carries === 'filters' ? FILTER_PARAMS : ['run'];
  const params = new URLSearchParams();
  for (const [key, value] of current) if (keep.includes(key)) params.append(key, value);
  const query = params.toString();
  return query ? `${item.href}?${query}` : item.href;
}
