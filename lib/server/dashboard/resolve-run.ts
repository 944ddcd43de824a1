import 'server-only';
import type { DashboardFilters } from '../../schemas/dashboard-filters-schema';
import { getDatabase } from '../db/database';

export interface ViewedRunDto {
  runId: number;
  datasetId: number;
  datasetName: string;
  /** When the dataset was uploaded (ISO). */
  datasetCreatedAt: string;
  finishedAt: string | null;
  customerCount: number | null;
  /** True when the URL asked for a run of this dataset that has no results (running or failed). */
  fellBack: boolean;
}

/**
 * The run a page shows: the one in the URL when it succeeded, the latest successful run of its
 * dataset when it has no results, the latest successful run of all when the URL names none.
 * Null when there is nothing to show: no results yet, or the URL names a run that does not exist
 * (callers answer 404 then, never another dataset's data).
 */
export async function resolveViewedRun(filters: Pick<DashboardFilters, 'run'>): Promise<ViewedRunDto | null> {
  const db = await getDatabase();
  const include = { dataset: { select: { name: true, createdAt: true } } } as const;
  const latest = { status: 'succeeded', orderBy: [{ finishedAt: 'desc' }, { id: 'desc' }] } as const;
  let fellBack = false;
  let run;
  if (filters.run === undefined) {
    run = await db.prisma.run.findFirst({ where: { status: latest.status }, orderBy: [...latest.orderBy], include });
  } else {
    const requested = filters.run >= 1 ? await db.prisma.run.findUnique({ where: { id: filters.run }, include }) : null;
    if (requested && requested.status !== 'succeeded') {
      fellBack = true;
      run = await db.prisma.run.findFirst({ where: { status: latest.status, datasetId: requested.datasetId }, orderBy: [...latest.orderBy], include });
    } else run = requested;
  }
  if (!run) return null;
  return {
    runId: run.id,
    datasetId: run.datasetId,
    datasetName: run.dataset.name,
    datasetCreatedAt: run.dataset.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    customerCount: run.customerCount,
    fellBack,
  };
}
