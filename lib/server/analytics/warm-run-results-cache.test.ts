import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { writeDemoLog } from '../../demo/write-demo-log';
import type { Database } from '../db/database';
import { PGLITE_BACKEND } from '../db/testing/test-databases';
import { createDatasetRun, startRun } from '../runs/run-service';
import { resultsCacheDir } from './results-cache-dir';
import { removeDatasetResultsCache, runResultsFile } from './run-results-cache';
import { warmRunResultsCache } from './warm-run-results-cache';
import { bundleTestAnalysisWorker } from '../runs/testing/test-analysis-worker';

vi.mock('server-only', () => ({}));

const workDir = mkdtempSync(join(tmpdir(), 'segmenta-warm-'));
let workerPath = '';
let db: Database;

beforeAll(async () => {
  workerPath = await bundleTestAnalysisWorker();
  db = await PGLITE_BACKEND.open();
}, 180_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await db?.close();
});

const filesOf = (runId: number) => readdirSync(resultsCacheDir(db)).filter((name) => name.includes(`-run-${runId}-`) && name.endsWith('.parquet'));

test('a run that succeeds gets its cache file without any page asking; a failed run gets none', async () => {
  vi.stubEnv('SEGMENTA_CACHE_MIN_CUSTOMERS', '0');
  const path = join(workDir, 'log.csv');
  await writeDemoLog(path, { customers: 300, seed: 4 });
  const run = await createDatasetRun(db, { workDir, workerPath }, { path, name: 'warm', fileName: 'log.csv' });
  expect(await run.finished).toEqual({ status: 'succeeded', error: null });

  // Nothing reads the run: the file appears on its own, within a bound.
  const deadline = Date.now() + 60_000;
  while (filesOf(run.runId).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(filesOf(run.runId)).toHaveLength(1);
  const file = await runResultsFile(db, run.runId, { wait: false });
  expect(file && existsSync(file.path)).toBe(true);
  expect(file?.path.endsWith(filesOf(run.runId)[0])).toBe(true);

  // A calibration end before the data fails the run after its analysis started.
  const failing = await startRun(db, { workDir, workerPath }, run.datasetId, { calibrationEnd: Date.UTC(1990, 0, 1) });
  expect((await failing.finished).status).toBe('failed');
  // Every queued build has settled (this one queues behind them) and none wrote a file for the failed run.
  await warmRunResultsCache(db, failing.runId);
  expect(filesOf(failing.runId)).toEqual([]);
  expect(filesOf(run.runId)).toHaveLength(1);
}, 300_000);

test('with the cache switched off nothing is built; switched back on, the file is built again', async () => {
  const run = await db.prisma.run.findFirstOrThrow({ where: { status: 'succeeded' }, orderBy: { id: 'asc' } });
  await removeDatasetResultsCache(db, run.datasetId);
  expect(filesOf(run.id)).toEqual([]);
  vi.stubEnv('SEGMENTA_RESULTS_CACHE', 'off');
  await warmRunResultsCache(db, run.id);
  expect(filesOf(run.id)).toEqual([]);
  vi.stubEnv('SEGMENTA_RESULTS_CACHE', 'on');
  await warmRunResultsCache(db, run.id);
  expect(filesOf(run.id)).toHaveLength(1);
}, 120_000);

test('a build queued when its database has closed stops without an error and writes no file', async () => {
  vi.stubEnv('SEGMENTA_CACHE_MIN_CUSTOMERS', '0');
  const own = await PGLITE_BACKEND.open();
  const path = join(workDir, 'closing.csv');
  await writeDemoLog(path, { customers: 300, seed: 5 });
  const run = await createDatasetRun(own, { workDir, workerPath }, { path, name: 'closing', fileName: 'closing.csv' });
  expect((await run.finished).status).toBe('succeeded');
  await run.linesSaved;
  // The run's own warm-up is over; its file goes, so a new build would have to read the database.
  await warmRunResultsCache(own, run.runId);
  await removeDatasetResultsCache(own, run.datasetId);
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    // As at the end of a script: the database closes while builds are still queued.
    await own.close();
    expect(own.closing.aborted).toBe(true);
    await warmRunResultsCache(own, run.runId);
    expect(errors).not.toHaveBeenCalled();
    expect(readdirSync(resultsCacheDir(own)).filter((name) => name.includes(`-run-${run.runId}-`) && name.endsWith('.parquet'))).toEqual([]);
  } finally {
    errors.mockRestore();
  }
}, 300_000);
