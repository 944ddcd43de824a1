import 'server-only';
import type { DashboardFilters } from '../../schemas/dashboard-filters-schema';
import { getDatabase } from '../db/database';
import { customerFilterSql } from './customer-filter-sql';
import { getRunStatus, type RunStatusDto } from './get-run-status';

export interface OverviewKpisDto {
  customers: number;
  revenue: number;
  averageClv: number | null;
  averageOrderValue: number | null;
  repeatCustomerRate: number | null;
  atRiskShare: number | null;
}

/** KPI cards of the filtered customers of one run, aggregated in the database. */
export async function getOverviewKpis(runId: number, filters: DashboardFilters): Promise<OverviewKpisDto> {
  const db = await getDatabase();
  const { where, params } = customerFilterSql(runId, filters);
  const { rows } = await db.sql.query<{
    customers: number;
    revenue: number | null;
    average_clv: number | null;
    orders: number | null;
    repeat_customers: number;
    at_risk: number;
  }>(
    `SELECT count(*)::int AS customers, sum(c.monetary)::float8 AS revenue, avg(c.clv)::float8 AS average_clv,
            sum(c.frequency)::float8 AS orders, (count(*) FILTER (WHERE c.frequency > 1))::int AS repeat_customers,
            (count(*) FILTER (WHERE c.churn_status = 'At Risk'))::int AS at_risk
       FROM customer_result c WHERE ${where}`,
    params,
  );
  const row = rows[0];
  const n = row.customers;
  return {
    customers: n,
    revenue: row.revenue ?? 0,
    averageClv: row.average_clv,
    averageOrderValue: row.orders ? (row.revenue ?? 0) / row.orders : null,
    repeatCustomerRate: n > 0 ? row.repeat_customers / n : null,
    atRiskShare: n > 0 ? row.at_risk / n : null,
  };
}

/** Runs still queued or running, newest first, for progress indicators. */
export async function listActiveRuns(): Promise<RunStatusDto[]> {
  const db = await getDatabase();
  const runs = await db.prisma.run.findMany({ where: { status: { in: ['queued', 'running'] } }, orderBy: { id: 'desc' }, select: { id: true } });
  const statuses = await Promise.all(runs.map((r) => getRunStatus(r.id)));
  return statuses.filter((s): s is RunStatusDto => s !== null);
}
