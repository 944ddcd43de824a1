import { randomUUID } from 'node:crypto';
import { readMigrations, type MigrationFile } from './read-migrations';
import type { SqlClient } from './sql-client';

/** Prisma's own migrations table, as `prisma migrate` creates it on PostgreSQL. */
export const PRISMA_MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// The advisory lock key `prisma migrate` takes, so the two never run at the same time.
const PRISMA_MIGRATE_LOCK = 72707369;

export interface ApplyMigrationsOptions {
  /** Default: prisma/migrations under the working directory. */
  migrationsDir?: string;
  /** Already read migrations; overrides migrationsDir. */
  migrations?: MigrationFile[];
}

export interface ApplyMigrationsResult {
  /** Migrations applied by this call, in order. */
  applied: string[];
  /** Migrations that were already applied. */
  skipped: string[];
  /** Applied migrations whose migration.sql has changed since (left as they are). */
  modified: string[];
  /** Migrations recorded in the database that the folder does not have. */
  unknown: string[];
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished: boolean;
  rolled_back: boolean;
  logs: string | null;
}

async function appliedMigrations(tx: SqlClient): Promise<MigrationRow[]> {
  const { rows } = await tx.query<MigrationRow>(
    `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back, logs
     FROM "_prisma_migrations" ORDER BY started_at`,
  );
  return rows;
}

function failedMigrationError(row: MigrationRow): Error {
  const logs = row.logs ? `\n${row.logs}` : '';
  return new Error(
    `Migration ${row.migration_name} failed earlier and was never marked as rolled back; ` +
      `fix the database, then run \`prisma migrate resolve --rolled-back ${row.migration_name}\` or delete its row from _prisma_migrations.${logs}`,
  );
}

/**
 * Applies the pending migrations of a Prisma migrations folder, each in its own transaction,
 * recording them in `_prisma_migrations` as `prisma migrate deploy` does. Safe to call on
 * every start: applied migrations are skipped, and concurrent callers wait for each other.
 */
export async function applyMigrations(sql: SqlClient, options: ApplyMigrationsOptions = {}): Promise<ApplyMigrationsResult> {
  const migrations = options.migrations ?? (await readMigrations(options.migrationsDir));
  const result: ApplyMigrationsResult = { applied: [], skipped: [], modified: [], unknown: [] };

  const rows = await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [PRISMA_MIGRATE_LOCK]);
    // Checked first: a role without CREATE on the schema can still use an existing table.
    const { rows: existing } = await tx.query<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
    if (!existing[0].present) await tx.exec(PRISMA_MIGRATIONS_TABLE_DDL);
    return appliedMigrations(tx);
  });
  const failed = rows.find((row) => !row.finished && !row.rolled_back);
  if (failed) throw failedMigrationError(failed);
  const known = new Set(migrations.map((m) => m.name));
  result.unknown = [...new Set(rows.filter((row) => row.finished && !known.has(row.migration_name)).map((row) => row.migration_name))];

  for (const migration of migrations) {
    const outcome = await sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [PRISMA_MIGRATE_LOCK]);
      // Read again under the lock: another process may have applied it meanwhile.
      const done = (await appliedMigrations(tx)).find((row) => row.migration_name === migration.name && row.finished && !row.rolled_back);
      if (done) return done.checksum === migration.checksum ? 'skipped' : 'modified';
      const id = randomUUID();
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, started_at, finished_at, migration_name, logs, rolled_back_at, applied_steps_count)
         VALUES ($1, $2, clock_timestamp(), NULL, $3, NULL, NULL, 0)`,
        [id, migration.checksum, migration.name],
      );
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`Migration ${migration.name} failed: ${message}`, { cause: error });
      }
      await tx.query(
        `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = applied_steps_count + 1 WHERE id = $1`,
        [id],
      );
      return 'applied';
    });
    result[outcome].push(migration.name);
  }
  return result;
}
