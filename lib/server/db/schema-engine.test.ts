import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applyMigrations } from './apply-migrations';
import { readMigrations } from './read-migrations';
import { databaseTarget, diffScript, migrationList, NO_SCHEMA_FILTER, openSchemaEngine, pendingSchemaChanges, schemaTarget, type SchemaEngineHandle } from './schema-engine';
import { pgliteSqlClient, pgSqlClient } from './sql-client';
import { createPostgresTestDatabase, POSTGRES_BACKEND } from './testing/test-databases';

test('prisma/schema.prisma and prisma/migrations agree: replaying the migrations leaves nothing to diff', async () => {
  expect(await pendingSchemaChanges()).toBe('');
});

describe('a database migrated by applyMigrations, introspected by Prisma’s schema engine', () => {
  let db: PGlite;
  let handle: SchemaEngineHandle;
  beforeAll(async () => {
    db = new PGlite();
    await applyMigrations(pgliteSqlClient(db));
    handle = await openSchemaEngine({ database: db });
  });
  afterAll(async () => {
    await handle?.close();
    await db?.close();
  });

  test('matches the schema exactly', async () => {
    expect(await diffScript(handle, databaseTarget(handle), schemaTarget(handle))).toBe('');
  });

  test('and the check notices a column the schema does not have', async () => {
    await db.exec('ALTER TABLE audience ADD COLUMN stray integer');
    try {
      expect(await diffScript(handle, databaseTarget(handle), schemaTarget(handle))).toMatch(/ALTER TABLE "audience" DROP COLUMN "stray"/);
    } finally {
      await db.exec('ALTER TABLE audience DROP COLUMN stray');
    }
  });
});

test('the migrations, replayed, differ from an empty database by every table of the schema', async () => {
  const handle = await openSchemaEngine();
  try {
    const script = await diffScript(handle, { tag: 'empty' }, { tag: 'migrations', ...migrationList(await readMigrations()) });
    for (const table of ['dataset', 'transaction_line', 'run', 'customer_result', 'audience', 'export_log']) {
      expect(script).toContain(`CREATE TABLE "public"."${table}"`);
    }
  } finally {
    await handle.close();
  }
});

describe.skipIf(!POSTGRES_BACKEND.available)(`Prisma’s schema engine on ${POSTGRES_BACKEND.name}`, () => {
  test('a server database migrated by applyMigrations has nothing left for `migrate deploy` (the engine applying through adapter-pg)', async () => {
    const { url, drop } = await createPostgresTestDatabase();
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      await applyMigrations(pgSqlClient(pool));
      const handle = await openSchemaEngine({ database: pool });
      try {
        const output = await handle.engine.applyMigrations({ migrationsList: migrationList(await readMigrations()), filters: NO_SCHEMA_FILTER });
        expect(output.appliedMigrationNames).toEqual([]);
      } finally {
        await handle.close();
      }
    } finally {
      await pool.end();
      await drop();
    }
  });
});
