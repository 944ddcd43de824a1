import { applyMigrations } from '../apply-migrations';
import type { Database } from '../database';
import { readMigrations } from '../read-migrations';

/**
 * A migration test's set-up: applies every migration before the one whose name ends with `suffix`
 * (throws when there is none, or it is the first); `applyRest()` then applies the rest and says
 * whether that migration was among them.
 */
export async function migrateUpTo(sql: Database['sql'], suffix: string): Promise<{ applyRest: () => Promise<boolean> }> {
  const all = await readMigrations();
  const at = all.findIndex((m) => m.name.endsWith(suffix));
  if (at <= 0) throw new Error(`No migration after the first ends with ${suffix}.`);
  await applyMigrations(sql, { migrations: all.slice(0, at) });
  return { applyRest: async () => (await applyMigrations(sql, { migrations: all })).applied.some((name) => name.endsWith(suffix)) };
}
