import 'server-only';
import type { DashboardFilters } from '../../../schemas/dashboard-filters-schema';
import { customerResultsSql } from '../../analytics/cached-results-sql';
import type { SqlClient } from '../../db/sql-client';
import { customerFilterSql } from '../customer-filter-sql';
import { CLUSTER_COLUMNS } from './cluster-column';

export interface ScatterPointDto {
  customerId: string;
  recency: number;
  frequency: number;
  monetary: number;
  clv: number | null;
  /** Cluster of the selected method; null when the run has none. */
  cluster: number | null;
  segment: string;
}

export interface ClusterScatterDto {
  /** Filtered customers. */
  total: number;
  /** Points returned (at most the sample size). */
  shown: number;
  points: ScatterPointDto[];
  /** The clusters among the points, by number, with their names. */
  clusters: { cluster: number; name: string }[];
}

export const SCATTER_SAMPLE_SIZE = 2000;

/**
 * The filtered customers' recency, frequency, monetary, CLV, cluster and segment for scatter plots:
 * all of them up to `sampleSize`, above it a deterministic sample (the same customers on every
 * load: the first by their stored sample key, a hash of the id, read in (run_id, sample_key) index
 * order so a million-customer run is not hashed or sorted on each load).
 */
export async function getClusterScatter(
  runId: number,
  filters: DashboardFilters,
  sampleSize = SCATTER_SAMPLE_SIZE,
  sql?: SqlClient,
): Promise<ClusterScatterDto> {
  const client = sql ?? (await customerResultsSql(runId));
  const { where, params } = customerFilterSql(runId, filters);
  const column = CLUSTER_COLUMNS[filters.method];
  const [{ rows: counted }, { rows }] = await Promise.all([
    client.query<{ total: number }>(`SELECT count(*)::int AS total FROM customer_result c WHERE ${where}`, params),
    client.query<{
      customer_id: string;
      recency: number;
      frequency: number;
      monetary: number;
      clv: number | null;
      cluster: number | null;
      cluster_name: string | null;
      segment: string;
    }>(
      `SELECT c.customer_id, c.recency::int AS recency, c.frequency::int AS frequency,
              c.monetary::float8 AS monetary, c.clv::float8 AS clv, c.${column.label}::int AS cluster, c.${column.name} AS cluster_name, c.segment
         FROM customer_result c WHERE ${where}
        ORDER BY c.sample_key, c.customer_id
        LIMIT $${params.length + 1}`,
      [...params, sampleSize],
    ),
  ]);
  const clusters = new Map<number, string>();
  for (const r of rows) if (r.cluster !== null && !clusters.has(r.cluster)) clusters.set(r.cluster, r.cluster_name ?? `Cluster ${r.cluster}`);
  return {
    total: counted[0].total,
    shown: rows.length,
    points: rows.map((r) => ({
      customerId: r.customer_id,
      recency: r.recency,
      frequency: r.frequency,
      monetary: r.monetary,
      clv: r.clv,
      cluster: r.cluster,
      segment: r.segment,
    })),
    clusters: [...clusters].sort((a, b) => a[0] - b[0]).map(([cluster, name]) => ({ cluster, name })),
  };
}
