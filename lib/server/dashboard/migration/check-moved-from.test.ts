import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { parseDashboardFilters } from '../../../schemas/dashboard-filters-schema';
import type { Database } from '../../db/database';
import { TEST_BACKENDS } from '../../db/testing/test-databases';

vi.mock('server-only', () => ({}));
const { checkMovedFrom } = await import('./check-moved-from');

describe.each(TEST_BACKENDS)('movement filters against the viewed run on $name', (backend) => {
  let db: Database;
  const runs = { january: 0, february: 0, march: 0, other: 0 };
  beforeAll(async () => {
    if (!backend.available) return;
    db = await backend.open();
    const dataset = (name: string) =>
      db.prisma.dataset.create({ data: { name, sourceFileName: name, checksum: name, byteSize: 1n, rowsRead: 0, rowsKept: 0, customerCount: 0, cleaningReport: {}, ingestReport: {} } });
    const shop = await dataset('shop.csv');
    const other = await dataset('other.csv');
    const run = async (datasetId: number, snapshot: string) =>
      (await db.prisma.run.create({ data: { datasetId, parameters: {}, status: 'succeeded', metrics: { options: { snapshot } } } })).id;
    runs.january = await run(shop.id, '2026-02-01');
    runs.february = await run(shop.id, '2026-03-01');
    runs.march = await run(shop.id, '2026-03-21');
    runs.other = await run(other.id, '2026-01-01');
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  const filters = (query: Record<string, string>) => parseDashboardFilters(query);

  test.skipIf(!backend.available)('an earlier snapshot of the same dataset is kept', async () => {
    const given = filters({ movedFrom: `${runs.january}:Champions`, churnFrom: `${runs.february}:Active` });
    expect(await checkMovedFrom(runs.march, given, db.sql)).toEqual({ filters: given, problems: [] });
  });

  test.skipIf(!backend.available)('another dataset’s run, the run itself and a later run are left out, each named', async () => {
    const checked = await checkMovedFrom(runs.march, filters({ movedFrom: `${runs.other}:Champions`, churnFrom: `${runs.march}:Active`, country: 'France' }), db.sql);
    expect(checked.filters.movedFrom).toBeUndefined();
    expect(checked.filters.churnFrom).toBeUndefined();
    expect(checked.filters.country).toEqual(['France']);
    expect(checked.problems).toEqual([
      `“Was Champions in run #${runs.other}” compares with run #${runs.other}, which is not an earlier snapshot of run #${runs.march}’s dataset; choose a cell of the segment movement on the Segments page.`,
      `“Churn status was Active in run #${runs.march}” compares with run #${runs.march}, which is not an earlier snapshot of run #${runs.march}’s dataset; choose a cell of the segment movement on the Segments page.`,
    ]);
    const later = await checkMovedFrom(runs.january, filters({ movedFrom: `${runs.february}:` }), db.sql);
    expect(later.problems).toEqual([
      `“New since run #${runs.february}” compares with run #${runs.february}, which is not an earlier snapshot of run #${runs.january}’s dataset; choose a cell of the segment movement on the Segments page.`,
    ]);
  });
});
