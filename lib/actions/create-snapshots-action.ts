'use server';

import { revalidatePath } from 'next/cache';
import { createSnapshotsSchema } from '../schemas/create-snapshots-schema';
import { requireRole } from '../server/auth/current-user';
import { actorLabel } from '../server/auth/roles';
import { getDatabase } from '../server/db/client';
import { createSnapshotRuns, NoSnapshotsError } from '../server/runs/create-snapshot-runs';
import { DatasetLinesUnavailableError } from '../server/runs/dataset-lines-state';
import { RunInProgressError } from '../server/runs/run-service';
import { runServiceOptions } from '../server/startup';

export type CreateSnapshotsState =
  | { status: 'idle' }
  | { status: 'started'; runs: { runId: number; snapshot: string }[] }
  | { status: 'error'; message: string };

/** Queue the monthly snapshots of a dataset (one analysis per month-end) from the Data page. */
export async function createSnapshotsAction(_previous: CreateSnapshotsState, form: FormData): Promise<CreateSnapshotsState> {
  const access = await requireRole('analyst');
  if (!access.ok) return { status: 'error', message: access.message };
  const parsed = createSnapshotsSchema.safeParse({ datasetId: form.get('datasetId'), count: form.get('count') });
  if (!parsed.success) return { status: 'error', message: parsed.error.issues[0]?.message ?? 'Choose a dataset and a number of month-ends.' };
  try {
    const runs = await createSnapshotRuns(await getDatabase(), runServiceOptions(), parsed.data.datasetId, parsed.data.count, {
      userId: access.user.id,
      actor: actorLabel(access.user),
    });
    revalidatePath('/data');
    return { status: 'started', runs: runs.map((r) => ({ runId: r.runId, snapshot: r.snapshot })) };
  } catch (error) {
    if (error instanceof RunInProgressError || error instanceof DatasetLinesUnavailableError || error instanceof NoSnapshotsError) return { status: 'error', message: error.message };
    console.error(`Segmenta: creating the snapshots of dataset ${parsed.data.datasetId} failed`, error);
    return { status: 'error', message: 'The snapshots could not be started because of an error on the server; try again.' };
  }
}
