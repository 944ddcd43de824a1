import 'server-only';
import { getDatabase } from '../../db/database';
import type { SqlClient } from '../../db/sql-client';
import { runFact } from '../run-fact';

const reasonOf = (entry: unknown): string | null => {
  if (typeof entry === 'string') return entry.trim() || null;
  if (entry && typeof entry === 'object' && typeof (entry as { reason?: unknown }).reason === 'string') return (entry as { reason: string }).reason;
  return null;
};

/**
 * The run's notes on score groups that ties made uneven (metrics.rfm.uneven: a list, or one entry
 * per dimension, each a sentence or an object with a `reason`); [] when the run has none.
 */
export function rfmUnevenNotes(uneven: unknown): string[] {
  const entries = Array.isArray(uneven) ? uneven : uneven && typeof uneven === 'object' ? Object.values(uneven) : [];
  return entries.map(reasonOf).filter((note): note is string => note !== null);
}

/** Why some R, F or M score groups of a run are not fifths, in words: through `sql` when given, else once per request and data change (runFact). */
export function getRfmUnevenNotes(runId: number, sql?: SqlClient): Promise<readonly string[]> {
  return sql ? readRfmUnevenNotes(runId, sql) : rfmUnevenNotesOfRun(runId);
}

const rfmUnevenNotesOfRun = runFact('rfm-uneven-notes', async (runId) => readRfmUnevenNotes(runId, (await getDatabase()).sql));

async function readRfmUnevenNotes(runId: number, client: SqlClient): Promise<string[]> {
  const { rows } = await client.query<{ uneven: unknown }>(`SELECT metrics -> 'rfm' -> 'uneven' AS uneven FROM run WHERE id = $1`, [runId]);
  return rfmUnevenNotes(rows[0]?.uneven ?? null);
}
