import { createMigration } from '../lib/server/db/create-migration';

// `npm run db:create-migration -- <name>`: write prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that brings the migrations up to prisma/schema.prisma (Prisma's WebAssembly schema
// engine diffs them; no database is touched), as `prisma migrate dev --create-only` would.
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name) throw new Error('Usage: npm run db:create-migration -- <name, e.g. add_sort_indexes>');
  const created = await createMigration(name);
  console.log(created ? `Created ${created.path}\n\n${created.sql}` : 'prisma/schema.prisma and prisma/migrations agree: nothing to write.');
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
