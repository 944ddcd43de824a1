import 'server-only';
import { CHURN_STATUS_LABELS } from '../../../engines/rfm/churn-status';
import { OTHERS_SEGMENT } from '../../../engines/rfm/segment-rules';
import { segmentMigration, type SegmentMigrationResult, type SnapshotCustomers } from '../../../engines/rfm/segment-migration';
import { getDatabase } from '../../db/database';
import type { SqlClient } from '../../db/sql-client';
import { getSegmentRulesInForce } from '../segments/get-segment-rules';
import { listEarlierSnapshots, type SnapshotRunDto } from './list-earlier-snapshots';

export interface SegmentMigrationDto {
  earlier: SnapshotRunDto;
  later: SnapshotRunDto;
  /** RFM segments: rows are the earlier snapshot's, columns the later's. Revenue is spend up to the later snapshot. */
  segments: SegmentMigrationResult;
  churn: SegmentMigrationResult;
}

async function readSnapshot(client: SqlClient, runId: number): Promise<SnapshotCustomers> {
  const { rows } = await client.query<{ customer_id: string; segment: string; churn_status: string; monetary: number }>(
    `SELECT customer_id, segment, churn_status, monetary::float8 AS monetary FROM customer_result WHERE run_id = $1`,
    [runId],
  );
  return {
    customerIds: rows.map((r) => r.customer_id),
    segment: rows.map((r) => r.segment),
    churnStatus: rows.map((r) => r.churn_status),
    monetary: Float64Array.from(rows, (r) => r.monetary),
  };
}

/**
 * How the customers of `laterRunId` moved since `earlierRunId`, a run of the same dataset with an
 * earlier snapshot: matrices of RFM segments and of churn statuses. Null when the earlier run is
 * not such a run (another dataset, a later or equal snapshot, no results).
 */
export async function getSegmentMigration(laterRunId: number, earlierRunId: number, sql?: SqlClient): Promise<SegmentMigrationDto | null> {
  const client = sql ?? (await getDatabase()).sql;
  const snapshots = await listEarlierSnapshots(laterRunId, client);
  const earlier = snapshots.earlier.find((s) => s.runId === earlierRunId);
  if (!snapshots.current || !earlier) return null;
  const [before, after, { rules }] = await Promise.all([readSnapshot(client, earlierRunId), readSnapshot(client, laterRunId), getSegmentRulesInForce(laterRunId, client)]);
  return {
    earlier,
    later: snapshots.current,
    segments: segmentMigration(before, after, { dimension: 'segment', order: [...rules.map((r) => r.name), OTHERS_SEGMENT] }),
    churn: segmentMigration(before, after, { dimension: 'churnStatus', order: CHURN_STATUS_LABELS }),
  };
}
