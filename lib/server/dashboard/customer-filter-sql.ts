import type { DashboardFilters } from '../../schemas/dashboard-filters-schema';
import { CLUSTER_COLUMNS } from './clusters/cluster-column';

/**
 * The WHERE clause (on customer_result as `c`) of a filtered dashboard view of one run, with its
 * parameters numbered from `firstParam`. Every page and export filters through this one place.
 */
export function customerFilterSql(runId: number, filters: DashboardFilters, firstParam = 1): { where: string; params: unknown[] } {
  const params: unknown[] = [runId];
  const conditions = [`c.run_id = $${firstParam}`];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${firstParam + params.length - 1}`));
  };
  if (filters.country.length > 0) add((p) => `c.country = ANY(${p}::text[])`, filters.country);
  if (filters.segment.length > 0) add((p) => `c.segment = ANY(${p}::text[])`, filters.segment);
  if (filters.combined.length > 0) add((p) => `c.combined_segment = ANY(${p}::text[])`, filters.combined);
  if (filters.minClv !== undefined) add((p) => `c.clv >= ${p}`, filters.minClv);
  if (filters.minFrequency !== undefined) add((p) => `c.frequency >= ${p}`, filters.minFrequency);
  if (filters.cluster.length > 0) add((p) => `c.${CLUSTER_COLUMNS[filters.method].label} = ANY(${p}::int[])`, filters.cluster);
  if (filters.churn.length > 0) add((p) => `c.churn_status = ANY(${p}::text[])`, filters.churn);
  // Moved from a label of an earlier run: the customer had it there, or (label '') was not in that run.
  for (const [moved, column] of [[filters.movedFrom, 'segment'], [filters.churnFrom, 'churn_status']] as const) {
    if (!moved) continue;
    params.push(moved.runId);
    const run = `$${firstParam + params.length - 1}`;
    if (moved.label === '') conditions.push(`NOT EXISTS (SELECT 1 FROM customer_result m WHERE m.run_id = ${run} AND m.customer_id = c.customer_id)`);
    else add((p) => `EXISTS (SELECT 1 FROM customer_result m WHERE m.run_id = ${run} AND m.customer_id = c.customer_id AND m.${column} = ${p})`, moved.label);
  }
  return { where: conditions.join(' AND '), params };
}
