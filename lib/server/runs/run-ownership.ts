// Which server process owns a run. Each process gets an id; a run records its owner and a
// heartbeat the owner refreshes while the run is queued or running. A run whose heartbeat stopped
// belongs to a server that died: any other server fails it, never a live server's run.
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { notifyDataChanged } from '../response-cache/registry';

export const HEARTBEAT_INTERVAL_MS = 5_000;
/** A heartbeat older than this means the owner died (nine missed beats). */
export const STALE_AFTER_MS = 45_000;
export const SWEEP_INTERVAL_MS = 15_000;

const globalForInstance = globalThis as typeof globalThis & { segmentaInstanceId?: string };

/** This server process's id, the owner written on the runs it starts. */
export function instanceId(): string {
  globalForInstance.segmentaInstanceId ??= randomUUID();
  return globalForInstance.segmentaInstanceId;
}

/** What an interrupted run tells the user: a dataset with stored lines can be re-analysed; one without needs its file again. */
export const INTERRUPTED_RUN_MESSAGE = 'The server stopped before this run finished; start it again from the Data page (Re-analyse with other parameters).';
export const INTERRUPTED_FIRST_RUN_MESSAGE = 'The server stopped before this file’s lines were stored; delete this dataset and upload the file again.';

/**
 * Mark failed the runs a stopped server left queued or running. Without options (the embedded
 * database, whose folder one process holds): every such run. With `staleAfterMs` (PostgreSQL,
 * shared by several servers): only runs whose owner's heartbeat (or, before the first beat, whose
 * creation) is older than that, and never this instance's own. `onlyInstance` fails this
 * instance's own runs, at shutdown. Returns how many runs were failed.
 */
export async function failInterruptedRuns(db: Pick<Database, 'sql'>, options: { instance?: string; staleAfterMs?: number; onlyInstance?: string } = {}): Promise<number> {
  const params: unknown[] = [INTERRUPTED_RUN_MESSAGE, INTERRUPTED_FIRST_RUN_MESSAGE];
  let which = '';
  if (options.onlyInstance !== undefined) {
    params.push(options.onlyInstance);
    which = ` AND owner_instance = $${params.length}`;
  } else if (options.staleAfterMs !== undefined) {
    params.push(options.staleAfterMs);
    which = ` AND COALESCE(heartbeat_at, created_at) < now() - ($${params.length}::double precision * interval '1 millisecond')`;
    if (options.instance !== undefined) {
      params.push(options.instance);
      which += ` AND owner_instance IS DISTINCT FROM $${params.length}`;
    }
  }
  const { rowCount } = await db.sql.query(
    `UPDATE run SET status = 'failed', finished_at = now(), progress_message = 'Failed',
       error = CASE WHEN (SELECT d.rows_kept FROM dataset d WHERE d.id = run.dataset_id) > 0 THEN $1 ELSE $2 END
     WHERE status IN ('queued', 'running')${which}`,
    params,
  );
  if (rowCount > 0) notifyDataChanged('interrupted runs failed');
  return rowCount;
}

/** Refresh the heartbeat of every queued or running run this instance owns; returns how many. */
export async function beatHeart(db: Pick<Database, 'sql'>, instance: string): Promise<number> {
  const { rowCount } = await db.sql.query(`UPDATE run SET heartbeat_at = now() WHERE owner_instance = $1 AND status IN ('queued', 'running')`, [instance]);
  return rowCount;
}

/**
 * While this server runs on PostgreSQL: beat the heart of its runs every HEARTBEAT_INTERVAL_MS
 * and fail other servers' runs whose heartbeat stopped every SWEEP_INTERVAL_MS. On the embedded
 * database one process holds the data folder, so start-up alone fails what a stopped server left.
 */
export function watchRuns(
  db: Database,
  options: { instance?: string; heartbeatMs?: number; sweepMs?: number; staleAfterMs?: number; onFailed?: (count: number) => void } = {},
): { stop(): void } {
  if (db.kind !== 'postgres') return { stop() {} };
  const instance = options.instance ?? instanceId();
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  const report = (what: string) => (error: unknown) => console.warn(`Segmenta: ${what} failed: ${(error as Error).message}`);
  const heartbeat = setInterval(() => void beatHeart(db, instance).catch(report('the run heartbeat')), options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS);
  const sweep = setInterval(
    () =>
      void failInterruptedRuns(db, { instance, staleAfterMs })
        .then((count) => {
          if (count > 0) options.onFailed?.(count);
        })
        .catch(report('failing runs whose server stopped')),
    options.sweepMs ?? SWEEP_INTERVAL_MS,
  );
  heartbeat.unref();
  sweep.unref();
  return {
    stop() {
      clearInterval(heartbeat);
      clearInterval(sweep);
    },
  };
}
