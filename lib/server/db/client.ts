// The entry point for Next.js code (pages, actions, route handlers). Scripts, worker threads and
// tests import ./database directly: 'server-only' throws outside React Server environments.
import 'server-only';
import { getDatabase } from './database';
import type { PrismaClient } from './generated/client';
import type { SqlClient } from './sql-client';

export { closeDatabase, getDatabase, type Database } from './database';

/** The process-wide Prisma client (PGlite in SEGMENTA_DATA_DIR, or PostgreSQL at DATABASE_URL). */
export async function getPrisma(): Promise<PrismaClient> {
  return (await getDatabase()).prisma;
}

/** Raw SQL and COPY on the same connection as getPrisma(). */
export async function getSql(): Promise<SqlClient> {
  return (await getDatabase()).sql;
}
