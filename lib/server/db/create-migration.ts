import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultMigrationsDir } from './read-migrations';
import { MIGRATION_LOCK_TOML, pendingSchemaChanges } from './schema-engine';

export interface CreateMigrationOptions {
  schemaPath?: string;
  migrationsDir?: string;
  /** Folder timestamp; default now (UTC). */
  now?: Date;
}

export interface CreatedMigration {
  name: string;
  path: string;
  sql: string;
}

function migrationTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * Writes `<timestamp>_<name>/migration.sql` with the SQL that brings the migrations folder up to
 * prisma/schema.prisma, as `prisma migrate dev --create-only` would; null when nothing changed.
 */
export async function createMigration(name: string, options: CreateMigrationOptions = {}): Promise<CreatedMigration | null> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Migration name "${name}": use lower-case letters, digits and _`);
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const sql = await pendingSchemaChanges({ schemaPath: options.schemaPath, migrationsDir });
  if (sql === '') return null;
  const folder = `${migrationTimestamp(options.now ?? new Date())}_${name}`;
  const path = join(migrationsDir, folder);
  await mkdir(path, { recursive: true });
  await writeFile(join(path, 'migration.sql'), sql);
  const lockPath = join(migrationsDir, 'migration_lock.toml');
  if (!existsSync(lockPath)) await writeFile(lockPath, MIGRATION_LOCK_TOML);
  return { name: folder, path, sql };
}
