import 'server-only';
import type { DashboardFilters } from '../../../schemas/dashboard-filters-schema';
import { indexedResultsSql } from '../../analytics/cached-results-sql';
import { CachedResultsSqlClient } from '../../analytics/cached-results-sql-client';
import type { SqlClient } from '../../db/sql-client';
import { customerFilterSql } from '../customer-filter-sql';
import { pAliveReason } from '../customers/p-alive-reason';
import { getLifetimeValueNotes } from './get-lifetime-value-notes';

export interface TopClvCustomerDto {
  customerId: string;
  country: string;
  segment: string;
  frequency: number;
  monetary: number;
  /** Null where the model cannot tell; pAliveReason says why. */
  pAlive: number | null;
  pAliveReason: string | null;
  expectedPurchases: number | null;
  clv: number;
  clvLower: number | null;
  clvUpper: number | null;
}

/** The filtered customers with the highest predicted lifetime value (reads the (run_id, clv) index backwards). */
export async function listTopClvCustomers(runId: number, filters: DashboardFilters, limit = 20, sql?: SqlClient): Promise<TopClvCustomerDto[]> {
  // Unfiltered, the database reads the 20 from its (run_id, clv) index; the cache would scan the run.
  const client = sql ?? (await indexedResultsSql(runId, filters));
  const { where, params } = customerFilterSql(runId, filters, 2);
  const notes = await getLifetimeValueNotes(runId, client);
  const { rows } = await client.query<{
    customer_id: string;
    country: string;
    segment: string;
    frequency: number;
    monetary: number;
    p_alive: number | null;
    expected_purchases: number | null;
    clv: number;
    clv_lower: number | null;
    clv_upper: number | null;
  }>(
    `SELECT c.customer_id, c.country, c.segment, c.frequency::int AS frequency, c.monetary::float8 AS monetary, c.p_alive::float8 AS p_alive,
            c.expected_purchases::float8 AS expected_purchases, c.clv::float8 AS clv, c.clv_lower::float8 AS clv_lower, c.clv_upper::float8 AS clv_upper
       FROM customer_result c ${
         // The results cache sorts only the ids and CLVs of the matching customers, then reads the rows of the top ones.
         client instanceof CachedResultsSqlClient
           ? `JOIN (SELECT c.customer_id FROM customer_result c WHERE ${where} AND c.clv IS NOT NULL ORDER BY c.clv DESC, c.customer_id LIMIT $1) t
                ON t.customer_id = c.customer_id WHERE c.run_id = $2`
           : `WHERE ${where} AND c.clv IS NOT NULL`
       } ORDER BY c.clv DESC, c.customer_id LIMIT $1`,
    [limit, ...params],
  );
  return rows.map((row) => ({
    customerId: row.customer_id,
    country: row.country,
    segment: row.segment,
    frequency: row.frequency,
    monetary: row.monetary,
    pAlive: row.p_alive,
    pAliveReason: pAliveReason(notes, { pAlive: row.p_alive, frequency: row.frequency }),
    expectedPurchases: row.expected_purchases,
    clv: row.clv,
    clvLower: row.clv_lower,
    clvUpper: row.clv_upper,
  }));
}
