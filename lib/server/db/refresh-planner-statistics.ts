import type { SqlClient } from './sql-client';

/**
 * Bring the planner up to date after a run's results are committed. PGlite has no autovacuum, so
 * without this its planner never learns how many rows a run holds and no page of customer_result
 * is marked all-visible; VACUUM's visibility map lets counts read a narrow index instead of the
 * wide rows. On a PostgreSQL server it saves waiting for autovacuum before the first dashboard
 * queries. VACUUM cannot run inside a transaction: call this after the commit.
 */
export async function refreshPlannerStatistics(sql: SqlClient, options: { transactionLines: boolean }): Promise<void> {
  await sql.query('VACUUM (ANALYZE) customer_result');
  if (options.transactionLines) await sql.query('ANALYZE transaction_line');
}
