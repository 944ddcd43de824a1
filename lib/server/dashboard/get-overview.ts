import 'server-only';
import type { DashboardFilters } from '../../schemas/dashboard-filters-schema';
import { customerResultsSql } from '../analytics/cached-results-sql';
import { getDatabase } from '../db/database';
import type { SqlClient } from '../db/sql-client';
import { customerFilterSql } from './customer-filter-sql';
import { describeAtRiskRule } from './describe-at-risk-rule';
import { getRunStatus, type RunStatusDto } from './get-run-status';
import { runFact } from './run-fact';
import type { RefundBreakdown } from './refund-breakdown';

export interface OverviewKpisDto {
  customers: number;
  /** Revenue in the run's value basis (net of refunds by default). */
  revenue: number;
  /** The customers' purchases at full value. */
  grossRevenue: number;
  /**
   * Where the refunds went: set against these customers' purchases (grossRevenue - deducted = net),
   * beyond them, and, for all the run's customers only, by customers with no purchase in the file.
   */
  refunds: RefundBreakdown;
  averageClv: number | null;
  /** Purchase orders of these customers. */
  purchaseOrders: number;
  /** Revenue / purchase orders: the average order value everywhere (a customer's own is monetary / frequency). */
  averageOrderValue: number | null;
  repeatCustomerRate: number | null;
  /** Share of customers whose churn status is At Risk (not the RFM segment of that name). */
  atRiskShare: number | null;
  /** The rule behind that churn status in this run, in words. */
  atRiskRule: string;
}

type RunRefundsRow = { run_refunds: number | null; churn_basis: unknown };

function readRunRefunds(runId: number, client: SqlClient): Promise<{ rows: RunRefundsRow[] }> {
  return client.query<RunRefundsRow>(`SELECT (r.metrics ->> 'refunds')::float8 AS run_refunds, r.metrics -> 'churnBasis' AS churn_basis FROM run r WHERE r.id = $1`, [runId]);
}

// The run's own refunds and churn rule: the same for every filter, until the data changes.
const runRefundsOfRun = runFact('run-refunds', async (runId) => readRunRefunds(runId, (await getDatabase()).sql));

/** KPI cards of the filtered customers of one run, aggregated in the database. */
export async function getOverviewKpis(runId: number, filters: DashboardFilters, sql?: SqlClient): Promise<OverviewKpisDto> {
  const client = sql ?? (await customerResultsSql(runId));
  const { where, params } = customerFilterSql(runId, filters);
  // Only the run id: every customer of the run, so the run's refunds by customers without a purchase belong here too.
  const allCustomers = params.length === 1;
  // The customers' figures and the run's own (read apart: the customers may come from the results cache).
  const [{ rows }, { rows: runRows }] = await Promise.all([
    client.query<{
      customers: number;
      revenue: number | null;
      gross_revenue: number | null;
      refunds: number | null;
      refunds_deducted: number | null;
      refunds_beyond: number | null;
      average_clv: number | null;
      orders: number | null;
      repeat_customers: number;
      at_risk: number;
    }>(
      `SELECT count(*)::int AS customers, sum(c.monetary)::float8 AS revenue, sum(c.gross_spend)::float8 AS gross_revenue,
              sum(c.refunds)::float8 AS refunds, sum(least(c.refunds, c.gross_spend))::float8 AS refunds_deducted,
              sum(greatest(c.refunds - c.gross_spend, 0))::float8 AS refunds_beyond,
              avg(c.clv)::float8 AS average_clv,
              sum(c.frequency)::float8 AS orders, (count(*) FILTER (WHERE c.frequency > 1))::int AS repeat_customers,
              (count(*) FILTER (WHERE c.churn_status = 'At Risk'))::int AS at_risk
         FROM customer_result c WHERE ${where}`,
      params,
    ),
    sql ? readRunRefunds(runId, sql) : runRefundsOfRun(runId),
  ]);
  const row = { ...rows[0], run_refunds: runRows[0]?.run_refunds ?? null, churn_basis: runRows[0]?.churn_basis ?? null };
  const n = row.customers;
  const refunds = row.refunds ?? 0;
  // Refunds of customers with no purchase are not in customer_result: the run's total less its customers' refunds.
  const withoutPurchase = !allCustomers ? 0 : row.run_refunds === null ? null : Math.max(0, Math.round((row.run_refunds - refunds) * 100) / 100);
  return {
    customers: n,
    revenue: row.revenue ?? 0,
    grossRevenue: row.gross_revenue ?? 0,
    refunds: {
      total: refunds + (withoutPurchase ?? 0),
      deducted: row.refunds_deducted ?? 0,
      beyondPurchases: row.refunds_beyond ?? 0,
      withoutPurchase,
    },
    averageClv: row.average_clv,
    purchaseOrders: row.orders ?? 0,
    averageOrderValue: row.orders ? (row.revenue ?? 0) / row.orders : null,
    repeatCustomerRate: n > 0 ? row.repeat_customers / n : null,
    atRiskShare: n > 0 ? row.at_risk / n : null,
    atRiskRule: describeAtRiskRule(row.churn_basis),
  };
}

/** Runs still queued or running, newest first, for progress indicators. */
export async function listActiveRuns(): Promise<RunStatusDto[]> {
  const db = await getDatabase();
  const runs = await db.prisma.run.findMany({ where: { status: { in: ['queued', 'running'] } }, orderBy: { id: 'desc' }, select: { id: true } });
  const statuses = await Promise.all(runs.map((r) => getRunStatus(r.id)));
  return statuses.filter((s): s is RunStatusDto => s !== null);
}

