import 'server-only';
import { getDatabase } from '../../db/database';
import type { SqlClient } from '../../db/sql-client';

export interface SnapshotRunDto {
  runId: number;
  /** The run's snapshot day (YYYY-MM-DD): recency was counted up to it, later purchases were left out. */
  snapshot: string;
  customerCount: number | null;
}

export interface EarlierSnapshotsDto {
  /** The viewed run; null when it has no stored snapshot (no results). */
  current: SnapshotRunDto | null;
  /** Successful runs of the same dataset with an earlier snapshot, latest snapshot first (then newest run). */
  earlier: SnapshotRunDto[];
}

/** The viewed run's snapshot and the runs of its dataset it can be compared with (the earlier snapshots). */
export async function listEarlierSnapshots(runId: number, sql?: SqlClient): Promise<EarlierSnapshotsDto> {
  const client = sql ?? (await getDatabase()).sql;
  const { rows } = await client.query<{ run_id: number; snapshot: string | null; customer_count: number | null; current: boolean }>(
    `WITH viewed AS (SELECT dataset_id, metrics -> 'options' ->> 'snapshot' AS snapshot FROM run WHERE id = $1)
     SELECT r.id::int AS run_id, r.metrics -> 'options' ->> 'snapshot' AS snapshot, r.customer_count::int AS customer_count, r.id = $1 AS current
       FROM run r, viewed v
      WHERE r.id = $1
         OR (r.dataset_id = v.dataset_id AND r.status = 'succeeded' AND (r.metrics -> 'options' ->> 'snapshot') < v.snapshot)
      ORDER BY r.metrics -> 'options' ->> 'snapshot' DESC, r.id DESC`,
    [runId],
  );
  const toDto = (r: (typeof rows)[number]): SnapshotRunDto => ({ runId: r.run_id, snapshot: r.snapshot ?? '', customerCount: r.customer_count });
  const current = rows.find((r) => r.current);
  return {
    current: current && current.snapshot ? toDto(current) : null,
    earlier: rows.filter((r) => !r.current && r.snapshot).map(toDto),
  };
}
