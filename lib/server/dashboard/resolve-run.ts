import 'server-only';
import type { DashboardFilters } from '../../schemas/dashboard-filters-schema';
import { getDatabase } from '../db/database';

export interface ViewedRunDto {
  runId: number;
  datasetId: number;
  datasetName: string;
  finishedAt: string | null;
  /** True when the URL asked for another run that is not (or no longer) viewable. */
  fellBack: boolean;
}

/** The run a page shows: the one in the URL when it succeeded, else the latest successful run. */
export async function resolveViewedRun(filters: Pick<DashboardFilters, 'run'>): Promise<ViewedRunDto | null> {
  const db = await getDatabase();
  const include = { dataset: { select: { name: true } } } as const;
  const requested =
    filters.run !== undefined ? await db.prisma.run.findFirst({ where: { id: filters.run, status: 'succeeded' }, include }) : null;
  const run =
    requested ?? (await db.prisma.run.findFirst({ where: { status: 'succeeded' }, orderBy: [{ finishedAt: 'desc' }, { id: 'desc' }], include }));
  if (!run) return null;
  return {
    runId: run.id,
    datasetId: run.datasetId,
    datasetName: run.dataset.name,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    fellBack: filters.run !== undefined && requested === null,
  };
}
