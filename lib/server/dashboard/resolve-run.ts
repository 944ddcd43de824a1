import 'server-only';
import { cache } from 'react';
import type { DashboardFilters } from '../../schemas/dashboard-filters-schema';
import { getDatabase } from '../db/database';
import { rememberUntilDataChanges } from '../response-cache/registry';
import { findDefaultRunId, pastSnapshotLabel } from '../runs/default-run';

export interface ViewedRunDto {
  runId: number;
  datasetId: number;
  datasetName: string;
  /** When the dataset was uploaded (ISO). */
  datasetCreatedAt: string;
  finishedAt: string | null;
  customerCount: number | null;
  /** "snapshot 31 Aug 2011" for a run of the dataset as it stood on an earlier day; null for a run of all the data. */
  snapshot: string | null;
  /** True when the URL asked for a run of this dataset that has no results (running or failed). */
  fellBack: boolean;
}

/**
 * The run a page shows: the one in the URL when it succeeded, the default run of its dataset when
 * it has no results, the default run of all when the URL names none (the latest successful run of
 * all the data, not a monthly snapshot; see findDefaultRunId).
 * Null when there is nothing to show: no results yet, or the URL names a run that does not exist
 * (callers answer 404 then, never another dataset's data).
 */
export async function resolveViewedRun(filters: Pick<DashboardFilters, 'run'>): Promise<ViewedRunDto | null> {
  return resolveRun(filters.run);
}

// One look-up per request for the page and its browser title (generateMetadata) and, behind the
// page cache, one per data change (a run finished or deleted, a dataset renamed); "nothing to
// show" is never kept, so the first finished run is looked up again.
const resolveRun = cache(
  (requestedRun: number | undefined): Promise<ViewedRunDto | null> =>
    rememberUntilDataChanges(`viewed-run:${requestedRun ?? 'default'}`, () => readViewedRun(requestedRun), (run) => run !== null),
);

async function readViewedRun(requestedRun: number | undefined): Promise<ViewedRunDto | null> {
  const filters = { run: requestedRun };
  const db = await getDatabase();
  const include = { dataset: { select: { name: true, createdAt: true, lastDate: true } } } as const;
  const byId = async (id: number | null) => (id === null ? null : db.prisma.run.findUnique({ where: { id }, include }));
  let fellBack = false;
  let run;
  if (filters.run === undefined) {
    run = await byId(await findDefaultRunId(db));
  } else {
    const requested = filters.run >= 1 ? await byId(filters.run) : null;
    if (requested && requested.status !== 'succeeded') {
      fellBack = true;
      run = await byId(await findDefaultRunId(db, requested.datasetId));
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
    snapshot: pastSnapshotLabel(run.parameters, run.dataset.lastDate),
    fellBack,
  };
}
