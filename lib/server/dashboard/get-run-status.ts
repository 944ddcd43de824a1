import 'server-only';
import { getDatabase } from '../db/database';
import { getLiveProgress, getRemovedRun } from '../runs/live-progress';
import { getQueuePosition } from '../runs/run-service';
import { queuedMessage } from '../runs/run-slots';

export interface RunStatusDto {
  runId: number;
  datasetId: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  message: string | null;
  error: string | null;
  /** The run was a new dataset's first and failed before anything was stored: the dataset is gone. */
  datasetRemoved: boolean;
  /** A queued run's place in line (1: the next to start); null once it started. */
  queuePosition: number | null;
}

/**
 * A run's status, the one source of every progress bar: a run this process is executing answers
 * from memory (also while its results are saved in one long transaction), any other from its row.
 */
export async function getRunStatus(runId: number): Promise<RunStatusDto | null> {
  const live = getLiveProgress(runId);
  if (live) return { runId, datasetId: live.datasetId, status: 'running', progress: live.progress, message: live.message, error: null, datasetRemoved: false, queuePosition: null };
  const removed = getRemovedRun(runId);
  if (removed) return { runId, datasetId: removed.datasetId, status: 'failed', progress: 0, message: 'Failed', error: removed.error, datasetRemoved: true, queuePosition: null };
  const db = await getDatabase();
  const run = await db.prisma.run.findUnique({ where: { id: runId } });
  if (!run) return null;
  const queuePosition = run.status === 'queued' ? await getQueuePosition(db, run.id) : null;
  const message = queuePosition !== null ? queuedMessage(queuePosition) : run.progressMessage;
  return { runId: run.id, datasetId: run.datasetId, status: run.status, progress: run.progress, message, error: run.error, datasetRemoved: false, queuePosition };
}
