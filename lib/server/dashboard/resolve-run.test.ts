import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { NO_SUCH_RUN } from '../../schemas/dashboard-filters-schema';
import type { Database } from '../db/database';
import { TEST_BACKENDS } from '../db/testing/test-databases';

vi.mock('server-only', () => ({}));
let current: Database | undefined;
vi.mock('../db/database', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../db/database')>()),
  getDatabase: async () => current,
}));
const { resolveViewedRun } = await import('./resolve-run');

describe.each(TEST_BACKENDS)('the viewed run on $name', (backend) => {
  const ids = { shopOld: 0, shopRunning: 0, otherLatest: 0 };
  let shopId = 0;
  beforeAll(async () => {
    if (!backend.available) return;
    current = await backend.open();
    const dataset = (name: string) =>
      current!.prisma.dataset.create({
        data: { name, sourceFileName: name, checksum: name, byteSize: 1n, rowsRead: 0, rowsKept: 0, customerCount: 0, cleaningReport: {}, ingestReport: {}, createdAt: new Date('2026-01-01T00:00:00Z') },
      });
    const shop = await dataset('shop.csv');
    const other = await dataset('other.csv');
    shopId = shop.id;
    const run = (datasetId: number, status: 'succeeded' | 'running', finishedAt: string | null, customerCount: number | null) =>
      current!.prisma.run.create({ data: { datasetId, parameters: {}, status, finishedAt: finishedAt ? new Date(finishedAt) : null, customerCount } });
    ids.shopOld = (await run(shop.id, 'succeeded', '2026-01-02T00:00:00Z', 12)).id;
    ids.shopRunning = (await run(shop.id, 'running', null, null)).id;
    ids.otherLatest = (await run(other.id, 'succeeded', '2026-01-03T00:00:00Z', 30)).id;
  }, 60_000);
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });

  test.skipIf(!backend.available)('no run in the URL shows the latest successful run of all', async () => {
    expect(await resolveViewedRun({ run: undefined })).toMatchObject({ runId: ids.otherLatest, datasetName: 'other.csv', customerCount: 30, fellBack: false });
  });

  test.skipIf(!backend.available)('a successful run in the URL is shown, even when a newer one exists', async () => {
    expect(await resolveViewedRun({ run: ids.shopOld })).toEqual({
      runId: ids.shopOld,
      datasetId: shopId,
      datasetName: 'shop.csv',
      datasetCreatedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-02T00:00:00.000Z',
      customerCount: 12,
      fellBack: false,
    });
  });

  test.skipIf(!backend.available)('a run still running shows the latest results of its own dataset, never another dataset', async () => {
    expect(await resolveViewedRun({ run: ids.shopRunning })).toMatchObject({ runId: ids.shopOld, datasetName: 'shop.csv', fellBack: true });
  });

  test.skipIf(!backend.available)('a run that does not exist, or a malformed one, resolves to nothing (the page answers 404)', async () => {
    expect(await resolveViewedRun({ run: ids.otherLatest + 1000 })).toBeNull();
    expect(await resolveViewedRun({ run: NO_SUCH_RUN })).toBeNull();
  });
});
