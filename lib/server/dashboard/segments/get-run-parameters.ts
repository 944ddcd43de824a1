import 'server-only';
import { getDatabase } from '../../db/database';
import type { SqlClient } from '../../db/sql-client';

export interface RunParametersDto {
  runId: number;
  datasetId: number;
  /** The analysis options the run was started with, as stored (JSON). */
  parameters: Record<string, unknown>;
}

/** A run's dataset and stored analysis options, or null when there is no such run. */
export async function getRunParameters(runId: number, sql?: SqlClient): Promise<RunParametersDto | null> {
  const client = sql ?? (await getDatabase()).sql;
  const { rows } = await client.query<{ dataset_id: number; parameters: unknown }>(
    'SELECT dataset_id::int AS dataset_id, parameters FROM run WHERE id = $1',
    [runId],
  );
  if (rows.length === 0) return null;
  const raw = typeof rows[0].parameters === 'string' ? (JSON.parse(rows[0].parameters) as unknown) : rows[0].parameters;
  const parameters = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  return { runId, datasetId: rows[0].dataset_id, parameters };
}
