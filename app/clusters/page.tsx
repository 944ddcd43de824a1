import { Suspense } from 'react';
import { parseDashboardFilters, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { CLUSTER_METHOD_LABELS } from '@/lib/server/dashboard/clusters/cluster-column';
import { getClusterDiagnostics } from '@/lib/server/dashboard/clusters/get-cluster-diagnostics';
import { SectionSkeleton } from '@/components/ui/section';
import { ClusterProfilesSection } from './cluster-profiles-section';
import { ClusterScatterSection } from './cluster-scatter-section';
import { ClvBoxPlotSection } from './clv-box-plot-section';
import { KDiagnosticsSection } from './k-diagnostics-section';
import { MethodSelector } from './method-selector';
import { DashboardPage } from '@/components/dashboard-page';

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
  const key = JSON.stringify(filters);
  return (
    <DashboardPage
      title="Clusters"
      filters={filters}
      subtitle={(run) => `${CLUSTER_METHOD_LABELS[filters.method]} clusters of ${run.datasetName}, run #${run.runId}`}
    >
      {(run) => (
        <>
          <MethodSelector filters={filters} />
          <Suspense key={`clusters${key}`} fallback={<SectionSkeleton title="Choosing k" height="h-72" />}>
            <ClusterSections runId={run.runId} filters={filters} />
          </Suspense>
          <Suspense key={`clv${key}`} fallback={<SectionSkeleton title="CLV by segment" />}>
            <ClvBoxPlotSection runId={run.runId} filters={filters} />
          </Suspense>
        </>
      )}
    </DashboardPage>
  );
}
