import 'server-only';
import type { DashboardFilters } from '../../../schemas/dashboard-filters-schema';
import { customerResultsSql } from '../../analytics/cached-results-sql';
import type { SqlClient } from '../../db/sql-client';
import { customerFilterSql } from '../customer-filter-sql';

/** Lower bounds of the frequency buckets (orders): 1, 2, 3, 4-5, 6-9, 10-19, 20+. */
export const FREQUENCY_BUCKET_STARTS = [1, 2, 3, 4, 6, 10, 20] as const;
/** Lower bounds of the recency buckets (days since the last purchase). */
export const RECENCY_BUCKET_STARTS = [0, 30, 60, 90, 180, 270, 365] as const;

export interface HeatmapCellDto {
  /** Index into frequencyBuckets / recencyBuckets. */
  frequency: number;
  recency: number;
  customers: number;
  /** Mean P(alive) and expected purchases of the cell's customers; null when the model did not score them. */
  pAlive: number | null;
  expectedPurchases: number | null;
}

export interface LifetimeValueHeatmapDto {
  frequencyBuckets: string[];
  recencyBuckets: string[];
  cells: HeatmapCellDto[];
}

function labels(starts: readonly number[], unit: string): string[] {
  return starts.map((start, i) => {
    const next = starts[i + 1];
    if (next === undefined) return `${start}+${unit}`;
    return next - 1 === start ? `${start}${unit}` : `${start}-${next - 1}${unit}`;
  });
}

/** Mean P(alive) and expected purchases per frequency x recency cell of the filtered customers. */
export async function getLifetimeValueHeatmap(runId: number, filters: DashboardFilters, sql?: SqlClient): Promise<LifetimeValueHeatmapDto> {
  const client = sql ?? (await customerResultsSql(runId));
  const { where, params } = customerFilterSql(runId, filters, 3);
  // width_bucket with a threshold array gives the 1-based bucket of each value (0 below the first).
  const { rows } = await client.query<{ f: number; r: number; customers: number; p_alive: number | null; expected_purchases: number | null }>(
    `SELECT width_bucket(c.frequency, $1::int[])::int AS f, width_bucket(c.recency, $2::int[])::int AS r, count(*)::int AS customers,
            avg(c.p_alive)::float8 AS p_alive, avg(c.expected_purchases)::float8 AS expected_purchases
       FROM customer_result c WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
    [FREQUENCY_BUCKET_STARTS, RECENCY_BUCKET_STARTS, ...params],
  );
  return {
    frequencyBuckets: labels(FREQUENCY_BUCKET_STARTS, ''),
    recencyBuckets: labels(RECENCY_BUCKET_STARTS, ' d'),
    cells: rows
      .filter((row) => row.f > 0 && row.r > 0)
      .map((row) => ({ frequency: row.f - 1, recency: row.r - 1, customers: row.customers, pAlive: row.p_alive, expectedPurchases: row.expected_purchases })),
  };
}
