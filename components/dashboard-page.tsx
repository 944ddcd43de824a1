import { Suspense, type ReactNode } from 'react';
import { FilterBar } from '@/components/filters/filter-bar';
import type { DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { listActiveRuns } from '@/lib/server/dashboard/get-overview';
import { resolveViewedRun, type ViewedRunDto } from '@/lib/server/dashboard/resolve-run';

/**
 * The frame every filtered dashboard page shares: the heading, the run being viewed (or why
 * there is none yet), the fallback notice for a run in the URL that has no results, and the
 * filter bar. `children` renders the page's sections for the resolved run.
 */
export async function DashboardPage({
  title,
  filters,
  subtitle = (run) => `${run.datasetName}, run #${run.runId}`,
  children,
}: {
  title: string;
  filters: DashboardFilters;
  subtitle?: (run: ViewedRunDto) => ReactNode;
  children: (run: ViewedRunDto) => ReactNode;
}) {
  const run = await resolveViewedRun(filters);
  if (!run) {
    const active = await listActiveRuns();
    return (
      <div>
        <h1 className="mb-2 text-2xl font-semibold">{title}</h1>
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">
          {active.length > 0
            ? `The first analysis is running (${Math.round(active[0].progress * 100)} %: ${active[0].message ?? 'starting'}). Reload in a moment.`
            : 'No analysis yet. Upload a transaction log on the Data page.'}
        </p>
      </div>
    );
  }
  return (
    <div>
      <h1 className="mb-2 text-2xl font-semibold">{title}</h1>
      <p className="mb-4 text-sm text-slate-500">{subtitle(run)}</p>
      {run.fellBack ? <p className="mb-4 text-sm text-amber-700">Run #{filters.run} has no results; showing the latest successful run.</p> : null}
      <Suspense fallback={<div className="mb-6 h-32 animate-pulse rounded-lg border border-slate-200 bg-white" />}>
        <FilterBar runId={run.runId} filters={filters} />
      </Suspense>
      {children(run)}
    </div>
  );
}
