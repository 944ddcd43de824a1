import 'server-only';
import { CHURN_AT_RISK, CHURN_CHURNED, CHURN_STATUS_LABELS } from '../../../engines/rfm/churn-status';
import { DEFAULT_SEGMENT_ACTIONS, DEFAULT_SEGMENT_DESCRIPTIONS } from '../../../engines/rfm/segment-actions';
import { OTHERS_SEGMENT } from '../../../engines/rfm/segment-rules';
import type { DashboardFilters } from '../../../schemas/dashboard-filters-schema';
import { customerResultsSql } from '../../analytics/cached-results-sql';
import type { SqlClient } from '../../db/sql-client';
import { customerFilterSql } from '../customer-filter-sql';
import { getSegmentRulesInForce } from './get-segment-rules';

export interface SegmentSummaryRowDto {
  segment: string;
  customers: number;
  /** Share of the filtered customers, 0..1. */
  customerShare: number;
  revenue: number;
  /** Share of the filtered revenue, 0..1 (null when that revenue is 0). */
  revenueShare: number | null;
  averageRecency: number;
  averageFrequency: number;
  averageMonetary: number;
  averageClv: number | null;
  averagePAlive: number | null;
  /** Shares of the segment's customers whose churn status is At Risk and Churned, 0..1. */
  atRiskShare: number;
  churnedShare: number;
  description: string | null;
  action: string;
}

export interface SegmentSummaryDto {
  customers: number;
  revenue: number;
  rows: SegmentSummaryRowDto[];
}

const CUSTOM_SEGMENT_ACTION = 'Custom segment: no recommended action yet; decide one from its profile.';

/** One row per RFM segment of the filtered customers, in the order of the rules in force, 'Others' last. */
export async function getSegmentSummary(runId: number, filters: DashboardFilters, sql?: SqlClient): Promise<SegmentSummaryDto> {
  const client = sql ?? (await customerResultsSql(runId));
  const { where, params } = customerFilterSql(runId, filters);
  const [{ rows }, { rules }] = await Promise.all([
    client.query<{
      segment: string;
      customers: number;
      customer_share: number;
      revenue: number;
      revenue_share: number | null;
      average_recency: number;
      average_frequency: number;
      average_monetary: number;
      average_clv: number | null;
      average_p_alive: number | null;
      at_risk_share: number;
      churned_share: number;
    }>(
      `SELECT c.segment, count(*)::int AS customers,
              (count(*)::float8 / sum(count(*)) OVER ())::float8 AS customer_share,
              sum(c.monetary)::float8 AS revenue,
              (sum(c.monetary) / NULLIF(sum(sum(c.monetary)) OVER (), 0))::float8 AS revenue_share,
              avg(c.recency)::float8 AS average_recency, avg(c.frequency)::float8 AS average_frequency,
              avg(c.monetary)::float8 AS average_monetary, avg(c.clv)::float8 AS average_clv, avg(c.p_alive)::float8 AS average_p_alive,
              avg((c.churn_status = $${params.length + 1})::int)::float8 AS at_risk_share,
              avg((c.churn_status = $${params.length + 2})::int)::float8 AS churned_share
         FROM customer_result c WHERE ${where}
        GROUP BY c.segment`,
      [...params, CHURN_STATUS_LABELS[CHURN_AT_RISK], CHURN_STATUS_LABELS[CHURN_CHURNED]],
    ),
    getSegmentRulesInForce(runId, client),
  ]);
  const order = new Map(rules.map((r, i) => [r.name, i]));
  const rank = (segment: string) => order.get(segment) ?? (segment === OTHERS_SEGMENT ? rules.length + 1 : rules.length);
  const sorted = [...rows].sort((a, b) => rank(a.segment) - rank(b.segment) || b.customers - a.customers || a.segment.localeCompare(b.segment));
  return {
    customers: rows.reduce((sum, r) => sum + r.customers, 0),
    revenue: rows.reduce((sum, r) => sum + r.revenue, 0),
    rows: sorted.map((r) => ({
      segment: r.segment,
      customers: r.customers,
      customerShare: r.customer_share,
      revenue: r.revenue,
      revenueShare: r.revenue_share,
      averageRecency: r.average_recency,
      averageFrequency: r.average_frequency,
      averageMonetary: r.average_monetary,
      averageClv: r.average_clv,
      averagePAlive: r.average_p_alive,
      atRiskShare: r.at_risk_share,
      churnedShare: r.churned_share,
      description: DEFAULT_SEGMENT_DESCRIPTIONS[r.segment] ?? null,
      action: DEFAULT_SEGMENT_ACTIONS[r.segment] ?? CUSTOM_SEGMENT_ACTION,
    })),
  };
}
