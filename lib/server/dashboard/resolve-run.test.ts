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
  }, 120_000);
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
      snapshot: null,
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

describe.each(TEST_BACKENDS)('the default run beside monthly snapshots on $name', (backend) => {
  const ids = { full: 0, august: 0, september: 0, afterTheData: 0, running: 0, onlySnapshot: 0, onlySnapshotRunning: 0 };
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
  beforeAll(async () => {
    if (!backend.available) return;
    current = await backend.open();
    const dataset = (name: string) =>
      current!.prisma.dataset.create({
        data: {
          name, sourceFileName: name, checksum: name, byteSize: 1n, rowsRead: 0, rowsKept: 0, customerCount: 0, cleaningReport: {}, ingestReport: {},
          firstDate: new Date('2010-12-01T08:26:00Z'), lastDate: new Date('2011-12-09T12:50:00Z'),
        },
      });
    const retail = await dataset('retail.csv');
    const lonely = await dataset('lonely.csv');
    const run = async (datasetId: number, parameters: Record<string, number>, finishedAt: string | null) =>
      (await current!.prisma.run.create({ data: { datasetId, parameters, status: finishedAt ? 'succeeded' : 'running', finishedAt: finishedAt ? new Date(finishedAt) : null, customerCount: 5 } })).id;
    ids.full = await run(retail.id, { seed: 42 }, '2026-02-01T00:00:00Z');
    // Snapshots run after the full analysis, so they finish later.
    ids.august = await run(retail.id, { seed: 42, snapshot: day('2011-09-01') }, '2026-02-02T00:00:00Z');
    ids.september = await run(retail.id, { seed: 42, snapshot: day('2011-10-01') }, '2026-02-03T00:00:00Z');
    ids.running = await run(retail.id, { seed: 7 }, null);
    ids.onlySnapshot = await run(lonely.id, { snapshot: day('2011-06-01') }, '2026-01-15T00:00:00Z');
    ids.onlySnapshotRunning = await run(lonely.id, {}, null);
  }, 120_000);
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });

  test.skipIf(!backend.available)('no run in the URL shows the full-data run, not the snapshots that finished after it', async () => {
    expect(await resolveViewedRun({ run: undefined })).toMatchObject({ runId: ids.full, datasetName: 'retail.csv', snapshot: null, fellBack: false });
  });

  test.skipIf(!backend.available)('a snapshot named in the URL is shown with its date', async () => {
    expect(await resolveViewedRun({ run: ids.august })).toMatchObject({ runId: ids.august, snapshot: 'snapshot 31 Aug 2011' });
  });

  test.skipIf(!backend.available)('a run without results falls back to the full-data run of its dataset', async () => {
    expect(await resolveViewedRun({ run: ids.running })).toMatchObject({ runId: ids.full, fellBack: true });
  });

  test.skipIf(!backend.available)('a dataset with nothing but a snapshot falls back to that snapshot', async () => {
    expect(await resolveViewedRun({ run: ids.onlySnapshotRunning })).toMatchObject({ runId: ids.onlySnapshot, snapshot: 'snapshot 31 May 2011', fellBack: true });
  });

  test.skipIf(!backend.available)('a snapshot day after the last purchase counts all the data: it is the default when it is the latest', async () => {
    const retail = (await current!.prisma.run.findUniqueOrThrow({ where: { id: ids.full } })).datasetId;
    ids.afterTheData = (await current!.prisma.run.create({ data: { datasetId: retail, parameters: { snapshot: day('2011-12-10') }, status: 'succeeded', finishedAt: new Date('2026-02-04T00:00:00Z') } })).id;
    expect(await resolveViewedRun({ run: undefined })).toMatchObject({ runId: ids.afterTheData, snapshot: null });
  });
});
