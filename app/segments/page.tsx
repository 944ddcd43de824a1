import { pageTitle } from '@/lib/format/page-title';
import { dashboardMetadata } from '@/lib/server/dashboard/dashboard-metadata';
import { Suspense } from 'react';
import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { parseSegmentMovement } from '@/lib/schemas/segment-movement-schema';
import { SectionSkeleton } from '@/components/ui/section';
import { RfmGridSection } from './rfm-grid-section';
import { MigrationSection } from './migration-section';
import { RfmScatter3dSection } from './rfm-scatter-3d-section';
import { SegmentRulesSection } from './segment-rules-section';
import { SegmentSummarySection } from './segment-summary-section';
import { DashboardPage } from '@/components/dashboard-page';
import { requirePageRole } from '@/lib/server/auth/current-user';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The browser title of the page in its filtered state. */
export async function generateMetadata({ searchParams }: { searchParams: SearchParams }) {
  const filters = parseDashboardFilters(await searchParams);
  return dashboardMetadata(filters, pageTitle('Segments', filters));
}

export default async function SegmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole('viewer');
  const params = await searchParams;
  const filters = parseDashboardFilters(params);
  const movement = parseSegmentMovement(params);
  const key = JSON.stringify(filters);
  // A malformed ?since= is named with the other parts of the address that could not be used.
  const shown = movement.notice ? { ...filters, notices: [...(filters.notices ?? []), movement.notice] } : filters;
  return (
    <DashboardPage title="Segments" filters={shown} subtitle={(run) => `RFM segments of ${run.datasetName}, run #${run.runId}`}>
      {(run, filters) => (
        <>
          <Suspense key={`summary${key}`} fallback={<SectionSkeleton title="Segment summary" height="h-80" />}>
            <SegmentSummarySection runId={run.runId} filters={filters} />
          </Suspense>
          <Suspense key={`grid${key}`} fallback={<SectionSkeleton title="Recency x frequency" height="h-96" />}>
            <RfmGridSection runId={run.runId} filters={filters} />
          </Suspense>
          <Suspense key={`scatter3d${key}`} fallback={<SectionSkeleton title="RFM in 3D" height="h-[520px]" />}>
            <RfmScatter3dSection runId={run.runId} filters={filters} />
          </Suspense>
          <Suspense key={`movement${key}${movement.since ?? ''}`} fallback={<SectionSkeleton title="Segment movement" height="h-96" />}>
            <MigrationSection runId={run.runId} filters={filters} movement={movement} />
          </Suspense>
          <Suspense fallback={<SectionSkeleton title="Segment rules" />}>
            <SegmentRulesSection runId={run.runId} />
          </Suspense>
        </>
      )}
    </DashboardPage>
  );
}
