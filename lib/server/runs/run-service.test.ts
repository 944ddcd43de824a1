import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../db/database';
import { syntheticLog } from '../db/testing/synthetic-log';
import { TEST_BACKENDS } from '../db/testing/test-databases';
import { createDatasetRun, failInterruptedRuns, RunInProgressError, startRun } from './run-service';

const workDir = mkdtempSync(join(tmpdir(), 'segmenta-runs-'));
let workerPath = '';

beforeAll(async () => {
  // @ts-expect-error -- plain ES module without types
  const { bundle } = await import('../../../scripts/bundle.mjs');
  workerPath = await bundle('lib/server/runs/analysis-worker.ts', join('node_modules', '.cache', 'segmenta', 'test-analysis-worker.mjs'));
}, 60_000);

describe.each(TEST_BACKENDS)('run service on $name', (backend) => {
  let db: Database;
  beforeAll(async () => {
    if (backend.available) db = await backend.open();
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  test.skipIf(!backend.available)(
    'an upload becomes a dataset with its lines and a succeeded run; a re-run adds a run; a failed run keeps the earlier results',
    async () => {
      const path = join(workDir, `log-${backend.available ? db.kind : 'x'}.csv`);
      writeFileSync(path, syntheticLog(3000, 120));
      const first = await createDatasetRun(db, { workDir, workerPath, progressIntervalMs: 0 }, {
        path,
        name: 'Synthetic',
        fileName: 'log.csv',
        parameters: { kMax: 4, intervalDraws: 20 },
      });
      expect(await first.finished).toEqual({ status: 'succeeded', error: null });

      const dataset = await db.prisma.dataset.findUniqueOrThrow({ where: { id: first.datasetId } });
      expect(dataset.rowsRead).toBe(3000);
      const lines = await db.prisma.transaction.count({ where: { datasetId: dataset.id } });
      expect(lines).toBe(dataset.rowsKept + dataset.returnRows);
      const run = await db.prisma.run.findUniqueOrThrow({ where: { id: first.runId } });
      expect(run.status).toBe('succeeded');
      expect(run.progress).toBe(1);
      const customers = await db.prisma.customerResult.count({ where: { runId: run.id } });
      expect(customers).toBe(run.customerCount);
      expect(customers).toBe(dataset.customerCount);

      // A re-run with other parameters reads the stored lines and finds the same customers.
      const second = await startRun(db, { workDir, workerPath }, dataset.id, { k: 3, method: 'kmeans', intervalDraws: 20 });
      await expect(startRun(db, { workDir, workerPath }, dataset.id, {})).rejects.toBeInstanceOf(RunInProgressError);
      expect(await second.finished).toEqual({ status: 'succeeded', error: null });
      expect(await db.prisma.customerResult.count({ where: { runId: second.runId } })).toBe(customers);
      const sums = async (runId: number) =>
        (await db.prisma.customerResult.aggregate({ where: { runId }, _sum: { monetary: true, frequency: true } }))._sum;
      const [a, b] = [await sums(first.runId), await sums(second.runId)];
      expect(b.frequency).toBe(a.frequency);
      expect(b.monetary).toBeCloseTo(a.monetary ?? NaN, 6);

      // A run that fails leaves its error on the run and the earlier results untouched.
      const failing = await startRun(db, { workDir, workerPath }, dataset.id, { calibrationEnd: Date.UTC(1990, 0, 1) });
      const outcome = await failing.finished;
      expect(outcome.status).toBe('failed');
      expect(outcome.error).toMatch(/^The calibration end must fall inside the data/);
      const failed = await db.prisma.run.findUniqueOrThrow({ where: { id: failing.runId } });
      expect(failed.status).toBe('failed');
      expect(failed.error).toBe(outcome.error);
      expect(await db.prisma.customerResult.count({ where: { runId: failing.runId } })).toBe(0);
      expect(await db.prisma.customerResult.count({ where: { runId: second.runId } })).toBe(customers);
    },
    120_000,
  );

  test.skipIf(!backend.available)('runs left running by a stopped server are marked failed at start-up', async () => {
    const dataset = await db.prisma.dataset.findFirstOrThrow();
    const stale = await db.prisma.run.create({ data: { datasetId: dataset.id, parameters: {}, status: 'running' } });
    expect(await failInterruptedRuns(db)).toBe(1);
    const after = await db.prisma.run.findUniqueOrThrow({ where: { id: stale.id } });
    expect(after.status).toBe('failed');
    expect(after.error).toMatch(/server stopped before this run finished/);
  });
});
