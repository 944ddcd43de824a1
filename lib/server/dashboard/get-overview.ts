import 'server-only';
import { getDatabase } from '../db/database';
import { getRunStatus, type RunStatusDto } from './get-run-status';

export interface OverviewKpisDto {
  runId: number;
  datasetName: string;
  finishedAt: string | null;
  customers: number;
  revenue: number;
  averageClv: number | null;
  averageOrderValue: number;
  repeatCustomerRate: number;
  atRiskShare: number;
}

/** The latest successful run, the one the dashboard shows by default. */
export async function getLatestSucceededRunId(): Promise<number | null> {
  const db = await getDatabase();
  const run = await db.prisma.run.findFirst({ where: { status: 'succeeded' }, orderBy: [{ finishedAt: 'desc' }, { id: 'desc' }], select: { id: true } });
  return run?.id ?? null;
}

/** KPI cards of one run, aggregated in the database. */
export async function getOverviewKpis(runId: number): Promise<OverviewKpisDto | null> {
  const db = await getDatabase();
  const { rows } = await db.sql.query<{
    dataset_name: string;
    finished_at: string | null;
    customers: number;
    revenue: number | null;
    average_clv: number | null;
    orders: number | null;
    repeat_customers: number;
    at_risk: number;
  }>(
    `SELECT d.name AS dataset_name, to_char(r.finished_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS finished_at,
            count(c.*)::int AS customers, sum(c.monetary)::float8 AS revenue, avg(c.clv)::float8 AS average_clv,
            sum(c.frequency)::float8 AS orders, (count(*) FILTER (WHERE c.frequency > 1))::int AS repeat_customers,
            (count(*) FILTER (WHERE c.churn_status = 'At Risk'))::int AS at_risk
       FROM run r JOIN dataset d ON d.id = r.dataset_id LEFT JOIN customer_result c ON c.run_id = r.id
      WHERE r.id = $1
      GROUP BY d.name, r.finished_at`,
    [runId],
  );
  const row = rows[0];
  if (!row || row.customers === 0) return null;
  return {
    runId,
    datasetName: row.dataset_name,
    finishedAt: row.finished_at,
    customers: row.customers,
    revenue: row.revenue ?? 0,
    averageClv: row.average_clv,
    averageOrderValue: (row.revenue ?? 0) / (row.orders ?? 1),
    repeatCustomerRate: row.repeat_customers / row.customers,
    atRiskShare: row.at_risk / row.customers,
  };
}

/** Runs still queued or running, newest first, for progress indicators. */
export async function listActiveRuns(): Promise<RunStatusDto[]> {
  const db = await getDatabase();
  const runs = await db.prisma.run.findMany({ where: { status: { in: ['queued', 'running'] } }, orderBy: { id: 'desc' }, select: { id: true } });
  const statuses = await Promise.all(runs.map((r) => getRunStatus(r.id)));
  return statuses.filter((s): s is RunStatusDto => s !== null);
}
