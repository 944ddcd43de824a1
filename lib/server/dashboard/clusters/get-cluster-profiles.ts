import 'server-only';
import type { DashboardFilters } from '../../../schemas/dashboard-filters-schema';
import { customerResultsSql } from '../../analytics/cached-results-sql';
import type { SqlClient } from '../../db/sql-client';
import { customerFilterSql } from '../customer-filter-sql';
import { CLUSTER_COLUMNS } from './cluster-column';

export interface ClusterProfileDto {
  cluster: number;
  name: string;
  size: number;
  /** Share of the filtered customers that have a cluster, 0..1. */
  share: number;
  /** Share of their revenue, 0..1 (null when it is 0). */
  revenueShare: number | null;
  meanRecency: number;
  meanFrequency: number;
  meanMonetary: number;
  meanClv: number | null;
}

export interface ClusterProfilesDto {
  /** Filtered customers, with or without a cluster. */
  customers: number;
  /** Filtered customers without a cluster of this method (the run skipped it). */
  unclustered: number;
  clusters: ClusterProfileDto[];
}

/** Size, revenue share and mean RFM / CLV of each cluster of `filters.method`, over the filtered customers. */
export async function getClusterProfiles(runId: number, filters: DashboardFilters, sql?: SqlClient): Promise<ClusterProfilesDto> {
  const client = sql ?? (await customerResultsSql(runId));
  const { where, params } = customerFilterSql(runId, filters);
  const column = CLUSTER_COLUMNS[filters.method];
  const { rows } = await client.query<{
    cluster: number | null;
    name: string | null;
    size: number;
    revenue: number;
    mean_recency: number;
    mean_frequency: number;
    mean_monetary: number;
    mean_clv: number | null;
  }>(
    `SELECT c.${column.label}::int AS cluster, min(c.${column.name}) AS name, count(*)::int AS size, sum(c.monetary)::float8 AS revenue,
            avg(c.recency)::float8 AS mean_recency, avg(c.frequency)::float8 AS mean_frequency,
            avg(c.monetary)::float8 AS mean_monetary, avg(c.clv)::float8 AS mean_clv
       FROM customer_result c WHERE ${where}
      GROUP BY 1 ORDER BY 1 NULLS LAST`,
    params,
  );
  const clustered = rows.filter((r): r is typeof r & { cluster: number } => r.cluster !== null);
  const size = clustered.reduce((sum, r) => sum + r.size, 0);
  const revenue = clustered.reduce((sum, r) => sum + r.revenue, 0);
  return {
    customers: rows.reduce((sum, r) => sum + r.size, 0),
    unclustered: rows.find((r) => r.cluster === null)?.size ?? 0,
    clusters: clustered.map((r) => ({
      cluster: r.cluster,
      name: r.name ?? `Cluster ${r.cluster}`,
      size: r.size,
      share: r.size / size,
      revenueShare: revenue > 0 ? r.revenue / revenue : null,
      meanRecency: r.mean_recency,
      meanFrequency: r.mean_frequency,
      meanMonetary: r.mean_monetary,
      meanClv: r.mean_clv,
    })),
  };
}
