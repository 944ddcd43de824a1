import { Suspense } from 'react';
import { FilterBar } from '@/components/filters/filter-bar';
import { parseDashboardFilters, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { CLUSTER_METHOD_LABELS } from '@/lib/server/dashboard/clusters/cluster-column';
import { getClusterDiagnostics } from '@/lib/server/dashboard/clusters/get-cluster-diagnostics';
import { listActiveRuns } from '@/lib/server/dashboard/get-overview';
import { resolveViewedRun } from '@/lib/server/dashboard/resolve-run';
import { EmptyState, SectionSkeleton } from '../segments/section';
import { ClusterProfilesSection } from './cluster-profiles-section';
import { ClusterScatterSection } from './cluster-scatter-section';
import { ClvBoxPlotSection } from './clv-box-plot-section';
import { KDiagnosticsSection } from './k-diagnostics-section';
import { MethodSelector } from './method-selector';

export const dynamic = 'force-dynamic';

/** The diagnostics decide whether the cluster sections have anything to show. */
async function ClusterSections({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const diagnostics = await getClusterDiagnostics(runId, filters.method);
  const clustered = diagnostics.status === 'done' && diagnostics.method !== null;
  const key = JSON.stringify(filters);
  return (
    <>
      <KDiagnosticsSection diagnostics={diagnostics} method={filters.method} />
      {clustered ? (
        <Suspense key={`profiles${key}`} fallback={<SectionSkeleton title="Cluster profiles" height="h-40" />}>
          <ClusterProfilesSection runId={runId} filters={filters} />
        </Suspense>
      ) : null}
      <Suspense key={`scatter${key}`} fallback={<SectionSkeleton title="Customers by cluster" height="h-96" />}>
        <ClusterScatterSection runId={runId} filters={filters} />
      </Suspense>
    </>
  );
}

export default async function ClustersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = parseDashboardFilters(await searchParams);
  const run = await resolveViewedRun(filters);
  if (!run) {
    const active = await listActiveRuns();
    return (
      <div>
        <h1 className="mb-2 text-2xl font-semibold">Clusters</h1>
        <EmptyState>
          {active.length > 0 ? 'The first analysis is still running. Reload in a moment.' : 'No analysis yet. Upload a transaction log on the Data page.'}
        </EmptyState>
      </div>
    );
  }
  const key = JSON.stringify(filters);
  return (
    <div>
      <h1 className="mb-2 text-2xl font-semibold">Clusters</h1>
      <p className="mb-4 text-sm text-slate-500">
        {CLUSTER_METHOD_LABELS[filters.method]} clusters of {run.datasetName}, run #{run.runId}
      </p>
      {run.fellBack ? <p className="mb-4 text-sm text-amber-700">Run #{filters.run} has no results; showing the latest successful run.</p> : null}
      <Suspense fallback={<div className="mb-6 h-32 animate-pulse rounded-lg border border-slate-200 bg-white" />}>
        <FilterBar runId={run.runId} filters={filters} />
      </Suspense>
      <MethodSelector filters={filters} />
      <Suspense key={`clusters${key}`} fallback={<SectionSkeleton title="Choosing k" height="h-72" />}>
        <ClusterSections runId={run.runId} filters={filters} />
      </Suspense>
      <Suspense key={`clv${key}`} fallback={<SectionSkeleton title="CLV by segment" />}>
        <ClvBoxPlotSection runId={run.runId} filters={filters} />
      </Suspense>
    </div>
  );
}
