import { describeMovedFrom } from '../../format/describe-moved-from';
import { formatMoney } from '../../format/format-number';
import { filtersToSearchParams, parseStoredFilters, type DashboardFilters } from '../../schemas/dashboard-filters-schema';

/** Search params as stored in JSON (audience.filter, export_log.filter): a key, one value or several. */
export type FilterRecord = Record<string, string | string[]>;

/** Filters to their search-param form, to store as JSON and read back with recordToFilters. */
export function filtersToRecord(filters: Partial<DashboardFilters>): FilterRecord {
  const record: FilterRecord = {};
  for (const [key, value] of filtersToSearchParams(filters)) {
    const existing = record[key];
    record[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return record;
}

/** Stored JSON to the search-param record it was written from; anything that is not a string is left out. */
function jsonToRecord(json: unknown): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    for (const [key, value] of Object.entries(json)) {
      if (typeof value === 'string') record[key] = value;
      else if (Array.isArray(value)) record[key] = value.filter((v): v is string => typeof v === 'string');
    }
  }
  return record;
}

/** Stored JSON back to filters; anything unreadable is dropped, as with a broken link (for describing a logged export). */
export function recordToFilters(json: unknown): DashboardFilters {
  return parseStoredFilters(jsonToRecord(json)).filters;
}

/**
 * A stored filter (audience.filter) checked as it is read: the filters, or what makes it invalid
 * (a value the schema refuses, such as 1.5 orders or a NUL in a country). An invalid one is never
 * counted or exported with the broken part silently left out.
 */
export function readStoredFilter(json: unknown): { filters: DashboardFilters; problems: string[] } {
  if (json !== null && json !== undefined && (typeof json !== 'object' || Array.isArray(json))) {
    return { filters: parseStoredFilters({}).filters, problems: ['The saved filter is not a set of filters.'] };
  }
  return parseStoredFilters(jsonToRecord(json));
}

const METHOD_LABEL = { kmeans: 'k-means', gmm: 'Gaussian mixture', hierarchical: 'hierarchical' } as const;

/**
 * "Country: France, Germany; Combined: At Risk · Champions; CLV ≥ £100.00" or "All customers";
 * the minimum CLV in `currency` (ISO 4217) as the filter bar writes it, a bare amount without one.
 */
export function describeFilters(filters: DashboardFilters, currency: string | null = null): string {
  const parts: string[] = [];
  if (filters.country.length > 0) parts.push(`Country: ${filters.country.join(', ')}`);
  if (filters.segment.length > 0) parts.push(`Segment: ${filters.segment.join(', ')}`);
  if (filters.combined.length > 0) parts.push(`Combined: ${filters.combined.join(', ')}`);
  if (filters.minClv !== undefined) parts.push(`CLV ≥ ${formatMoney(filters.minClv, currency)}`);
  if (filters.minFrequency !== undefined) parts.push(`Orders ≥ ${filters.minFrequency}`);
  if (filters.cluster.length > 0) parts.push(`${METHOD_LABEL[filters.method]} cluster ${filters.cluster.join(', ')}`);
  if (filters.churn.length > 0) parts.push(`Churn status: ${filters.churn.join(', ')}`);
  if (filters.movedFrom) parts.push(describeMovedFrom(filters.movedFrom, 'segment'));
  if (filters.churnFrom) parts.push(describeMovedFrom(filters.churnFrom, 'churn status'));
  return parts.length > 0 ? parts.join('; ') : 'All customers';
}
