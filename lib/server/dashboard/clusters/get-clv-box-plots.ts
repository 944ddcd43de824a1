import 'server-only';
import type { DashboardFilters } from '../../../schemas/dashboard-filters-schema';
import { customerResultsSql } from '../../analytics/cached-results-sql';
import type { SqlClient } from '../../db/sql-client';
import { customerFilterSql } from '../customer-filter-sql';

export interface ClvBoxDto {
  segment: string;
  /** Customers of the segment with a CLV. */
  customers: number;
  mean: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  /** Lowest and highest CLV within 1.5 interquartile ranges of the box (Tukey's whiskers). */
  whiskerLow: number;
  whiskerHigh: number;
  /** Customers outside the whiskers. */
  outliers: number;
}

export interface ClvBoxPlotsDto {
  /** Filtered customers. */
  customers: number;
  /** Filtered customers without a CLV (the lifetime-value model skipped them). */
  withoutClv: number;
  boxes: ClvBoxDto[];
}

/** CLV quartiles (percentile_cont), whiskers and outlier counts per RFM segment of the filtered customers, by median CLV. */
export async function getClvBoxPlots(runId: number, filters: DashboardFilters, sql?: SqlClient): Promise<ClvBoxPlotsDto> {
  const client = sql ?? (await customerResultsSql(runId));
  const { where, params } = customerFilterSql(runId, filters);
  const [boxes, counts] = await Promise.all([
    client.query<{
      segment: string;
      customers: number;
      mean: number;
      q1: number;
      median: number;
      q3: number;
      min: number;
      max: number;
      whisker_low: number;
      whisker_high: number;
      outliers: number;
    }>(
      `WITH f AS (SELECT c.segment, c.clv FROM customer_result c WHERE ${where} AND c.clv IS NOT NULL),
            -- One sort per segment for all three quartiles.
            p AS (SELECT segment, count(*)::int AS customers, avg(clv)::float8 AS mean,
                         percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY clv) AS quartiles
                    FROM f GROUP BY segment),
            q AS (SELECT segment, customers, mean, quartiles[1]::float8 AS q1, quartiles[2]::float8 AS median, quartiles[3]::float8 AS q3 FROM p)
       SELECT q.segment, q.customers, q.mean, q.q1, q.median, q.q3, min(f.clv)::float8 AS min, max(f.clv)::float8 AS max,
              (min(f.clv) FILTER (WHERE f.clv >= q.q1 - 1.5 * (q.q3 - q.q1)))::float8 AS whisker_low,
              (max(f.clv) FILTER (WHERE f.clv <= q.q3 + 1.5 * (q.q3 - q.q1)))::float8 AS whisker_high,
              (count(*) FILTER (WHERE f.clv < q.q1 - 1.5 * (q.q3 - q.q1) OR f.clv > q.q3 + 1.5 * (q.q3 - q.q1)))::int AS outliers
         FROM q JOIN f ON f.segment = q.segment
        GROUP BY q.segment, q.customers, q.mean, q.q1, q.median, q.q3
        ORDER BY q.median DESC, q.segment`,
      params,
    ),
    client.query<{ customers: number; without_clv: number }>(
      `SELECT count(*)::int AS customers, (count(*) FILTER (WHERE c.clv IS NULL))::int AS without_clv FROM customer_result c WHERE ${where}`,
      params,
    ),
  ]);
  return {
    customers: counts.rows[0].customers,
    withoutClv: counts.rows[0].without_clv,
    boxes: boxes.rows.map((r) => ({
      segment: r.segment,
      customers: r.customers,
      mean: r.mean,
      min: r.min,
      q1: r.q1,
      median: r.median,
      q3: r.q3,
      max: r.max,
      whiskerLow: r.whisker_low,
      whiskerHigh: r.whisker_high,
      outliers: r.outliers,
    })),
  };
}
