import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { createPostgresTestDatabase, TEST_DATABASE_URL } from '@/lib/server/db/testing/test-databases';
import { ResponseCache, type ResponseCacheSettings } from './response-cache';
import { CHANGE_CHANNEL, shareInvalidations, type SharedInvalidation } from './shared-invalidation';

const SETTINGS: ResponseCacheSettings = { enabled: true, maxBytes: 1024 * 1024, ttlMs: 60_000 };

/** Resolves once `condition` holds; fails after `ms`. */
async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database(): Promise<string> {
  const db = await createPostgresTestDatabase();
  cleanups.push(db.drop);
  return db.url;
}

function join(cache: ResponseCache, url: string, options: { retryMs?: number; log?: (line: string) => void } = {}): SharedInvalidation {
  const shared = shareInvalidations(cache, { url, log: () => undefined, ...options });
  cleanups.push(() => shared.close());
  return shared;
}

describe.skipIf(!TEST_DATABASE_URL)('page caches of several servers on one PostgreSQL database', () => {
  test('a change made through one server empties the others\u2019 caches, and nobody hears its own change back', async () => {
    const url = await database();
    const [a, b, c] = [new ResponseCache(SETTINGS), new ResponseCache(SETTINGS), new ResponseCache(SETTINGS)];
    await Promise.all([join(a, url).ready, join(b, url).ready, join(c, url).ready]);
    const start = [a, b, c].map((cache) => cache.stats().invalidations);

    a.dataChanged('POST /data');
    await until(() => b.stats().invalidations === start[1]! + 1 && c.stats().invalidations === start[2]! + 1);
    expect(b.stats().lastChange).toBe('POST /data (another server)');
    expect(c.stats().lastChange).toBe('POST /data (another server)');

    b.dataChanged('run 7 finished');
    await until(() => a.stats().invalidations === start[0]! + 2 && c.stats().invalidations === start[2]! + 2);
    expect(a.stats().lastChange).toBe('run 7 finished (another server)');

    // Nothing echoes: after a quiet moment every count is where the two changes put it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([a, b, c].map((cache, i) => cache.stats().invalidations - start[i]!)).toEqual([2, 2, 2]);
  });

  test('a server on another database hears nothing', async () => {
    const [first, second] = [await database(), await database()];
    const [a, b] = [new ResponseCache(SETTINGS), new ResponseCache(SETTINGS)];
    await Promise.all([join(a, first).ready, join(b, second).ready]);
    const before = b.stats().invalidations;
    a.dataChanged('POST /data');
    // A server on the same database as `a` is the witness that the message went out.
    const witness = new ResponseCache(SETTINGS);
    await join(witness, first).ready;
    a.dataChanged('POST /audiences');
    await until(() => witness.stats().lastChange === 'POST /audiences (another server)');
    expect(b.stats().invalidations).toBe(before);
  });

  test('a dropped connection empties the cache, is reported once, and listening resumes', async () => {
    const url = await database();
    const lines: string[] = [];
    const cache = new ResponseCache(SETTINGS);
    const shared = join(cache, url, { retryMs: 50, log: (line) => lines.push(line) });
    await shared.ready;
    const before = cache.stats().invalidations;

    // Cut this server's listening connection from the database side.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    cleanups.push(() => admin.end());
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    await until(() => cache.stats().lastChange === 'listening to other servers again');
    // Once when the connection dropped, once when listening resumed.
    expect(cache.stats().invalidations).toBe(before + 2);
    expect(lines.filter((line) => line.includes('cannot hear other servers'))).toHaveLength(1);
    expect(lines.some((line) => line.includes('hears other servers\u2019 changes again'))).toBe(true);

    // And it hears again: a notification sent by hand (as another server would) empties it.
    await admin.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify({ from: 'another', reason: 'DELETE /users' })]);
    await until(() => cache.stats().lastChange === 'DELETE /users (another server)');
  });
});
