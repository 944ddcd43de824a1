import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { parseDashboardFilters } from '../../schemas/dashboard-filters-schema';
import type { Database } from '../db/database';
import { syntheticLog } from '../db/testing/synthetic-log';
import { DRIVER_TEST_BACKENDS } from '../db/testing/test-databases';
import type { StoredCleaningReport } from '../dashboard/get-dataset-reports';
import { getRemovedRun } from './live-progress';
import { failInterruptedRuns } from './run-ownership';
import { createDatasetRun, datasetFolder, DatasetNotDeletableError, deleteDataset, RunInProgressError, savingProgress, startRun } from './run-service';
import { bundleTestAnalysisWorker, bundleTestPreviewWorker } from './testing/test-analysis-worker';

vi.mock('server-only', () => ({}));
let current: Database | undefined;
vi.mock('../db/database', async (importOriginal) => ({ ...(await importOriginal<object>()), getDatabase: async () => current }));
const { getDatasetReports } = await import('../dashboard/get-dataset-reports');
const { getOverviewKpis } = await import('../dashboard/get-overview');

const workDir = mkdtempSync(join(tmpdir(), 'segmenta-runs-'));
let workerPath = '';
let previewWorkerPath = '';

beforeAll(async () => {
  workerPath = await bundleTestAnalysisWorker();
  previewWorkerPath = await bundleTestPreviewWorker();
}, 120_000);

test.each([
  [0, 100, 0.95, 'Saving the results: 0 of 100 rows'],
  [50, 100, 0.97, 'Saving the results: 50 of 100 rows'],
  [100, 100, 0.99, 'Saving the results: 100 of 100 rows'],
  [12_000, 40_000, 0.962, 'Saving the results: 12,000 of 40,000 rows'],
])('saving %i of %i rows fills the bar from 95 to 99 %% (100 %% is the run complete): %f', (written, total, fraction, message) => {
  const p = savingProgress(written, total);
  expect(p.fraction).toBeCloseTo(fraction, 10);
  expect(p.message).toBe(message);
});

