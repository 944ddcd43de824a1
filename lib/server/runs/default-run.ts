// Without the 'server-only' marker: the audience service, which tests and scripts import directly, reads the default run through it.
import { snapshotLabel } from '../../format/snapshot-label';
import type { Database } from '../db/database';

/**
 * The snapshot day (epoch ms) of a run that analysed its dataset as it stood on an earlier day
 * (its parameters carry a snapshot on or before the dataset's last purchase, so later purchases
 * were left out); null for a run of all the data.
 */
export function pastSnapshot(parameters: unknown, lastDate: Date | null): number | null {
  const snapshot = parameters && typeof parameters === 'object' ? (parameters as { snapshot?: unknown }).snapshot : undefined;
  if (typeof snapshot !== 'number' || !Number.isFinite(snapshot) || lastDate === null) return null;
  return snapshot <= lastDate.getTime() ? snapshot : null;
}

/** "snapshot 31 Aug 2011" for a run of its dataset as it stood on an earlier day (see pastSnapshot); null for a run of all the data. */
export function pastSnapshotLabel(parameters: unknown, lastDate: Date | null): string | null {
  const snapshot = pastSnapshot(parameters, lastDate);
  return snapshot === null ? null : snapshotLabel(snapshot);
}

interface CandidateRun {
  id: number;
  datasetId: number;
  pastSnapshot: number | null;
}

/** Successful runs (of `datasetIds`, or of every dataset), latest finished first, each with its past snapshot. */
async function listSucceededRuns(db: Pick<Database, 'prisma'>, datasetIds?: readonly number[]): Promise<CandidateRun[]> {
  const runs = await db.prisma.run.findMany({
    where: { status: 'succeeded', ...(datasetIds ? { datasetId: { in: [...datasetIds] } } : {}) },
    orderBy: [{ finishedAt: 'desc' }, { id: 'desc' }],
    select: { id: true, datasetId: true, parameters: true, dataset: { select: { lastDate: true } } },
  });
  return runs.map((r) => ({ id: r.id, datasetId: r.datasetId, pastSnapshot: pastSnapshot(r.parameters, r.dataset.lastDate) }));
}

/** Of runs latest first: the first that is not a past snapshot, else (only snapshots) the first. */
function pickDefault<T extends { pastSnapshot: number | null }>(runs: readonly T[]): T | undefined {
  return runs.find((r) => r.pastSnapshot === null) ?? runs[0];
}

/**
 * The run a view shows when the URL names none, by dataset: the latest successful run of all the
 * data, so monthly snapshots (which finish later) never take its place; a snapshot only when the
 * dataset has nothing else.
 */
export async function findDefaultRunIds(db: Pick<Database, 'prisma'>, datasetIds?: readonly number[]): Promise<Map<number, number>> {
  const byDataset = new Map<number, CandidateRun[]>();
  for (const run of await listSucceededRuns(db, datasetIds)) byDataset.set(run.datasetId, [...(byDataset.get(run.datasetId) ?? []), run]);
  const chosen = new Map<number, number>();
  for (const [datasetId, runs] of byDataset) chosen.set(datasetId, pickDefault(runs)!.id);
  return chosen;
}

/** The default run of one dataset, or (no dataset given) of all: as findDefaultRunIds; null when there is no successful run. */
export async function findDefaultRunId(db: Pick<Database, 'prisma'>, datasetId?: number): Promise<number | null> {
  return pickDefault(await listSucceededRuns(db, datasetId === undefined ? undefined : [datasetId]))?.id ?? null;
}
