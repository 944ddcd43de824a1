import 'server-only';
import type { DashboardFilters } from '../../../schemas/dashboard-filters-schema';
import { customerResultsSql } from '../../analytics/cached-results-sql';
import { CachedResultsSqlClient } from '../../analytics/cached-results-sql-client';
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

interface BoxRow {
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
}

type Quartiles = Pick<BoxRow, 'segment' | 'customers' | 'mean' | 'q1' | 'median' | 'q3'>;
type Whiskers = Pick<BoxRow, 'segment' | 'min' | 'max' | 'whisker_low' | 'whisker_high' | 'outliers'>;

// One sort per segment for all three quartiles (the database's one statement below does the same over its CTE).
const quartilesSql = (where: string) =>
  `SELECT segment, customers, mean, quartiles[1]::float8 AS q1, quartiles[2]::float8 AS median, quartiles[3]::float8 AS q3
     FROM (SELECT c.segment, count(*)::int AS customers, avg(c.clv)::float8 AS mean,
                  percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY c.clv) AS quartiles
             FROM customer_result c WHERE ${where} AND c.clv IS NOT NULL GROUP BY c.segment) p`;

/**
 * The box plots in one statement: the database scans the filtered customers once (the CTE is
 * materialised) and joins each to its segment's quartiles.
 */
async function boxesInOneStatement(client: SqlClient, where: string, params: unknown[]): Promise<BoxRow[]> {
  const { rows } = await client.query<BoxRow>(
    `WITH f AS (SELECT c.segment, c.clv FROM customer_result c WHERE ${where} AND c.clv IS NOT NULL),
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
  );
  return rows;
}

/**
 * The box plots in two statements, for the results cache: DuckDB joining a million customers to
 * the quartiles inside one statement took twice as long as the quartiles, then the whiskers with
 * the quartiles given as parameters (the same float8 arithmetic, so the same answers).
 */
async function boxesInTwoStatements(client: SqlClient, where: string, params: unknown[]): Promise<BoxRow[]> {
  const { rows: quartiles } = await client.query<Quartiles>(`${quartilesSql(where)} ORDER BY median DESC, segment`, params);
  if (quartiles.length === 0) return [];
  const next = params.length + 1;
  const { rows: whiskers } = await client.query<Whiskers>(
    `SELECT c.segment, min(c.clv)::float8 AS min, max(c.clv)::float8 AS max,
            (min(c.clv) FILTER (WHERE c.clv >= q.q1 - 1.5 * (q.q3 - q.q1)))::float8 AS whisker_low,
            (max(c.clv) FILTER (WHERE c.clv <= q.q3 + 1.5 * (q.q3 - q.q1)))::float8 AS whisker_high,
            (count(*) FILTER (WHERE c.clv < q.q1 - 1.5 * (q.q3 - q.q1) OR c.clv > q.q3 + 1.5 * (q.q3 - q.q1)))::int AS outliers
       FROM customer_result c
       JOIN (SELECT unnest($${next}::text[]) AS segment, unnest($${next + 1}::float8[]) AS q1, unnest($${next + 2}::float8[]) AS q3) q ON q.segment = c.segment
      WHERE ${where} AND c.clv IS NOT NULL
      GROUP BY c.segment`,
    [...params, quartiles.map((q) => q.segment), quartiles.map((q) => q.q1), quartiles.map((q) => q.q3)],
  );
  const bySegment = new Map(whiskers.map((w) => [w.segment, w]));
  return quartiles.map((q) => {
    const w = bySegment.get(q.segment);
    if (!w) throw new Error(`The CLV box of segment ${q.segment} has no whiskers.`);
    return { ...q, ...w };
  });
}

/** CLV quartiles (percentile_cont), whiskers and outlier counts per RFM segment of the filtered customers, by median CLV. */
export async function getClvBoxPlots(runId: number, filters: DashboardFilters, sql?: SqlClient): Promise<ClvBoxPlotsDto> {
  const client = sql ?? (await customerResultsSql(runId));
  const { where, params } = customerFilterSql(runId, filters);
  const [boxes, counts] = await Promise.all([
    client instanceof CachedResultsSqlClient ? boxesInTwoStatements(client, where, params) : boxesInOneStatement(client, where, params),
    client.query<{ customers: number; without_clv: number }>(
      `SELECT count(*)::int AS customers, (count(*) FILTER (WHERE c.clv IS NULL))::int AS without_clv FROM customer_result c WHERE ${where}`,
      params,
    ),
  ]);
  return {
    customers: counts.rows[0].customers,
    withoutClv: counts.rows[0].without_clv,
    boxes: boxes.map((r) => ({
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
