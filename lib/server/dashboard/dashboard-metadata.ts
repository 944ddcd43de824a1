import 'server-only';
import type { Metadata } from 'next';
import { NOT_FOUND_TITLE } from '../../format/page-title';
import type { DashboardFilters } from '../../schemas/dashboard-filters-schema';
import { resolveViewedRun } from './resolve-run';

/**
 * A dashboard page's metadata with `title`, or the "Not found" title when the URL names a run
 * that does not exist: the page answers 404 then, and its streamed title must not say "Overview".
 */
export async function dashboardMetadata(filters: DashboardFilters, title: NonNullable<Metadata['title']>): Promise<Metadata> {
  if (filters.run !== undefined && !(await resolveViewedRun(filters))) return { title: NOT_FOUND_TITLE };
  return { title };
}
