import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../db/database';

/** A loose file in the uploads folder younger than this may be an upload being stored right now (by this or another server). */
export const LOOSE_UPLOAD_MIN_AGE_MS = 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;
const DATASET_FOLDER = /^dataset-(\d+)$/;

export interface SweepUploadsResult {
  /** Files and folders removed because no dataset points at them (refused, failed or interrupted uploads). */
  orphans: number;
  /** Dataset files removed because nothing can read them any more, or they passed the retention. */
  expired: number;
}

/**
 * Remove what the uploads folder holds for no one: loose files older than an hour (an upload
 * stopped between its preview and its dataset), folders of deleted datasets, the file of a
 * dataset with no stored lines and nothing running (nothing can read it again), and files of
 * datasets whose lines are stored (not still being saved) and whose newest run is older than `keepDays` (re-analysing
 * reads the stored lines, never the file). The staging folder is left to sweepStagingArea.
 */
export async function sweepUploads(
  db: Pick<Database, 'sql'>,
  uploadsDir: string,
  options: { keepDays: number; now?: number },
): Promise<SweepUploadsResult> {
  const now = options.now ?? Date.now();
  const result: SweepUploadsResult = { orphans: 0, expired: 0 };
  const entries = await readdir(uploadsDir, { withFileTypes: true }).catch(() => []);
  const { rows } = await db.sql.query<{ id: number; rows_kept: number; busy: boolean; newest: Date }>(
    `SELECT d.id, d.rows_kept,
            (d.lines_state = 'saving' OR EXISTS (SELECT 1 FROM run r WHERE r.dataset_id = d.id AND r.status IN ('queued', 'running'))) AS busy,
            GREATEST(d.created_at, (SELECT max(r.created_at) FROM run r WHERE r.dataset_id = d.id)) AS newest
       FROM dataset d`,
  );
  const datasets = new Map(rows.map((row) => [Number(row.id), row]));
  for (const entry of entries) {
    const path = join(uploadsDir, entry.name);
    if (entry.name === 'staging') continue;
    const folder = DATASET_FOLDER.exec(entry.name);
    if (entry.isDirectory() && folder) {
      const dataset = datasets.get(Number(folder[1]));
      if (!dataset) {
        await rm(path, { recursive: true, force: true });
        result.orphans++;
      } else if (!dataset.busy && (Number(dataset.rows_kept) === 0 || now - new Date(dataset.newest).getTime() > options.keepDays * DAY_MS)) {
        await rm(path, { recursive: true, force: true });
        result.expired++;
      }
      continue;
    }
    const info = await stat(path).catch(() => null);
    if (info && now - info.mtimeMs > LOOSE_UPLOAD_MIN_AGE_MS) {
      await rm(path, { recursive: true, force: true });
      result.orphans++;
    }
  }
  return result;
}
