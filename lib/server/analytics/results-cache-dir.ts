import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Database } from '../db/database';

const memoryDirs = new WeakMap<Database, string>();
const removeAtExit = new Set<string>();

function temporaryDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'segmenta-cache-'));
  if (removeAtExit.size === 0) process.once('exit', () => removeAtExit.forEach((d) => rmSync(d, { recursive: true, force: true })));
  removeAtExit.add(dir);
  return dir;
}

/**
 * Where the results cache of `db` keeps its per-run Parquet files: `SEGMENTA_CACHE_DIR` (a folder
 * per database inside it) when set; else `cache/` in the embedded database's data folder; for
 * PostgreSQL `./data/cache/pg-<hash of the server URL>`; for an in-memory database a temporary
 * folder removed when the process exits.
 */
export function resultsCacheDir(db: Database, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const perDatabase = (base: string) => join(base, `${db.kind === 'postgres' ? 'pg' : 'pglite'}-${createHash('sha1').update(db.location).digest('hex').slice(0, 12)}`);
  const configured = env.SEGMENTA_CACHE_DIR?.trim();
  if (db.location === ':memory:') {
    let dir = memoryDirs.get(db);
    if (!dir) {
      dir = temporaryDir();
      memoryDirs.set(db, dir);
    }
    return dir;
  }
  if (configured) return perDatabase(resolve(/* turbopackIgnore: true */ configured));
  if (db.kind === 'pglite') return join(db.location, 'cache');
  return perDatabase(resolve(/* turbopackIgnore: true */ env.SEGMENTA_DATA_DIR?.trim() || 'data', 'cache'));
}
