import 'server-only';
import type { DashboardFilters } from '../../../schemas/dashboard-filters-schema';
import { customerResultsSql } from '../../analytics/cached-results-sql';
import type { SqlClient } from '../../db/sql-client';
import { customerFilterSql } from '../customer-filter-sql';

export interface ClvBinDto {
  from: number;
  /** Exclusive upper bound; null for the open last bin (the top 1 %). */
  to: number | null;
  customers: number;
}

export interface ClvDistributionDto {
  /** Filtered customers, with and without a CLV. */
  customers: number;
  withClv: number;
  total: number | null;
  mean: number | null;
  median: number | null;
  meanPAlive: number | null;
  bins: ClvBinDto[];
}

/** The smallest 1, 2, 2.5 or 5 x 10^k at or above `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw * (1 - 1e-12)) return m * power;
  return 10 * power;
}

/** Equal-width bins from the minimum to the 99th percentile, plus an open bin above it (CLV is long-tailed). */
export function clvBinEdges(min: number, p99: number, targetBins = 20): { start: number; width: number; count: number } {
  const span = p99 - min > 0 ? p99 - min : Math.max(Math.abs(min), 1);
  const width = niceStep(span / targetBins);
  const start = Math.floor(min / width) * width;
  const count = Math.max(1, Math.ceil((p99 - start) / width));
  return { start, width, count };
}

/** CLV totals and histogram of the filtered customers; the bins are counted in SQL with width_bucket. */
export async function getClvDistribution(runId: number, filters: DashboardFilters, sql?: SqlClient): Promise<ClvDistributionDto> {
  const client = sql ?? (await customerResultsSql(runId));
  const { where, params } = customerFilterSql(runId, filters);
  const stats = (
    await client.query<{ customers: number; with_clv: number; total: number | null; mean: number | null; median: number | null; p99: number | null; min: number | null; mean_p_alive: number | null }>(
      `SELECT customers, with_clv, total, mean, quantiles[1]::float8 AS median, quantiles[2]::float8 AS p99, min, mean_p_alive
         FROM (SELECT count(*)::int AS customers, count(c.clv)::int AS with_clv, sum(c.clv)::float8 AS total, avg(c.clv)::float8 AS mean,
                      percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY c.clv) AS quantiles,
                      min(c.clv)::float8 AS min, avg(c.p_alive)::float8 AS mean_p_alive
                 FROM customer_result c WHERE ${where}) s`,
      params,
    )
  ).rows[0];
  const summary = { customers: stats.customers, withClv: stats.with_clv, total: stats.total, mean: stats.mean, median: stats.median, meanPAlive: stats.mean_p_alive };
  if (stats.with_clv === 0 || stats.min === null || stats.p99 === null) return { ...summary, bins: [] };

  const { start, width, count } = clvBinEdges(stats.min, stats.p99);
  const end = start + width * count;
  const binParams = customerFilterSql(runId, filters, 4);
  const { rows } = await client.query<{ bin: number; customers: number }>(
    `SELECT width_bucket(c.clv, $1::float8, $2::float8, $3::int)::int AS bin, count(*)::int AS customers
       FROM customer_result c WHERE ${binParams.where} AND c.clv IS NOT NULL GROUP BY 1 ORDER BY 1`,
    [start, end, count, ...binParams.params],
  );
  const counts = new Map(rows.map((row) => [row.bin, row.customers]));
  const bins: ClvBinDto[] = Array.from({ length: count }, (_, i) => ({
    from: start + i * width,
    to: start + (i + 1) * width,
    customers: counts.get(i + 1) ?? 0,
  }));
  const overflow = counts.get(count + 1) ?? 0;
  if (overflow > 0) bins.push({ from: end, to: null, customers: overflow });
  return { ...summary, bins };
}
