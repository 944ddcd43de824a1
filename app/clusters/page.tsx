import { pageTitle } from '@/lib/format/page-title';
import { dashboardMetadata } from '@/lib/server/dashboard/dashboard-metadata';
import { Suspense } from 'react';
import { parseDashboardFilters, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { getClusterDiagnostics } from '@/lib/server/dashboard/clusters/get-cluster-diagnostics';
import { resolveClusterMethod } from '@/lib/server/dashboard/clusters/resolve-cluster-method';
import { SectionSkeleton } from '@/components/ui/section';
import { ClusterProfilesSection } from './cluster-profiles-section';
import { ClusterScatterSection } from './cluster-scatter-section';
import { ClvBoxPlotSection } from './clv-box-plot-section';
import { KDiagnosticsSection } from './k-diagnostics-section';
import { MethodSelector } from './method-selector';
import { DashboardPage } from '@/components/dashboard-page';
import { requirePageRole } from '@/lib/server/auth/current-user';

export const dynamic = 'force-dynamic';

/** The diagnostics decide which method is shown (the URL's, or one the run has) and whether the cluster sections have anything to show. */
async function ClusterSections({ runId, requested }: { runId: number; requested: DashboardFilters }) {
  const diagnostics = await getClusterDiagnostics(runId);
  const { filters, note } = resolveClusterMethod(diagnostics, requested);
  const clustered = diagnostics.status === 'done' && diagnostics.methods[filters.method].status === 'done';
  const key = JSON.stringify(filters);
  return (
    <>
      <MethodSelector filters={filters} methods={diagnostics.status === 'done' ? diagnostics.methods : null} />
      {note ? (
        <p role="status" className="mb-4 rounded bg-amber-50 p-3 text-sm text-amber-900">
          {note}
        </p>
      ) : null}
      <KDiagnosticsSection diagnostics={diagnostics} method={filters.method} />
      {clustered ? (
        <Suspense key={`profiles${key}`} fallback={<SectionSkeleton title="Cluster profiles" height="h-40" />}>
          <ClusterProfilesSection runId={runId} filters={filters} />
        </Suspense>
      ) : null}
      <Suspense key={`scatter${key}`} fallback={<SectionSkeleton title="Customers by cluster" height="h-96" />}>
        <ClusterScatterSection runId={runId} filters={filters} />
      </Suspense>
      <Suspense key={`clv${key}`} fallback={<SectionSkeleton title="CLV by segment" />}>
        <ClvBoxPlotSection runId={runId} filters={filters} />
      </Suspense>
    </>
  );
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The browser title of the page in its filtered state. */
export async function generateMetadata({ searchParams }: { searchParams: SearchParams }) {
  const filters = parseDashboardFilters(await searchParams);
  return dashboardMetadata(filters, pageTitle('Clusters', filters));
}

export default async function ClustersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole('viewer');
  const filters = parseDashboardFilters(await searchParams);
  const key = JSON.stringify(filters);
  return (
    <DashboardPage title="Clusters" filters={filters}>
      {(run, filters) => (
        <Suspense key={`clusters${key}`} fallback={<SectionSkeleton title="Choosing k" height="h-72" />}>
          <ClusterSections runId={run.runId} requested={filters} />
        </Suspense>
      )}
    </DashboardPage>
  );
}
