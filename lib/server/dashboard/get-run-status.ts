import 'server-only';
import { getDatabase } from '../db/database';
import { getLiveProgress } from '../runs/live-progress';

export interface RunStatusDto {
  runId: number;
  datasetId: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  message: string | null;
  error: string | null;
}

/** A run's status; a run this process is executing answers from memory, without waiting for the database. */
export async function getRunStatus(runId: number): Promise<RunStatusDto | null> {
  const live = getLiveProgress(runId);
  if (live) return { runId, datasetId: live.datasetId, status: 'running', progress: live.progress, message: live.message, error: null };
  const db = await getDatabase();
  const run = await db.prisma.run.findUnique({ where: { id: runId } });
  if (!run) return null;
  return { runId: run.id, datasetId: run.datasetId, status: run.status, progress: run.progress, message: run.progressMessage, error: run.error };
}
