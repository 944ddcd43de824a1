import 'server-only';
import type { DashboardFilters } from '../../../schemas/dashboard-filters-schema';
import { customerResultsSql } from '../../analytics/cached-results-sql';
import type { SqlClient } from '../../db/sql-client';
import { customerFilterSql } from '../customer-filter-sql';

export interface RfmCellDto {
  rScore: number;
  fScore: number;
  customers: number;
  /** Mean monetary value of the cell's customers; null for an empty cell. */
  averageMonetary: number | null;
}

export interface ScoreCountDto {
  score: number;
  customers: number;
  /** Lowest and highest value (days, orders or money) among the score's filtered customers; null when it has none. */
  min: number | null;
  max: number | null;
}

export interface RfmGridDto {
  customers: number;
  /** All 25 cells, r_score 5..1 then f_score 1..5. */
  cells: RfmCellDto[];
  distributions: { recency: ScoreCountDto[]; frequency: ScoreCountDto[]; monetary: ScoreCountDto[] };
}

const SCORES = [1, 2, 3, 4, 5] as const;

/** The R x F heatmap (customers and mean monetary per cell) and the R, F and M score counts of the filtered customers. */
export async function getRfmGrid(runId: number, filters: DashboardFilters, sql?: SqlClient): Promise<RfmGridDto> {
  const client = sql ?? (await customerResultsSql(runId));
  const { where, params } = customerFilterSql(runId, filters);
  // At most 125 rows: every other figure is summed from them.
  const { rows } = await client.query<{
    r: number;
    f: number;
    m: number;
    customers: number;
    monetary: number;
    min_recency: number;
    max_recency: number;
    min_frequency: number;
    max_frequency: number;
    min_monetary: number;
    max_monetary: number;
  }>(
    `SELECT c.r_score::int AS r, c.f_score::int AS f, c.m_score::int AS m, count(*)::int AS customers, sum(c.monetary)::float8 AS monetary,
            min(c.recency)::int AS min_recency, max(c.recency)::int AS max_recency,
            min(c.frequency)::int AS min_frequency, max(c.frequency)::int AS max_frequency,
            min(c.monetary)::float8 AS min_monetary, max(c.monetary)::float8 AS max_monetary
       FROM customer_result c WHERE ${where}
      GROUP BY 1, 2, 3`,
    params,
  );
  const cellCount = new Map<string, number>();
  const cellMonetary = new Map<string, number>();
  const count = { recency: new Map<number, number>(), frequency: new Map<number, number>(), monetary: new Map<number, number>() };
  const range = { recency: new Map<number, [number, number]>(), frequency: new Map<number, [number, number]>(), monetary: new Map<number, [number, number]>() };
  const add = (map: Map<number | string, number>, key: number | string, value: number) => map.set(key, (map.get(key) ?? 0) + value);
  const widen = (map: Map<number, [number, number]>, score: number, low: number, high: number) => {
    const seen = map.get(score);
    map.set(score, seen ? [Math.min(seen[0], low), Math.max(seen[1], high)] : [low, high]);
  };
  for (const row of rows) {
    const key = `${row.r}:${row.f}`;
    add(cellCount, key, row.customers);
    add(cellMonetary, key, row.monetary);
    add(count.recency, row.r, row.customers);
    add(count.frequency, row.f, row.customers);
    add(count.monetary, row.m, row.customers);
    widen(range.recency, row.r, row.min_recency, row.max_recency);
    widen(range.frequency, row.f, row.min_frequency, row.max_frequency);
    widen(range.monetary, row.m, row.min_monetary, row.max_monetary);
  }
  const cells: RfmCellDto[] = [];
  for (const r of [...SCORES].reverse()) {
    for (const f of SCORES) {
      const customers = cellCount.get(`${r}:${f}`) ?? 0;
      cells.push({ rScore: r, fScore: f, customers, averageMonetary: customers > 0 ? (cellMonetary.get(`${r}:${f}`) ?? 0) / customers : null });
    }
  }
  const distribution = (key: keyof typeof count) =>
    SCORES.map((score) => ({ score, customers: count[key].get(score) ?? 0, min: range[key].get(score)?.[0] ?? null, max: range[key].get(score)?.[1] ?? null }));
  return {
    customers: rows.reduce((sum, r) => sum + r.customers, 0),
    cells,
    distributions: { recency: distribution('recency'), frequency: distribution('frequency'), monetary: distribution('monetary') },
  };
}