export interface SegmentShareDto {
  segment: string;
  customers: number;
  revenue: number;
  revenueShare: number;
  averageClv: number | null;
}

export interface CountryRevenueDto {
  country: string;
  customers: number;
  revenue: number;
}

/** Customers, revenue and average CLV per RFM segment of the filtered customers. */
export async function getSegmentShares(runId: number, filters: DashboardFilters, sql?: SqlClient): Promise<SegmentShareDto[]> {
  const client = sql ?? (await customerResultsSql(runId));
  const { where, params } = customerFilterSql(runId, filters);
  const { rows } = await client.query<{ segment: string; customers: number; revenue: number; total: number; average_clv: number | null }>(
    `SELECT c.segment, count(*)::int AS customers, sum(c.monetary)::float8 AS revenue,
            sum(sum(c.monetary)) OVER ()::float8 AS total, avg(c.clv)::float8 AS average_clv
       FROM customer_result c WHERE ${where} GROUP BY c.segment ORDER BY revenue DESC, c.segment`,
    params,
  );
  return rows.map((r) => ({
    segment: r.segment,
    customers: r.customers,
    revenue: r.revenue,
    revenueShare: r.total > 0 ? r.revenue / r.total : 0,
    averageClv: r.average_clv,
  }));
}

/** The countries with the most revenue among the filtered customers. */
export async function getRevenueByCountry(runId: number, filters: DashboardFilters, limit = 10, sql?: SqlClient): Promise<CountryRevenueDto[]> {
  const client = sql ?? (await customerResultsSql(runId));
  const { where, params } = customerFilterSql(runId, filters);
  const { rows } = await client.query<CountryRevenueDto>(
    `SELECT c.country, count(*)::int AS customers, sum(c.monetary)::float8 AS revenue
       FROM customer_result c WHERE ${where} GROUP BY c.country ORDER BY revenue DESC, c.country LIMIT ${Math.max(1, Math.floor(limit))}`,
    params,
  );
  return rows;
}

export interface ConcentrationDto {
  /** Share of revenue brought by the top 10 % of customers by revenue. */
  topDecileRevenueShare: number | null;
  /** Customers in the top fifth by CLV. */
  highValueCustomers: number;
  /** Of those, customers whose churn status is At Risk. */
  highValueAtRisk: number;
}

/**
 * Revenue concentration and high-value customers at risk, among the filtered customers.
 *
 * Exact, without sorting every customer: the top tenth by revenue (ntile(10)'s first bucket,
 * ceil(n / 10) customers) and the 80th CLV percentile (percentile_cont, interpolated between its
 * two neighbours) are read in (run_id, monetary) and (run_id, clv) index order from the top.
 */
export async function getConcentration(runId: number, filters: DashboardFilters, sql?: SqlClient): Promise<ConcentrationDto> {
  const client = sql ?? (await customerResultsSql(runId));
  const { where, params } = customerFilterSql(runId, filters);
  const next = `$${params.length + 1}`;
  const counts = (
    await client.query<{ n: number; with_clv: number; revenue: number | null }>(
      `SELECT count(*)::int AS n, count(c.clv)::int AS with_clv, sum(c.monetary)::float8 AS revenue FROM customer_result c WHERE ${where}`,
      params,
    )
  ).rows[0];
  if (counts.n === 0) return { topDecileRevenueShare: null, highValueCustomers: 0, highValueAtRisk: 0 };

  const top = (
    await client.query<{ revenue: number | null }>(
      `SELECT sum(t.monetary)::float8 AS revenue FROM (SELECT c.monetary FROM customer_result c WHERE ${where} ORDER BY c.monetary DESC LIMIT ${next}) t`,
      [...params, Math.ceil(counts.n / 10)],
    )
  ).rows[0].revenue;
  const topDecileRevenueShare = counts.revenue ? (top ?? 0) / counts.revenue : null;
  if (counts.with_clv === 0) return { topDecileRevenueShare, highValueCustomers: 0, highValueAtRisk: 0 };

  // percentile_cont(0.8): position p = 0.8 (m - 1) in ascending order, between floor(p) and ceil(p).
  const position = 0.8 * (counts.with_clv - 1);
  const [low, high] = [Math.floor(position), Math.ceil(position)];
  const { rows: around } = await client.query<{ clv: number }>(
    `SELECT c.clv::float8 AS clv FROM customer_result c WHERE ${where} AND c.clv IS NOT NULL ORDER BY c.clv DESC OFFSET ${next} LIMIT 2`,
    [...params, counts.with_clv - 1 - high],
  );
  const [atHigh, atLow = around[0].clv] = around.map((r) => r.clv);
  const cut = high === low ? atHigh : atLow + (position - low) * (atHigh - atLow);
  const highValue = (
    await client.query<{ high_value: number; at_risk: number }>(
      `SELECT count(*)::int AS high_value, (count(*) FILTER (WHERE c.churn_status = 'At Risk'))::int AS at_risk
         FROM customer_result c WHERE ${where} AND c.clv >= ${next}`,
      [...params, cut],
    )
  ).rows[0];
  return { topDecileRevenueShare, highValueCustomers: highValue.high_value, highValueAtRisk: highValue.at_risk };
}
