import type { DashboardFilters } from '../schemas/dashboard-filters-schema';
import { formatCount } from './format-number';

/**
 * The browser title of a page in its state, without the product name (the root layout's title
 * template appends " · Segmenta"): "Customers · France · Champions", "Overview · 3 countries".
 */
export function pageTitle(section: string, filters?: Partial<Pick<DashboardFilters, 'country' | 'segment' | 'combined' | 'cluster'>>): string {
  const parts = [section];
  const name = (values: readonly (string | number)[] | undefined, noun: string) => {
    if (!values || values.length === 0) return;
    parts.push(values.length <= 2 ? values.join(', ') : formatCount(values.length, noun));
  };
  name(filters?.country, 'country');
  if (filters?.country && filters.country.length > 2) parts[parts.length - 1] = formatCount(filters.country.length, 'country', 'countries');
  name(filters?.segment, 'segment');
  name(filters?.combined, 'combined segment');
  if (filters?.cluster && filters.cluster.length > 0) parts.push(filters.cluster.length === 1 ? `cluster ${filters.cluster[0]}` : formatCount(filters.cluster.length, 'cluster'));
  return parts.join(' · ');
}

/** The browser title of every "Not found" page (the layout appends " · Segmenta"). */
export const NOT_FOUND_TITLE = 'Not found';
