// The run and dataset facts pages read on every request are kept across requests only behind the
// page cache, and every change reaches the next request: a write request through the server
// (rename, currency, deletion) and a finished run (notifyDataChanged) as the app makes them.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Database } from '../db/database';
import { TEST_BACKENDS } from '../db/testing/test-databases';
import { installResponseCacheRegistry, notifyDataChanged } from '../response-cache/registry';
import { ResponseCache } from '../response-cache/response-cache';
import { deleteDataset } from '../runs/run-service';
import { renameDataset, setDatasetCurrency } from '../runs/update-dataset';

vi.mock('server-only', () => ({}));
let current: Database | undefined;
vi.mock('../db/database', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../db/database')>()),
  getDatabase: async () => current,
}));
const { resolveViewedRun } = await import('./resolve-run');
const { getRunMoney } = await import('./get-run-money');
const { listRunChoices } = await import('./get-filter-options');

/** `write` run as the handler of a POST through the page cache's server, as a server action runs. */
async function writeThroughServer(cache: ResponseCache, write: () => Promise<unknown>): Promise<void> {
  const server = createServer((req, res) => {
    void cache.serve(req, res, async (_req, response) => {
      await write();
      response.end('done');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/data`, { method: 'POST' });
    expect(await response.text()).toBe('done');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe.each(TEST_BACKENDS)('run facts across requests on $name', (backend) => {
  let datasetId = 0;
  let firstRun = 0;
  beforeAll(async () => {
    if (!backend.available) return;
    current = await backend.open();
    const dataset = await current.prisma.dataset.create({
      data: { name: 'shop.csv', sourceFileName: 'shop.csv', checksum: 'x', byteSize: 1n, rowsRead: 0, rowsKept: 0, customerCount: 0, cleaningReport: {}, ingestReport: {}, currency: 'GBP', createdAt: new Date('2026-01-01T00:00:00Z') },
    });
    datasetId = dataset.id;
    firstRun = (await current.prisma.run.create({ data: { datasetId, parameters: {}, status: 'succeeded', finishedAt: new Date('2026-01-02T00:00:00Z'), customerCount: 12 } })).id;
  }, 120_000);
  afterEach(() => installResponseCacheRegistry(null));
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });

  test.skipIf(!backend.available)('without a page cache every call reads the database: a change made behind its back is seen at once', async () => {
    expect((await resolveViewedRun({ run: undefined }))?.datasetName).toBe('shop.csv');
    await renameDataset(current!, datasetId, 'renamed quietly.csv');
    expect((await resolveViewedRun({ run: undefined }))?.datasetName).toBe('renamed quietly.csv');
    expect((await listRunChoices()).map((c) => c.label)).toEqual([`#${firstRun} renamed quietly.csv`]);
    await renameDataset(current!, datasetId, 'shop.csv');
  });

  test.skipIf(!backend.available)('behind the page cache a fact is read once per data change, and every change reaches the next request', async () => {
    const cache = new ResponseCache({ enabled: true, maxBytes: 1024 * 1024, ttlMs: 60_000 });
    installResponseCacheRegistry(cache);

    expect(await resolveViewedRun({ run: undefined })).toMatchObject({ runId: firstRun, datasetName: 'shop.csv' });
    expect(await getRunMoney(firstRun)).toEqual({ currency: 'GBP', valueBasis: null });
    expect((await listRunChoices()).map((c) => c.id)).toEqual([firstRun]);
    expect(cache.memo.size).toBe(3);

    // Kept: a change no one announced (which the app never makes) is not read again.
    await renameDataset(current!, datasetId, 'unannounced.csv');
    expect((await resolveViewedRun({ run: undefined }))?.datasetName).toBe('shop.csv');

    // A rename through the server (a POST: the page cache's write rule).
    await writeThroughServer(cache, () => renameDataset(current!, datasetId, 'renamed.csv'));
    expect((await resolveViewedRun({ run: undefined }))?.datasetName).toBe('renamed.csv');
    expect((await listRunChoices()).map((c) => c.label)).toEqual([`#${firstRun} renamed.csv`]);

    // A currency change through the server.
    await writeThroughServer(cache, () => setDatasetCurrency(current!, datasetId, 'EUR'));
    expect(await getRunMoney(firstRun)).toEqual({ currency: 'EUR', valueBasis: null });

    // A new run that finished (run-service announces it with notifyDataChanged).
    expect((await resolveViewedRun({ run: undefined }))?.runId).toBe(firstRun);
    const secondRun = (await current!.prisma.run.create({ data: { datasetId, parameters: {}, status: 'succeeded', finishedAt: new Date('2026-01-03T00:00:00Z'), customerCount: 20 } })).id;
    expect((await resolveViewedRun({ run: undefined }))?.runId).toBe(firstRun);
    notifyDataChanged(`run ${secondRun} finished`);
    expect(await resolveViewedRun({ run: undefined })).toMatchObject({ runId: secondRun, customerCount: 20 });
    expect((await listRunChoices()).map((c) => c.id)).toEqual([secondRun, firstRun]);

    // The dataset and its runs deleted through the server: the run's address no longer resolves.
    expect((await resolveViewedRun({ run: secondRun }))?.runId).toBe(secondRun);
    await writeThroughServer(cache, () => deleteDataset(current!, datasetId));
    expect(await resolveViewedRun({ run: secondRun })).toBeNull();
    expect(await resolveViewedRun({ run: undefined })).toBeNull();
    expect(await listRunChoices()).toEqual([]);
  });

  test.skipIf(!backend.available)('with the page cache switched off (SEGMENTA_PAGE_CACHE=off) nothing is kept', async () => {
    const cache = new ResponseCache({ enabled: false, maxBytes: 1024 * 1024, ttlMs: 60_000 });
    installResponseCacheRegistry(cache);
    await listRunChoices();
    await getRunMoney(firstRun);
    expect(cache.memo.size).toBe(0);
  });
});
