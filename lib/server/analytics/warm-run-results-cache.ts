// A run's cache file built right after the run succeeds, so its first viewer finds it ready.
// Builds queue one behind another (each reads the whole run from the database and writes one
// Parquet file), in the background: the caller never waits, and a page asking before the file is
// there is answered by the database (runResultsFile with wait: false answers null meanwhile).
import type { Database } from '../db/database';
import { resultsCacheEnabled } from './cached-results-sql';
import { runResultsFile } from './run-results-cache';

const globalForWarming = globalThis as typeof globalThis & { segmentaCacheWarming?: Promise<void> };

/**
 * Queues the build of `runId`'s cache file (nothing when the cache is off, or the run has not
 * succeeded or is below SEGMENTA_CACHE_MIN_CUSTOMERS) and returns at once; the returned promise
 * settles when this build is done or given up (it never rejects: a failure is logged). A build
 * stops without a word when the database closes (db.closing).
 */
export function warmRunResultsCache(db: Database, runId: number): Promise<void> {
  if (!resultsCacheEnabled()) return Promise.resolve();
  const previous = globalForWarming.segmentaCacheWarming ?? Promise.resolve();
  const build = previous.then(async () => {
    // A database closing (server stopping, script ending) is not a failure: the first viewer builds the file.
    if (db.closing.aborted) return;
    try {
      await runResultsFile(db, runId);
    } catch (error) {
      if (db.closing.aborted) return;
      console.error(`The results cache of run ${runId} could not be built after the run; the database answers its pages: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  globalForWarming.segmentaCacheWarming = build;
  return build;
}
