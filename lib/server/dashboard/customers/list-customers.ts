import 'server-only';
import type { DashboardFilters } from '../../../schemas/dashboard-filters-schema';
import { indexedResultsSql } from '../../analytics/cached-results-sql';
import { CachedResultsSqlClient } from '../../analytics/cached-results-sql-client';
import { getDatabase } from '../../db/database';
import type { SqlClient } from '../../db/sql-client';
import { CLUSTER_COLUMNS } from '../clusters/cluster-column';
import { customerFilterSql } from '../customer-filter-sql';
import { getLifetimeValueNotes } from '../lifetime-value/get-lifetime-value-notes';
import { describeChurnStatus } from './describe-churn-status';
import { pAliveReason } from './p-alive-reason';
import { CUSTOMERS_PER_PAGE, type CustomerTableParams } from './customer-table-params';
import { customerSortSql, prefixPattern } from './customer-sort-sql';
import { runFact } from '../run-fact';

export { prefixPattern };

/** SEGMENTA_CACHE_TWO_PHASE_MIN: matching customers from which the results cache reads a page in two phases (default 100,000; see listCustomers). */
export function twoPhaseMinMatches(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const value = Number(env.SEGMENTA_CACHE_TWO_PHASE_MIN?.trim() || NaN);
  return Number.isInteger(value) && value >= 0 ? value : 100_000;
}

export interface CustomerRowDto {
  customerId: string;
  country: string;
  segment: string;
  /** "At Risk · Loyal Customers" */
  combinedSegment: string;
  churnStatus: string;
  /** The status with what decided it: "Churned · P(alive) 12.0%" or "Churned · by days silent". */
  churnStatusLabel: string;
  cluster: number | null;
  clusterName: string | null;
  rScore: number;
  fScore: number;
  mScore: number;
  recency: number;
  frequency: number;
  monetary: number;
  clv: number | null;
  /** Null where the model cannot tell; pAliveReason says why. */
  pAlive: number | null;
  pAliveReason: string | null;
  /** YYYY-MM-DD */
  lastPurchase: string;
}

export interface CustomerPageDto {
  rows: CustomerRowDto[];
  /** The caveat every CLV figure of the run carries; null when none. */
  clvCaveat: string | null;
  /** Why the run hides P(alive) for some or all customers; null when it shows all. */
  pAliveNote: string | null;
  /** Filtered (and searched) customers in all pages. */
  total: number;
  /** The page shown: the requested one, or the last page when it asked beyond the end. */
  page: number;
  pages: number;
  pageSize: number;
}

/** The shared filters plus the id-prefix search, with parameters numbered from `firstParam`. */
function searchWhere(runId: number, filters: DashboardFilters, q: string | undefined, firstParam: number): { where: string; params: unknown[] } {
  const { where, params } = customerFilterSql(runId, filters, firstParam);
  if (!q) return { where, params };
  return { where: `${where} AND c.customer_id LIKE $${firstParam + params.length}`, params: [...params, prefixPattern(q)] };
}

interface CustomerRow {
  customer_id: string;
  country: string;
  segment: string;
  combined_segment: string;
  churn_status: string;
  churn_basis: string;
  cluster: number | null;
  cluster_name: string | null;
  r_score: number;
  f_score: number;
  m_score: number;
  recency: number;
  frequency: number;
  monetary: number;
  clv: number | null;
  p_alive: number | null;
  last_purchase: string;
}

async function readStoredCustomerCount(runId: number, client: SqlClient): Promise<number | null> {
  return (await client.query<{ n: number | null }>(`SELECT customer_count AS n FROM run WHERE id = $1`, [runId])).rows[0]?.n ?? null;
}

// A succeeded run's customer count never changes.
const storedCustomerCount = runFact('run-customer-count', async (runId) => readStoredCustomerCount(runId, (await getDatabase()).sql));

/**
 * One page of the filtered customers, sorted on the server, optionally narrowed to ids starting
 * with `q`.
 *
 * Paging is LIMIT/OFFSET, not keyset: the table offers page numbers and "Showing 51-100 of N",
 * which keyset paging cannot jump to. Every sort column has a (run_id, column, customer_id) index
 * (customer_id is the tie-breaker), so a page is read in index order in either direction and the
 * scan stops after offset + 50 rows; the id search is a range on the primary key where the
 * collation is C, as in PGlite. Columns that can be empty (CLV, P(alive), cluster) list their
 * customers without a value last in both directions, which one index scan cannot give: the page
 * is read from the customers with a value, then topped up from those without. The count of all
 * customers of a run with no filter comes from the run; any other count is one more query.
 */
