'use server';

import { revalidatePath } from 'next/cache';
import { databaseId } from '../schemas/text-rules';
import { analysisOptionsSchema } from '../schemas/analysis-options-schema';
import { getDatabase } from '../server/db/client';
import { DatasetLinesUnavailableError } from '../server/runs/dataset-lines-state';
import { RunInProgressError, startRun } from '../server/runs/run-service';
import { runServiceOptions } from '../server/startup';
import { requireRole } from '../server/auth/current-user';
import { actorLabel } from '../server/auth/roles';

export type StartRunState = { status: 'idle' } | { status: 'started'; runId: number } | { status: 'error'; messages: string[] };

const FIELD_LABELS: Record<string, string> = {
  k: 'k',
  kMin: 'Smallest k',
  kMax: 'Largest k',
  method: 'Method',
  horizonMonths: 'Horizon',
  discountRate: 'Monthly discount rate',
  snapshot: 'Snapshot date',
  calibrationEnd: 'Calibration end',
  holdoutDays: 'Holdout days',
  seed: 'Seed',
  value: 'Revenue counted',
};

const FORM_FIELDS = Object.keys(FIELD_LABELS);

/** Re-analyse a stored dataset with the parameters of the Data page's re-run form. */
export async function startRunAction(_previous: StartRunState, form: FormData): Promise<StartRunState> {
  const access = await requireRole('analyst');
  if (!access.ok) return { status: 'error', messages: [access.message] };
  const datasetId = databaseId('Choose a dataset to re-analyse.').safeParse(form.get('datasetId'));
  if (!datasetId.success) return { status: 'error', messages: ['Choose a dataset to re-analyse.'] };
  // Empty inputs mean "use the default".
  const raw: Record<string, string> = {};
  for (const field of FORM_FIELDS) {
    const value = form.get(field);
    if (typeof value === 'string' && value.trim() !== '') raw[field] = value.trim();
  }
  if (form.get('kMode') === 'fixed') {
    delete raw.kMin;
    delete raw.kMax;
    if (raw.k === undefined) return { status: 'error', messages: ['k: give the number of clusters, or choose a range.'] };
  } else delete raw.k;
  const parsed = analysisOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      status: 'error',
      messages: parsed.error.issues.map((i) => {
        const label = FIELD_LABELS[String(i.path[0])];
        return label ? `${label}: ${i.message}` : i.message;
      }),
    };
  }
  try {
    const run = await startRun(await getDatabase(), runServiceOptions(), datasetId.data, parsed.data, { userId: access.user.id, actor: actorLabel(access.user) });
    revalidatePath('/data');
    return { status: 'started', runId: run.runId };
  } catch (error) {
    if (error instanceof RunInProgressError || error instanceof DatasetLinesUnavailableError) return { status: 'error', messages: [error.message] };
    if ((error as { code?: string }).code === 'P2025') return { status: 'error', messages: ['This dataset no longer exists; reload the page.'] };
    console.error(`Segmenta: starting a run of dataset ${datasetId.data} failed`, error);
    return { status: 'error', messages: ['The analysis could not be started because of an error on the server; try again.'] };
  }
}
