// Test helper: the same suite runs on an in-memory PGlite and, when TEST_DATABASE_URL names a
// PostgreSQL server, on a database of its own created there and dropped afterwards.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type OpenDatabaseOptions } from '../database';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || null;

export interface TestBackend {
  name: string;
  available: boolean;
  /** A fresh, empty database (migrated unless migrate: false); close() also drops it. */
  open(options?: OpenDatabaseOptions): Promise<Database>;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL ?? undefined });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

// pg's pool.end() resolves before the server has seen every connection close: wait for them
// rather than forcing them closed, which would show up as connection errors in the test output.
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006') throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** A new database on the TEST_DATABASE_URL server; drop() removes it. */
export async function createPostgresTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `segmenta_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropDatabase(name) };
}

export const PGLITE_BACKEND: TestBackend = {
  name: 'PGlite (in memory)',
  available: true,
  open: (options) => openDatabase({ kind: 'pglite', dataDir: null }, options),
};

/** The database thread's bundle, built once per test process (scripts/bundle.mjs skips it when fresh). */
export async function pgliteThreadBundle(): Promise<string> {
  // @ts-expect-error -- plain ES module without types
  const { bundle } = (await import('../../../../scripts/bundle.mjs')) as { bundle(entry: string, out: string): Promise<string> };
  return bundle('lib/server/db/pglite-thread.ts', join('node_modules', '.cache', 'segmenta', 'test-pglite-thread.mjs'));
}

/** PGlite on its own worker thread, as the server runs it. */
export const PGLITE_THREAD_BACKEND: TestBackend = {
  name: 'PGlite (in memory, on a worker thread)',
  available: true,
  open: async (options) => openDatabase({ kind: 'pglite', dataDir: null, thread: await pgliteThreadBundle() }, options),
};

export const POSTGRES_BACKEND: TestBackend = {
  name: TEST_DATABASE_URL ? 'PostgreSQL (TEST_DATABASE_URL)' : 'PostgreSQL (skipped: TEST_DATABASE_URL not set)',
  available: TEST_DATABASE_URL !== null,
  async open(options) {
    const { url, drop } = await createPostgresTestDatabase();
    try {
      const db = await openDatabase({ kind: 'postgres', url, maxConnections: 4 }, options);
      return {
        ...db,
        async close() {
          await db.close();
          await drop();
        },
      };
    } catch (error) {
      await drop();
      throw error;
    }
  },
};

export const TEST_BACKENDS: readonly TestBackend[] = [PGLITE_BACKEND, POSTGRES_BACKEND];

/** The suites of the database layer itself also run on the thread the server uses. */
export const DRIVER_TEST_BACKENDS: readonly TestBackend[] = [PGLITE_BACKEND, PGLITE_THREAD_BACKEND, POSTGRES_BACKEND];
