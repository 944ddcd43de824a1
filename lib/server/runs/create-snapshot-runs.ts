import 'server-only';
import type { AnalysisOptions } from '../../engines/pipeline/types';
import { monthEndSnapshots } from '../../engines/month-end-snapshots';
import type { Database } from '../db/database';
import { getRunParameters } from '../dashboard/segments/get-run-parameters';
import { findDefaultRunId } from './default-run';
import { startRunSeries, type RunServiceOptions, type RunStarter, type StartedRun } from './run-service';

/** Thrown when a dataset has no month-end inside its purchases, or no lines to analyse. */
export class NoSnapshotsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoSnapshotsError';
  }
}

export interface SnapshotRun extends StartedRun {
  /** The run's snapshot day (YYYY-MM-DD): it counts the purchases before it. */
  snapshot: string;
}

// Options tied to one analysis date, which each snapshot sets (or leaves to its default) afresh.
const DATE_OPTIONS = ['snapshot', 'calibrationEnd', 'fitEnd', 'holdoutDays'] as const;

/**
 * Queue one analysis of a dataset per month-end of its last `count` months, oldest first, with the
 * parameters of the dataset's latest successful run (its segment rules, seed, clustering ...), so
 * the snapshots differ only in their date and can be compared on the Segments page.
 */
export async function createSnapshotRuns(db: Database, options: RunServiceOptions, datasetId: number, count: number, startedBy?: RunStarter): Promise<SnapshotRun[]> {
  const dataset = await db.prisma.dataset.findUnique({ where: { id: datasetId }, select: { firstDate: true, lastDate: true, rowsKept: true } });
  if (!dataset) throw new NoSnapshotsError('This dataset no longer exists; reload the page.');
  if (dataset.rowsKept === 0 || !dataset.firstDate || !dataset.lastDate) throw new NoSnapshotsError('This dataset has no stored lines to analyse.');
  const days = monthEndSnapshots(dataset.firstDate.getTime(), dataset.lastDate.getTime(), count);
  if (days.length === 0) throw new NoSnapshotsError('All purchases of this dataset fall in one month, so there is no month-end to take a snapshot at.');
  const latest = await findDefaultRunId(db, datasetId);
  const base: Record<string, unknown> = latest !== null ? { ...(await getRunParameters(latest, db.sql))?.parameters } : {};
  for (const key of DATE_OPTIONS) delete base[key];
  const parameterSets = days.map((day) => ({ ...(base as Partial<AnalysisOptions>), snapshot: Date.parse(`${day}T00:00:00Z`) }));
  const runs = await startRunSeries(db, options, datasetId, parameterSets, startedBy);
  return runs.map((run, i) => ({ ...run, snapshot: days[i] }));
}
