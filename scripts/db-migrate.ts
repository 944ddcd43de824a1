import { closeDatabase, getDatabase } from '../lib/server/db/database';

// `npm run db:migrate`: apply pending migrations to the configured database (PGlite in
// SEGMENTA_DATA_DIR, or the PostgreSQL server in DATABASE_URL) and say what was done.
async function main(): Promise<void> {
  const db = await getDatabase();
  const m = db.migrations;
  console.log(`Database: ${db.kind} at ${db.location}`);
  if (m) {
    console.log(m.applied.length > 0 ? `Applied: ${m.applied.join(', ')}` : 'Nothing to apply: the database is up to date.');
    if (m.skipped.length > 0) console.log(`Already applied: ${m.skipped.length}`);
    if (m.modified.length > 0) console.log(`Warning: changed since they were applied (left as they are): ${m.modified.join(', ')}`);
    if (m.unknown.length > 0) console.log(`Warning: recorded in the database but not in prisma/migrations: ${m.unknown.join(', ')}`);
  }
  await closeDatabase();
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