describe.each(DRIVER_TEST_BACKENDS)('run service on $name', (backend) => {
  let db: Database;
  beforeAll(async () => {
    if (backend.available) current = db = await backend.open();
  }, 120_000);
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

      // The run is shown first; the dataset's lines are stored after it.
      await first.linesSaved;
      const dataset = await db.prisma.dataset.findUniqueOrThrow({ where: { id: first.datasetId } });
      expect(dataset.rowsRead).toBe(3000);
      expect(dataset.linesState).toBe('saved');
      const lines = await db.prisma.transaction.count({ where: { datasetId: dataset.id } });
      expect(lines).toBe(dataset.rowsKept + dataset.returnRows);
      const run = await db.prisma.run.findUniqueOrThrow({ where: { id: first.runId } });
      expect(run.status).toBe('succeeded');
      expect(run.progress).toBe(1);
      const customers = await db.prisma.customerResult.count({ where: { runId: run.id } });
      expect(customers).toBe(run.customerCount);
      expect(customers).toBe(dataset.customerCount);

      // The Data page and the overview agree on the money: the refunds break down the same way, and the
      // countries of the data-quality report add up to the overview's revenue.
      const cleaning = dataset.cleaningReport as unknown as StoredCleaningReport;
      const refunds = cleaning.refundBreakdown!;
      expect(refunds.total).toBeGreaterThan(0);
      expect(refunds.total).toBeCloseTo(cleaning.refunds, 2);
      expect(refunds.deducted).toBeCloseTo(cleaning.grossRevenue - cleaning.netRevenue, 2);
      expect(refunds.deducted + refunds.beyondPurchases! + refunds.withoutPurchase!).toBeCloseTo(refunds.total, 2);
      const kpis = await getOverviewKpis(run.id, parseDashboardFilters({}));
      for (const part of ['total', 'deducted', 'beyondPurchases', 'withoutPurchase'] as const) expect(kpis.refunds[part]).toBeCloseTo(refunds[part]!, 2);
      const quality = (await getDatasetReports())[dataset.id].quality!;
      expect(quality.refundBreakdown).toEqual(refunds);
      expect(quality.countriesRun).toBe(run.id);
      expect(quality.topCountries.length).toBeLessThan(10);
      expect(quality.topCountries.reduce((sum, c) => sum + c.revenue, 0)).toBeCloseTo(kpis.revenue, 6);
      expect(quality.topCountries.reduce((sum, c) => sum + c.customers, 0)).toBe(customers);

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

  test.skipIf(!backend.available)(
    'a first run that fails after cleaning keeps the lines and the report, and the dataset is re-analysed successfully',
    async () => {
      const path = join(workDir, `fails-${db.kind}.csv`);
      writeFileSync(path, syntheticLog(800, 40, 11));
      // The failure is injected after cleaning: a calibration end before the data stops the holdout stage.
      const first = await createDatasetRun(db, { workDir, workerPath, previewWorkerPath, progressIntervalMs: 0 }, {
        path,
        name: 'Fails',
        fileName: 'fails.csv',
        parameters: { calibrationEnd: Date.UTC(1990, 0, 1), intervalDraws: 20 },
      });
      const outcome = await first.finished;
      expect(outcome.status).toBe('failed');
      expect(outcome.error).toMatch(/^The calibration end must fall inside the data/);
      expect(await db.prisma.customerResult.count({ where: { runId: first.runId } })).toBe(0);

      const dataset = await db.prisma.dataset.findUniqueOrThrow({ where: { id: first.datasetId } });
      const cleaning = dataset.cleaningReport as unknown as StoredCleaningReport;
      expect(dataset.rowsRead).toBe(800);
      expect(dataset.rowsKept).toBe(cleaning.keptRows);
      expect(dataset.rowsKept).toBeGreaterThan(0);
      expect(dataset.customerCount).toBe(cleaning.customersAfter);
      expect(await db.prisma.transaction.count({ where: { datasetId: dataset.id } })).toBe(dataset.rowsKept + dataset.returnRows);
      expect(cleaning.refundBreakdown?.total).toBeCloseTo(cleaning.refunds, 2);

      // The Data page: the cleaning report with the reason of the failure, not "has not finished".
      let report = (await getDatasetReports())[dataset.id];
      expect(report.quality?.linesRead).toBe(800);
      expect(report.quality?.countriesRun).toBeNull();
      expect(report.analysisFailed).toBe(outcome.error);

      // Re-analysed from the stored lines: every customer of the cleaning, revenue as cleaning counted it.
      const again = await startRun(db, { workDir, workerPath }, dataset.id, { intervalDraws: 20 });
      expect(await again.finished).toEqual({ status: 'succeeded', error: null });
      const customers = await db.prisma.customerResult.aggregate({ where: { runId: again.runId }, _count: true, _sum: { monetary: true } });
      expect(customers._count).toBe(cleaning.customersAfter);
      expect(customers._sum.monetary).toBeCloseTo(cleaning.netRevenue, 6);
      report = (await getDatasetReports())[dataset.id];
      expect(report.analysisFailed).toBeNull();
      expect(report.quality?.countriesRun).toBe(again.runId);
    },
    120_000,
  );

  test.skipIf(!backend.available)('a first run that fails before the lines are read leaves nothing behind: no dataset, no run, no file', async () => {
    const uploads = join(workDir, 'uploads');
    mkdirSync(uploads, { recursive: true });
    const path = join(uploads, `header-only-${db.kind}.csv`);
    writeFileSync(path, 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n');
    const options = { workDir, workerPath, previewWorkerPath, progressIntervalMs: 0 };
    const first = await createDatasetRun(db, options, { path, name: 'Empty', fileName: 'empty.csv' });
    const outcome = await first.finished;
    expect(outcome.status).toBe('failed');
    expect(await db.prisma.dataset.count({ where: { id: first.datasetId } })).toBe(0);
    expect(await db.prisma.run.count({ where: { id: first.runId } })).toBe(0);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(datasetFolder(options, first.datasetId))).toBe(false);
    expect(getRemovedRun(first.runId)?.error).toBe(outcome.error);
  });

  test.skipIf(!backend.available)('deleting a dataset deletes its runs, results, stored lines and file; one being analysed is kept', async () => {
    const uploads = join(workDir, 'uploads');
    mkdirSync(uploads, { recursive: true });
    const path = join(uploads, `small-${db.kind}.csv`);
    writeFileSync(path, syntheticLog(400, 40));
    const options = { workDir, workerPath, previewWorkerPath, progressIntervalMs: 0 };
    const started = await createDatasetRun(db, options, { path, name: 'To delete', fileName: 'small.csv' });
    await expect(deleteDataset(db, started.datasetId, options)).rejects.toBeInstanceOf(DatasetNotDeletableError);
    expect((await started.finished).status).toBe('succeeded');
    expect(await db.prisma.customerResult.count({ where: { runId: started.runId } })).toBeGreaterThan(0);
    expect(existsSync(datasetFolder(options, started.datasetId))).toBe(true);

    await deleteDataset(db, started.datasetId, options);
    expect(await db.prisma.dataset.count({ where: { id: started.datasetId } })).toBe(0);
    expect(await db.prisma.run.count({ where: { id: started.runId } })).toBe(0);
    expect(await db.prisma.customerResult.count({ where: { runId: started.runId } })).toBe(0);
    expect(await db.prisma.transaction.count({ where: { datasetId: started.datasetId } })).toBe(0);
    expect(existsSync(datasetFolder(options, started.datasetId))).toBe(false);
  });

  test.skipIf(!backend.available)('runs left running by a stopped server are marked failed at start-up', async () => {
    const dataset = await db.prisma.dataset.findFirstOrThrow();
    const stale = await db.prisma.run.create({ data: { datasetId: dataset.id, parameters: {}, status: 'running' } });
    expect(await failInterruptedRuns(db)).toBe(1);
    const after = await db.prisma.run.findUniqueOrThrow({ where: { id: stale.id } });
    expect(after.status).toBe('failed');
    expect(after.error).toMatch(/server stopped before this run finished/);
  });
});
