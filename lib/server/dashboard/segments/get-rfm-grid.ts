import 'server-only';
import type { DashboardFilters } from '../../../schemas/dashboard-filters-schema';
import { getDatabase } from '../../db/database';
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
  const client = sql ?? (await getDatabase()).sql;
  const { where, params } = customerFilterSql(runId, filters);
  // At most 125 rows: every other figure is summed from them.
  const { rows } = await client.query<{ r: number; f: number; m: number; customers: number; monetary: number }>(
    `SELECT c.r_score::int AS r, c.f_score::int AS f, c.m_score::int AS m, count(*)::int AS customers, sum(c.monetary)::float8 AS monetary
       FROM customer_result c WHERE ${where}
      GROUP BY 1, 2, 3`,
    params,
  );
  const cellCount = new Map<string, number>();
  const cellMonetary = new Map<string, number>();
  const count = { recency: new Map<number, number>(), frequency: new Map<number, number>(), monetary: new Map<number, number>() };
  const add = (map: Map<number | string, number>, key: number | string, value: number) => map.set(key, (map.get(key) ?? 0) + value);
  for (const row of rows) {
    const key = `${row.r}:${row.f}`;
    add(cellCount, key, row.customers);
    add(cellMonetary, key, row.monetary);
    add(count.recency, row.r, row.customers);
    add(count.frequency, row.f, row.customers);
    add(count.monetary, row.m, row.customers);
  }
  const cells: RfmCellDto[] = [];
  for (const r of [...SCORES].reverse()) {
    for (const f of SCORES) {
      const customers = cellCount.get(`${r}:${f}`) ?? 0;
      cells.push({ rScore: r, fScore: f, customers, averageMonetary: customers > 0 ? (cellMonetary.get(`${r}:${f}`) ?? 0) / customers : null });
    }
  }
  const distribution = (map: Map<number, number>) => SCORES.map((score) => ({ score, customers: map.get(score) ?? 0 }));
  return {
    customers: rows.reduce((sum, r) => sum + r.customers, 0),
    cells,
    distributions: { recency: distribution(count.recency), frequency: distribution(count.frequency), monetary: distribution(count.monetary) },
  };
}
