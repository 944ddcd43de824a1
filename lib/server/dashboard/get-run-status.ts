import 'server-only';
import { getDatabase } from '../db/database';

export interface RunStatusDto {
  runId: number;
  datasetId: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  message: string | null;
  error: string | null;
}

export async function getRunStatus(runId: number): Promise<RunStatusDto | null> {
  const db = await getDatabase();
  const run = await db.prisma.run.findUnique({ where: { id: runId } });
  if (!run) return null;
  return { runId: run.id, datasetId: run.datasetId, status: run.status, progress: run.progress, message: run.progressMessage, error: run.error };
}
