import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applyMigrations } from './apply-migrations';
import type { Database } from './database';
import { defaultMigrationsDir, readMigrations, type MigrationFile } from './read-migrations';
import { MIGRATION_LOCK_TOML, migrationList, NO_SCHEMA_FILTER, openSchemaEngine } from './schema-engine';
import { pgliteSqlClient, type SqlClient } from './sql-client';
import { TEST_BACKENDS } from './testing/test-databases';

const APP_TABLES = [
  '_prisma_migrations',
  'app_user',
  'audience',
  'auth_account',
  'auth_session',
  'auth_setting',
  'auth_verification',
  'customer_result',
  'dataset',
  'export_log',
  'run',
  'transaction_line',
];

async function tableNames(sql: SqlClient): Promise<string[]> {
  const { rows } = await sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

interface MigrationRecord {
  id: string;
  checksum: string;
  migration_name: string;
  logs: string | null;
  rolled_back_at: string | null;
  applied_steps_count: number;
  finished_after_start: boolean;
}

async function migrationRecords(sql: SqlClient): Promise<MigrationRecord[]> {
  const { rows } = await sql.query<MigrationRecord>(
    `SELECT id, checksum, migration_name, logs, rolled_back_at::text, applied_steps_count,
            finished_at >= started_at AS finished_after_start
     FROM _prisma_migrations ORDER BY migration_name`,
  );
  return rows;
}

async function columnsOf(sql: SqlClient, table: string) {
  const { rows } = await sql.query(
    `SELECT column_name, data_type, character_maximum_length::int AS length, is_nullable, column_default
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows;
}

test('migration folders are Prisma-shaped: <14-digit timestamp>_<name>/migration.sql and a postgresql lock file', async () => {
  const migrations = await readMigrations();
  expect(migrations.length).toBeGreaterThan(0);
  for (const m of migrations) expect(m.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
  const lock = await readFile(join(defaultMigrationsDir(), 'migration_lock.toml'), 'utf8');
  expect(lock).toBe(MIGRATION_LOCK_TOML);
  expect(lock).toMatch(/^provider = "postgresql"$/m);
});

test('checksums are the sha256 of migration.sql, as Prisma records them', async () => {
  for (const m of await readMigrations()) {
    const bytes = await readFile(join(defaultMigrationsDir(), m.name, 'migration.sql'));
    expect(m.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
  }
});

for (const backend of TEST_BACKENDS) {
  describe.skipIf(!backend.available)(`applyMigrations on ${backend.name}`, () => {
    let db: Database;
    let migrations: MigrationFile[];
    beforeAll(async () => {
      migrations = await readMigrations();
      db = await backend.open({ migrate: false });
    });
    afterAll(() => db?.close());

    test('applies every migration to an empty database, then nothing on the second call', async () => {
      expect(await tableNames(db.sql)).toEqual([]);
      const first = await applyMigrations(db.sql);
      expect(first).toEqual({ applied: migrations.map((m) => m.name), skipped: [], modified: [], unknown: [] });
      expect(await tableNames(db.sql)).toEqual(APP_TABLES);
      const second = await applyMigrations(db.sql);
      expect(second).toEqual({ applied: [], skipped: migrations.map((m) => m.name), modified: [], unknown: [] });
      expect(await migrationRecords(db.sql)).toHaveLength(migrations.length);
    });

    test('_prisma_migrations rows look like Prisma’s: uuid id, sha256 checksum, finished, one step, no logs', async () => {
      const records = await migrationRecords(db.sql);
      expect(records.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
      records.forEach((record, i) => {
        expect(record.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(record).toMatchObject({
          checksum: migrations[i].checksum,
          logs: null,
          rolled_back_at: null,
          applied_steps_count: 1,
          finished_after_start: true,
        });
      });
    });

    test('reports applied migrations whose file changed, and recorded ones the folder lacks', async () => {
      const changed = migrations.map((m, i) => (i === 0 ? { ...m, checksum: '0'.repeat(64) } : m));
      expect((await applyMigrations(db.sql, { migrations: migrations.slice(1) })).unknown).toEqual([migrations[0].name]);
      expect((await applyMigrations(db.sql, { migrations: changed })).modified).toEqual([migrations[0].name]);
    });

    test('a failing migration rolls back completely, records nothing, and the next call applies the fixed one', async () => {
      const broken: MigrationFile = {
        name: '29990101000000_broken',
        sql: 'CREATE TABLE half_done (id int);\nALTER TABLE no_such_table ADD COLUMN x int;\n',
        checksum: 'a'.repeat(64),
      };
      await expect(applyMigrations(db.sql, { migrations: [...migrations, broken] })).rejects.toThrow(/Migration 29990101000000_broken failed: .*no_such_table/);
      expect(await tableNames(db.sql)).toEqual(APP_TABLES);
      expect((await migrationRecords(db.sql)).map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));

      const fixed = { ...broken, sql: 'CREATE TABLE half_done (id int);\n', checksum: 'b'.repeat(64) };
      expect((await applyMigrations(db.sql, { migrations: [...migrations, fixed] })).applied).toEqual([fixed.name]);
      expect(await tableNames(db.sql)).toContain('half_done');
      await db.sql.exec(`DROP TABLE half_done; DELETE FROM _prisma_migrations WHERE migration_name = '${fixed.name}'`);
    });

    test('refuses to go on after a migration Prisma recorded as failed', async () => {
      await db.sql.query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, applied_steps_count)
         VALUES ('00000000-0000-4000-8000-000000000000', $1, '29990101000000_failed', 'boom', 0)`,
        ['c'.repeat(64)],
      );
      await expect(applyMigrations(db.sql)).rejects.toThrow(/29990101000000_failed failed earlier[\s\S]*boom/);
      await db.sql.query(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '29990101000000_failed'`);
      expect((await applyMigrations(db.sql)).applied).toEqual([]);
      await db.sql.query(`DELETE FROM _prisma_migrations WHERE migration_name = '29990101000000_failed'`);
    });

    test('callers racing on one database apply each migration once', async () => {
      const fresh = await backend.open({ migrate: false });
      try {
        const results = await Promise.all([applyMigrations(fresh.sql), applyMigrations(fresh.sql), applyMigrations(fresh.sql)]);
        expect(results.flatMap((r) => r.applied).sort()).toEqual(migrations.map((m) => m.name));
        expect(await migrationRecords(fresh.sql)).toHaveLength(migrations.length);
      } finally {
        await fresh.close();
      }
    });
  });
}

describe('agreement with Prisma’s own schema engine (WebAssembly build, on PGlite)', () => {
  let migrations: MigrationFile[];
  beforeAll(async () => {
    migrations = await readMigrations();
  });

  test('the engine creates _prisma_migrations with the same columns and records the same rows', async () => {
    const byEngine = new PGlite();
    const byUs = new PGlite();
    const handle = await openSchemaEngine({ database: byEngine });
    try {
      const output = await handle.engine.applyMigrations({ migrationsList: migrationList(migrations), filters: NO_SCHEMA_FILTER });
      expect(output.appliedMigrationNames).toEqual(migrations.map((m) => m.name));
      await applyMigrations(pgliteSqlClient(byUs));
      const engineSql = pgliteSqlClient(byEngine);
      const ourSql = pgliteSqlClient(byUs);
      expect(await columnsOf(ourSql, '_prisma_migrations')).toEqual(await columnsOf(engineSql, '_prisma_migrations'));
      const strip = (records: MigrationRecord[]) => records.map((record) => ({ ...record, id: 'uuid' }));
      expect(strip(await migrationRecords(ourSql))).toEqual(strip(await migrationRecords(engineSql)));
      for (const table of APP_TABLES) expect(await columnsOf(ourSql, table)).toEqual(await columnsOf(engineSql, table));
    } finally {
      await handle.close();
      await byEngine.close();
      await byUs.close();
    }
  });

  test('a database migrated by the engine needs nothing from us, and one migrated by us needs nothing from the engine', async () => {
    const byEngine = new PGlite();
    const byUs = new PGlite();
    const engineHandle = await openSchemaEngine({ database: byEngine });
    const ourHandle = await openSchemaEngine({ database: byUs });
    try {
      await engineHandle.engine.applyMigrations({ migrationsList: migrationList(migrations), filters: NO_SCHEMA_FILTER });
      expect((await applyMigrations(pgliteSqlClient(byEngine))).applied).toEqual([]);
      await applyMigrations(pgliteSqlClient(byUs));
      const output = await ourHandle.engine.applyMigrations({ migrationsList: migrationList(migrations), filters: NO_SCHEMA_FILTER });
      expect(output.appliedMigrationNames).toEqual([]);
    } finally {
      await engineHandle.close();
      await ourHandle.close();
      await byEngine.close();
      await byUs.close();
    }
  });
});

test('readMigrations says which folder is missing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'segmenta-migrations-'));
  await rm(dir, { recursive: true });
  await expect(readMigrations(dir)).rejects.toThrow(`No migrations folder at ${dir}`);
});
