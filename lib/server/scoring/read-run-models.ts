// Without the 'server-only' marker: `npm run score` reads a run's models through it as the app does.
import type { RunModels } from '../../engines/scoring/types';
import { runModelsSchema } from '../../schemas/run-models-schema';
import type { SqlClient } from '../db/sql-client';

/** Why a run's models cannot be used, in words that say what to do; `status` is the HTTP status a route answers with. */
export class RunModelsError extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409,
  ) {
    super(message);
    this.name = 'RunModelsError';
  }
}

export interface StoredRunModels {
  runId: number;
  datasetId: number;
  datasetName: string;
  /** The currency the run counts money in (ISO code, or a sign such as '$'); null when unknown. */
  currency: string | null;
  models: RunModels;
}

/**
 * The stored models of a finished run, checked against the schema.
 * @throws RunModelsError for an unknown run, a run that has not succeeded, one analysed before
 *   runs stored their models, or models that do not read back.
 */
export async function readRunModels(sql: Pick<SqlClient, 'query'>, runId: number): Promise<StoredRunModels> {
  type Row = { id: number; status: string; models: unknown; dataset_id: number; name: string; currency: string | null };
  let rows: Row[];
  try {
    ({ rows } = await sql.query<Row>(
      `SELECT r.id, r.status, r.models, r.dataset_id, d.name, coalesce(r.metrics ->> 'currency', d.currency) AS currency
         FROM run r JOIN dataset d ON d.id = r.dataset_id WHERE r.id = $1`,
      [runId],
    ));
  } catch (error) {
    // 42703: undefined column, a database whose migrations stop before stored models.
    if ((error as { code?: string }).code === '42703') {
      throw new RunModelsError('This database was made before runs stored their models: start the app once (or run npm run db:migrate), then re-run the analysis.', 409);
    }
    throw error;
  }
  const run = rows[0];
  if (!run) throw new RunModelsError(`There is no run #${runId}. The Data page lists the runs of each dataset.`, 404);
  if (run.status !== 'succeeded') throw new RunModelsError(`Run #${runId} has not finished (it is ${run.status}); score against a run that succeeded.`, 409);
  if (run.models === null || run.models === undefined) {
    throw new RunModelsError(`Run #${runId} was analysed before runs stored their models; re-run the analysis of "${run.name}" on the Data page, then score against the new run.`, 409);
  }
  const raw = typeof run.models === 'string' ? (JSON.parse(run.models) as unknown) : run.models;
  const parsed = runModelsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new RunModelsError(`The models stored with run #${runId} cannot be read by this version of Segmenta; re-run the analysis of "${run.name}" on the Data page, then score against the new run.`, 409);
  }
  return { runId: run.id, datasetId: run.dataset_id, datasetName: run.name, currency: run.currency, models: parsed.data };
}