export async function listCustomers(runId: number, filters: DashboardFilters, table: CustomerTableParams, sql?: SqlClient): Promise<CustomerPageDto> {
  // Without a filter the database reads any page in one of its sort indexes, faster than sorting the
  // whole run in the results cache; a filter (matching thousands anywhere in the run) is the cache's.
  const client = sql ?? (await indexedResultsSql(runId, filters));
  const counted = searchWhere(runId, filters, table.q, 1);
  const { column, nullable } = customerSortSql(table.sort, filters.method);
  const unfiltered = counted.params.length === 1;
  // A run stores how many customers it holds: the unfiltered count of the default view is free.
  const stored = unfiltered && !nullable ? await (sql ? readStoredCustomerCount(runId, sql) : storedCustomerCount(runId)) : null;
  const { total, withValue } =
    stored !== null && stored !== undefined
      ? { total: stored, withValue: stored }
      : (
          await client.query<{ total: number; withValue: number }>(
            `SELECT count(*)::int AS total, count(${column})::int AS "withValue" FROM customer_result c WHERE ${counted.where}`,
            counted.params,
          )
        ).rows[0];
  const pages = Math.max(1, Math.ceil(total / CUSTOMERS_PER_PAGE));
  const page = Math.min(table.page, pages);
  const offset = (page - 1) * CUSTOMERS_PER_PAGE;

  const direction = table.dir === 'desc' ? 'DESC' : 'ASC';
  const cluster = CLUSTER_COLUMNS[filters.method];
  const paged = searchWhere(runId, filters, table.q, 3);
  const columns = `c.customer_id, c.country, c.segment, c.combined_segment, c.churn_status, c.churn_basis, c.${cluster.label}::int AS cluster, c.${cluster.name} AS cluster_name,
            c.r_score::int AS r_score, c.f_score::int AS f_score, c.m_score::int AS m_score, c.recency::int AS recency,
            c.frequency::int AS frequency, c.monetary::float8 AS monetary, c.clv::float8 AS clv, c.p_alive::float8 AS p_alive,
            to_char(c.last_purchase, 'YYYY-MM-DD') AS last_purchase`;
  // In the results cache, when many customers match, two phases: sort only the id and the sort column
  // of the matching customers to find the page's ids, then read the page's rows. Measured at a million
  // customers: 4-30x faster with 348,000 or all matching, 1.2-4x slower with 44,000 (the join reads
  // every row of the run once), so below twoPhaseMinMatches() the cache sorts whole rows.
  // The database reads a page in index order instead.
  const select = (where: string, order: string) =>
    client instanceof CachedResultsSqlClient && total >= twoPhaseMinMatches()
      ? `SELECT ${columns} FROM customer_result c
           JOIN (SELECT c.customer_id FROM customer_result c WHERE ${paged.where}${where} ORDER BY ${order} LIMIT $1 OFFSET $2) p ON p.customer_id = c.customer_id
          WHERE c.run_id = $3 ORDER BY ${order}`
      : `SELECT ${columns} FROM customer_result c WHERE ${paged.where}${where} ORDER BY ${order} LIMIT $1 OFFSET $2`;
  const byId = `c.customer_id ${direction}`;
  const rows: CustomerRow[] = [];
  if (offset < withValue) {
    const order = column === 'c.customer_id' ? byId : `${column} ${direction}, ${byId}`;
    const { rows: valued } = await client.query<CustomerRow>(select(nullable ? ` AND ${column} IS NOT NULL` : '', order), [
      CUSTOMERS_PER_PAGE,
      offset,
      ...paged.params,
    ]);
    rows.push(...valued);
  }
  if (nullable && rows.length < CUSTOMERS_PER_PAGE && total > withValue) {
    const { rows: empty } = await client.query<CustomerRow>(select(` AND ${column} IS NULL`, byId), [
      CUSTOMERS_PER_PAGE - rows.length,
      Math.max(0, offset - withValue),
      ...paged.params,
    ]);
    rows.push(...empty);
  }
  const notes = await getLifetimeValueNotes(runId);
  return {
    rows: rows.map((row) => ({
      customerId: row.customer_id,
      country: row.country,
      segment: row.segment,
      combinedSegment: row.combined_segment,
      churnStatus: row.churn_status,
      churnStatusLabel: describeChurnStatus(row.churn_status, row.churn_basis, row.p_alive),
      cluster: row.cluster,
      clusterName: row.cluster_name,
      rScore: row.r_score,
      fScore: row.f_score,
      mScore: row.m_score,
      recency: row.recency,
      frequency: row.frequency,
      monetary: row.monetary,
      clv: row.clv,
      pAlive: row.p_alive,
      pAliveReason: pAliveReason(notes, { pAlive: row.p_alive, frequency: row.frequency }),
      lastPurchase: row.last_purchase,
    })),
    clvCaveat: notes.caveat,
    pAliveNote: notes.pAliveNote,
    total,
    page,
    pages,
    pageSize: CUSTOMERS_PER_PAGE,
  };
}
