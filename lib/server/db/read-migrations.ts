import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** One folder of prisma/migrations: `<timestamp>_<name>/migration.sql`. */
export interface MigrationFile {
  /** Folder name, which Prisma records as migration_name. */
  name: string;
  sql: string;
  /** sha256 of migration.sql, lower-case hex, as Prisma records it. */
  checksum: string;
}

/** prisma/migrations under the working directory (the project root for Next, scripts and tests). */
export function defaultMigrationsDir(): string {
  return resolve(/* turbopackIgnore: true */ process.cwd(), 'prisma', 'migrations');
}

export function migrationChecksum(sql: string | Buffer): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** The migrations of a Prisma migrations folder, in the order Prisma applies them (by folder name). */
export async function readMigrations(dir: string = defaultMigrationsDir()): Promise<MigrationFile[]> {
  if (!existsSync(/* turbopackIgnore: true */ dir)) throw new Error(`No migrations folder at ${dir}`);
  const entries = await readdir(/* turbopackIgnore: true */ dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: migrationChecksum(bytes) };
    }),
  );
}
