// The database connection without the 'server-only' marker, so command-line scripts, worker
// threads and tests can use it; Next.js code imports it through ./client.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyMigrations, type ApplyMigrationsResult } from './apply-migrations';
import { lockDataDir } from './data-dir-lock';
import { PrismaClient } from './generated/client';
import { PGLITE_THREAD_BUNDLE, PgliteThread } from './pglite-thread-client';
import { pgliteSqlClient, pgSqlClient, type DatabaseKind, type SqlClient } from './sql-client';

export type DatabaseConfig =
  /**
   * Embedded PostgreSQL; dataDir null keeps everything in memory. `thread` is the bundled
   * pglite-thread worker to run it on a thread of its own (what the server does); without it
   * PGlite runs on the caller's thread (scripts, most tests).
   */
  | { kind: 'pglite'; dataDir: string | null; thread?: string | null }
  | { kind: 'postgres'; url: string; maxConnections?: number };

export interface OpenDatabaseOptions {
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** Default: prisma/migrations under the working directory. */
  migrationsDir?: string;
}

export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /** Raw SQL and COPY on the same connection (PGlite) or pool (PostgreSQL) as `prisma`. */
  readonly sql: SqlClient;
  /** The data folder, ':memory:', or the server URL without its password. */
  readonly location: string;
  /** What opening applied; null when opened with migrate: false. */
  readonly migrations: ApplyMigrationsResult | null;
  /** Aborted as soon as close() is called: background work (cache builds, line saves) stops on it. */
  readonly closing: AbortSignal;
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = 'data';

/** How long a Prisma transaction on PGlite waits for the single connection. */
export const PGLITE_TRANSACTION_MAX_WAIT_MS = 10 * 60_000;

/** DATABASE_URL and SEGMENTA_DATA_DIR are read. */
export type DatabaseEnv = Readonly<Record<string, string | undefined>>;

/** DATABASE_URL=postgres://... selects a PostgreSQL server; otherwise PGlite in SEGMENTA_DATA_DIR (default ./data). */
export function databaseConfigFromEnv(env: DatabaseEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
    throw new Error(
      'DATABASE_URL must start with postgres:// or postgresql://; leave it unset to use the embedded database in SEGMENTA_DATA_DIR (default ./data).',
    );
  }
  return { kind: 'pglite', dataDir: resolve(/* turbopackIgnore: true */ env.SEGMENTA_DATA_DIR?.trim() || DEFAULT_DATA_DIR) };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

async function openPglite(dataDir: string | null, thread: string | null, options: OpenDatabaseOptions): Promise<Database> {
  const release = dataDir ? lockDataDir(dataDir) : () => undefined;
  let pglite: PGlite | PgliteThread | undefined;
  try {
    // PGlite gets a folder of its own inside the data folder, which may hold other files.
    const pgliteDir = dataDir ? join(dataDir, 'pglite') : null;
    if (thread) pglite = await PgliteThread.open(pgliteDir, thread);
    else {
      pglite = pgliteDir ? new PGlite(pgliteDir) : new PGlite();
      await pglite.waitReady;
    }
    const sql = pgliteSqlClient(pglite);
    const migrations = options.migrate === false ? null : await applyMigrations(sql, { migrationsDir: options.migrationsDir });
    // One connection: a Prisma transaction queues behind a long raw one (a bulk COPY) instead of
    // giving up after Prisma's default 2 s wait for a connection. The thread has the part of
    // PGlite's interface the adapter calls (query, exec, transaction).
    const adapter = new PrismaPGlite(pglite as PGlite);
    const prisma = new PrismaClient({ adapter, transactionOptions: { maxWait: PGLITE_TRANSACTION_MAX_WAIT_MS } });
    const db = pglite;
    const closing = new AbortController();
    return {
      kind: 'pglite',
      prisma,
      sql,
      location: dataDir ?? ':memory:',
      migrations,
      closing: closing.signal,
      async close() {
        closing.abort(new Error('The database is closing.'));
        try {
          await prisma.$disconnect();
          await db.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    await pglite?.close().catch(() => undefined);
    release();
    throw error;
  }
}

async function openPostgres(url: string, maxConnections: number, options: OpenDatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  // An idle connection that drops (server restart) must not crash the process; the pool replaces it.
  pool.on('error', (error) => console.error(`PostgreSQL connection error: ${error.message}`));
  try {
    const sql = pgSqlClient(pool);
    const migrations = options.migrate === false ? null : await applyMigrations(sql, { migrationsDir: options.migrationsDir });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    const closing = new AbortController();
    return {
      kind: 'postgres',
      prisma,
      sql,
      location: redactUrl(url),
      migrations,
      closing: closing.signal,
      async close() {
        closing.abort(new Error('The database is closing.'));
        await prisma.$disconnect();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}

/** Opens a database and applies pending migrations. Prefer getDatabase() in the app: one per process. */
export function openDatabase(config: DatabaseConfig, options: OpenDatabaseOptions = {}): Promise<Database> {
  switch (config.kind) {
    case 'pglite':
      return openPglite(config.dataDir, config.thread ?? null, options);
    case 'postgres':
      return openPostgres(config.url, config.maxConnections ?? 10, options);
    default: {
      const unknown: never = config;
      throw new Error(`Unknown database kind ${JSON.stringify(unknown)}`);
    }
  }
}

// Kept on globalThis so Next.js hot reloads and repeated imports share one connection.
const globalForDatabase = globalThis as typeof globalThis & { segmentaDatabase?: Promise<Database> };

/** The embedded database runs on its own thread wherever the build made the thread's bundle. */
export function withPgliteThread(config: DatabaseConfig, bundle: string = PGLITE_THREAD_BUNDLE): DatabaseConfig {
  return config.kind === 'pglite' && config.thread === undefined && existsSync(bundle) ? { ...config, thread: bundle } : config;
}

/** The process-wide database, opened (and migrated) from the environment on first use. */
export function getDatabase(): Promise<Database> {
  let opening = globalForDatabase.segmentaDatabase;
  if (!opening) {
    opening = Promise.resolve().then(() => openDatabase(withPgliteThread(databaseConfigFromEnv())));
    globalForDatabase.segmentaDatabase = opening;
    const failed = opening;
    // A failed open is forgotten so the next call tries again.
    failed.catch(() => {
      if (globalForDatabase.segmentaDatabase === failed) delete globalForDatabase.segmentaDatabase;
    });
  }
  return opening;
}

/** Closes the process-wide database, if open (end of a script, test teardown). */
export async function closeDatabase(): Promise<void> {
  const opening = globalForDatabase.segmentaDatabase;
  delete globalForDatabase.segmentaDatabase;
  if (!opening) return;
  const db = await opening.catch(() => null);
  await db?.close();
}
