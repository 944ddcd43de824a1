// A background transaction (a dataset's lines, written after its run is shown) lets the pages'
// reads go first on the embedded database's one connection, yet always gets its turn. Only the
// order in which things happen is asserted, never a duration.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from './database';
import { BACKGROUND_MAX_DEFER_MS } from './pglite-thread-client';
import { DRIVER_TEST_BACKENDS, PGLITE_THREAD_BACKEND } from './testing/test-databases';

describe('a background transaction on the embedded database thread', () => {
  let db: Database;
  beforeAll(async () => {
    db = await PGLITE_THREAD_BACKEND.open();
    await db.sql.exec('CREATE TABLE bg_rows (n int)');
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  test('waits while reads follow one another, and starts once they stop', async () => {
    const events: string[] = [];
    let reading = true;
    const reads = (async () => {
      // Each read asked the moment the one before is answered, as a page's reads come: far shorter
      // in all than the longest a background transaction defers.
      for (let i = 0; i < 40; i += 1) await db.sql.query('SELECT pg_sleep(0.002)');
      reading = false;
      events.push('reads done');
    })();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const background = db.sql.transaction(
      async (tx) => {
        events.push(reading ? 'background started while reading' : 'background started');
        await tx.query('INSERT INTO bg_rows VALUES (1)');
      },
      { background: true },
    );
    await Promise.all([reads, background]);
    expect(events).toEqual(['reads done', 'background started']);
    expect((await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM bg_rows')).rows[0].n).toBe(1);
  });

  test(`gets its turn after at most about ${BACKGROUND_MAX_DEFER_MS} ms of reads that never pause`, async () => {
    // Without its limit on waiting, the transaction would wait for a pause that never comes, and
    // this test would time out.
    let backgroundDone = false;
    const reads = (async () => {
      while (!backgroundDone) await db.sql.query('SELECT pg_sleep(0.002)');
    })();
    await db.sql.transaction(
      async (tx) => {
        await tx.query('INSERT INTO bg_rows VALUES (2)');
      },
      { background: true },
    );
    backgroundDone = true;
    await reads;
    expect((await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM bg_rows WHERE n = 2')).rows[0].n).toBe(1);
  }, 30_000);

  test('rolls back when its work throws, as any transaction', async () => {
    await expect(
      db.sql.transaction(
        async (tx) => {
          await tx.query('INSERT INTO bg_rows VALUES (3)');
          throw new Error('copy failed');
        },
        { background: true },
      ),
    ).rejects.toThrow('copy failed');
    expect((await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM bg_rows WHERE n = 3')).rows[0].n).toBe(0);
  });
});

describe.each(DRIVER_TEST_BACKENDS)('a background transaction on $name', (backend) => {
  test.skipIf(!backend.available)('commits its work like any transaction', async () => {
    const db = await backend.open();
    try {
      await db.sql.exec('CREATE TABLE bg_plain (n int)');
      const answer = await db.sql.transaction(async (tx) => {
        await tx.query('INSERT INTO bg_plain VALUES (1), (2)');
        return 'done';
      }, { background: true });
      expect(answer).toBe('done');
      expect((await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM bg_plain')).rows[0].n).toBe(2);
    } finally {
      await db.close();
    }
  }, 60_000);
});
