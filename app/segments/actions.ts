'use server';

import { revalidatePath } from 'next/cache';
import { getDatabase } from '@/lib/server/db/client';
import { getRunParameters } from '@/lib/server/dashboard/segments/get-run-parameters';
import { DatasetLinesUnavailableError } from '@/lib/server/runs/dataset-lines-state';
import { RunInProgressError, startRun } from '@/lib/server/runs/run-service';
import { runServiceOptions } from '@/lib/server/startup';
import { rerunWithSegmentRulesSchema, type RerunWithSegmentRulesInput } from './segment-rules-schema';
import { requireRole } from '@/lib/server/auth/current-user';
import { actorLabel } from '@/lib/server/auth/roles';

export type RerunWithSegmentRulesResult = { ok: true; runId: number } | { ok: false; error: string };

/** Re-analyse the run's dataset with its parameters and new segment rules, as a new run. */
export async function rerunWithSegmentRulesAction(input: RerunWithSegmentRulesInput): Promise<RerunWithSegmentRulesResult> {
  const access = await requireRole('analyst');
  if (!access.ok) return { ok: false, error: access.message };
  const parsed = rerunWithSegmentRulesSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'The segment rules are not valid.' };
  const { runId, segmentRules } = parsed.data;
  const previous = await getRunParameters(runId);
  if (!previous) return { ok: false, error: `There is no run ${runId} to start from.` };
  try {
    const db = await getDatabase();
    const started = await startRun(db, runServiceOptions(), previous.datasetId, { ...previous.parameters, segmentRules }, { userId: access.user.id, actor: actorLabel(access.user) });
    revalidatePath('/data');
    return { ok: true, runId: started.runId };
  } catch (error) {
    if (error instanceof RunInProgressError || error instanceof DatasetLinesUnavailableError) return { ok: false, error: error.message };
    console.error('Starting a re-run with new segment rules failed:', error);
    return { ok: false, error: 'The new run could not be started; see the server log, then try again.' };
  }
}
