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
  // Absolute: the root layout's title template does not reach the overview, which sits beside it.
  if (filters.run !== undefined && !(await resolveViewedRun(filters))) return { title: { absolute: `${NOT_FOUND_TITLE} · Segmenta` } };
  return { title };
}
