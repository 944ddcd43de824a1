import type { DashboardFilters } from '../../schemas/dashboard-filters-schema';
import { customerFilterSql } from '../dashboard/customer-filter-sql';
import { getDatabase, type Database } from '../db/database';
import type { SqlClient } from '../db/sql-client';
import { CachedResultsSqlClient } from './cached-results-sql-client';
import { runResultsFile } from './run-results-cache';

/** SEGMENTA_RESULTS_CACHE=off reads every customer_result statement from the database (a benchmark's "before", or to rule the cache out). */
export function resultsCacheEnabled(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env.SEGMENTA_RESULTS_CACHE?.trim().toLowerCase() !== 'off';
}

/**
 * The cache-backed client of a succeeded run, or null: the run is unfinished, failed or gone, the
 * cache is off, the file is still being built (the first read starts it in the background, so no
 * page waits for it), or it could not be built (logged; the database answers instead).
 */
export async function cachedResultsSql(db: Database, runId: number): Promise<CachedResultsSqlClient | null> {
  if (!resultsCacheEnabled()) return null;
  try {
    const file = await runResultsFile(db, runId, { wait: false });
    return file ? new CachedResultsSqlClient(db, file) : null;
  } catch (error) {
    console.error(`The results cache of run ${runId} could not be built, so the database answers instead: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** Raw SQL for the dashboard's reads of one run: the run's results cache when it has one, else the database. */
export async function customerResultsSql(runId: number): Promise<SqlClient> {
  const db = await getDatabase();
  return (await cachedResultsSql(db, runId)) ?? db.sql;
}

/**
 * Raw SQL for a view the database answers from a (run_id, column) index when nothing but the run
 * narrows it (a page of the customers table, the top CLV list): the database then, faster than any
 * scan of the run in the cache; the results cache (when built) under any other filter.
 */
export async function indexedResultsSql(runId: number, filters: DashboardFilters): Promise<SqlClient> {
  if (customerFilterSql(runId, filters).params.length === 1) return (await getDatabase()).sql;
  return customerResultsSql(runId);
}
