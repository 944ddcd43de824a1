import { Suspense } from 'react';
import { FilterBar } from '@/components/filters/filter-bar';
import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { listActiveRuns } from '@/lib/server/dashboard/get-overview';
import { resolveViewedRun } from '@/lib/server/dashboard/resolve-run';
import { EmptyState, SectionSkeleton } from './section';
import { RfmGridSection } from './rfm-grid-section';
import { SegmentRulesSection } from './segment-rules-section';
import { SegmentSummarySection } from './segment-summary-section';

export const dynamic = 'force-dynamic';

export default async function SegmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = parseDashboardFilters(await searchParams);
  const run = await resolveViewedRun(filters);
  if (!run) {
    const active = await listActiveRuns();
    return (
      <div>
        <h1 className="mb-2 text-2xl font-semibold">Segments</h1>
        <EmptyState>
          {active.length > 0 ? 'The first analysis is still running. Reload in a moment.' : 'No analysis yet. Upload a transaction log on the Data page.'}
        </EmptyState>
      </div>
    );
  }
  const key = JSON.stringify(filters);
  return (
    <div>
      <h1 className="mb-2 text-2xl font-semibold">Segments</h1>
      <p className="mb-4 text-sm text-slate-500">
        RFM segments of {run.datasetName}, run #{run.runId}
      </p>
      {run.fellBack ? <p className="mb-4 text-sm text-amber-700">Run #{filters.run} has no results; showing the latest successful run.</p> : null}
      <Suspense fallback={<div className="mb-6 h-32 animate-pulse rounded-lg border border-slate-200 bg-white" />}>
        <FilterBar runId={run.runId} filters={filters} />
      </Suspense>
      <Suspense key={`summary${key}`} fallback={<SectionSkeleton title="Segment summary" height="h-80" />}>
        <SegmentSummarySection runId={run.runId} filters={filters} />
      </Suspense>
      <Suspense key={`grid${key}`} fallback={<SectionSkeleton title="Recency x frequency" height="h-96" />}>
        <RfmGridSection runId={run.runId} filters={filters} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="Segment rules" />}>
        <SegmentRulesSection runId={run.runId} />
      </Suspense>
    </div>
  );
}
