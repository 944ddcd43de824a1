import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { NEW_CUSTOMERS } from '../../../engines/rfm/segment-migration';
import { parseDashboardFilters } from '../../../schemas/dashboard-filters-schema';
import type { Database } from '../../db/database';
import { TEST_BACKENDS } from '../../db/testing/test-databases';
import { createDatasetRun, RunInProgressError, startRun } from '../../runs/run-service';
import { customerFilterSql } from '../customer-filter-sql';
import { THREE_MONTH_LOG_SNAPSHOTS, threeMonthLog } from './testing/three-month-log';
import { bundleTestAnalysisWorker } from '../../runs/testing/test-analysis-worker';

vi.mock('server-only', () => ({}));
let current: Database | undefined;
vi.mock('../../db/database', async (importOriginal) => ({ ...(await importOriginal<object>()), getDatabase: async () => current }));
const { createSnapshotRuns, NoSnapshotsError } = await import('../../runs/create-snapshot-runs');
const { getSegmentMigration } = await import('./get-segment-migration');
const { listEarlierSnapshots } = await import('./list-earlier-snapshots');

const workDir = mkdtempSync(join(tmpdir(), 'segmenta-migration-'));
let workerPath = '';

beforeAll(async () => {
  workerPath = await bundleTestAnalysisWorker();
}, 120_000);

describe.each(TEST_BACKENDS)('monthly snapshots and segment movement on $name', (backend) => {
  let db: Database;
  beforeAll(async () => {
    if (backend.available) current = db = await backend.open();
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  test.skipIf(!backend.available)(
    'two month-end snapshots of a hand-built log: their customers, the movement between them and the filter of a cell',
    async () => {
      const path = join(workDir, `three-months-${db.kind}.csv`);
      writeFileSync(path, threeMonthLog());
      const options = { workDir, workerPath, progressIntervalMs: 0 };
      const upload = await createDatasetRun(db, options, { path, name: 'Three months', fileName: 'three-months.csv', parameters: { intervalDraws: 0 } });
      expect(await upload.finished).toEqual({ status: 'succeeded', error: null });
      expect(await listEarlierSnapshots(upload.runId, db.sql)).toEqual({ current: { runId: upload.runId, snapshot: '2026-03-21', customerCount: 20 }, earlier: [] });

      const snapshots = await createSnapshotRuns(db, options, upload.datasetId, 6);
      expect(snapshots.map((s) => s.snapshot)).toEqual([...THREE_MONTH_LOG_SNAPSHOTS]);
      // All queued at once: the dataset is busy until the last has run.
      await expect(startRun(db, options, upload.datasetId, {})).rejects.toBeInstanceOf(RunInProgressError);
      const queued = await db.prisma.run.findMany({ where: { id: { in: snapshots.map((s) => s.runId) } }, select: { status: true } });
      expect(queued.every((r) => r.status === 'queued' || r.status === 'running')).toBe(true);
      for (const s of snapshots) expect(await s.finished).toEqual({ status: 'succeeded', error: null });
      const [february, march] = snapshots.map((s) => s.runId);

      const totals = async (runId: number) => {
        const { rows } = await db.sql.query<{ n: number; spend: number; last: string }>(
          `SELECT count(*)::int AS n, sum(monetary)::float8 AS spend, to_char(max(last_purchase), 'YYYY-MM-DD') AS last FROM customer_result WHERE run_id = $1`,
          [runId],
        );
        return rows[0];
      };
      expect(await totals(february)).toEqual({ n: 12, spend: 780, last: '2026-01-16' });
      expect(await totals(march)).toEqual({ n: 16, spend: 1200, last: '2026-02-15' });
      // The re-run form's snapshot date inside the data cuts the lines the same way.
      const rerun = await startRun(db, options, upload.datasetId, { snapshot: Date.parse('2026-02-01T00:00:00Z'), intervalDraws: 0 });
      expect(await rerun.finished).toEqual({ status: 'succeeded', error: null });
      expect(await totals(rerun.runId)).toEqual({ n: 12, spend: 780, last: '2026-01-16' });
      // The snapshots kept the parameters of the latest run, with their own dates.
      const parameters = await db.prisma.run.findUniqueOrThrow({ where: { id: march }, select: { parameters: true } });
      expect(parameters.parameters).toMatchObject({ intervalDraws: 0, snapshot: Date.parse('2026-03-01T00:00:00Z') });

      // Each run lists the earlier snapshots of its dataset, latest first.
      expect((await listEarlierSnapshots(upload.runId, db.sql)).earlier.map((s) => [s.runId, s.snapshot])).toEqual([
        [march, '2026-03-01'],
        [rerun.runId, '2026-02-01'],
        [february, '2026-02-01'],
      ]);
      expect(await listEarlierSnapshots(february, db.sql)).toMatchObject({ current: { runId: february, snapshot: '2026-02-01', customerCount: 12 }, earlier: [] });

      const movement = await getSegmentMigration(march, february, db.sql);
      expect(movement).not.toBeNull();
      const { segments, churn } = movement!;
      for (const matrix of [segments, churn]) {
        expect(matrix).toMatchObject({ newCustomers: 4, notInLater: 0 });
        expect(matrix.stayed + matrix.moved).toBe(12);
        expect(matrix.cells.reduce((sum, c) => sum + c.customers, 0)).toBe(16);
        expect(matrix.cells.reduce((sum, c) => sum + c.revenue, 0)).toBeCloseTo(1200, 6);
        expect(matrix.cells.reduce((sum, c) => sum + c.earlierRevenue, 0)).toBeCloseTo(780, 6);
        const newRow = matrix.cells.filter((c) => c.from === NEW_CUSTOMERS);
        expect(newRow.reduce((sum, c) => sum + c.customers, 0)).toBe(4);
        expect(newRow.reduce((sum, c) => sum + c.revenue, 0)).toBeCloseTo(120, 6);
      }

      // Every cell's count is what the customers table shows for its filter.
      const tableCount = async (query: Record<string, string>) => {
        const { where, params } = customerFilterSql(march, parseDashboardFilters(query));
        const { rows } = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM customer_result c WHERE ${where}`, params);
        return rows[0].n;
      };
      for (const cell of segments.cells) {
        const movedFrom = `${february}:${cell.from === NEW_CUSTOMERS ? '' : cell.from}`;
        expect(await tableCount({ segment: cell.to, movedFrom })).toBe(cell.customers);
      }
      for (const cell of churn.cells) {
        const churnFrom = `${february}:${cell.from === NEW_CUSTOMERS ? '' : cell.from}`;
        expect(await tableCount({ churn: cell.to, churnFrom })).toBe(cell.customers);
      }

      // Only an earlier snapshot of the same dataset compares.
      expect(await getSegmentMigration(february, march, db.sql)).toBeNull();
      expect(await getSegmentMigration(march, march, db.sql)).toBeNull();
    },
    180_000,
  );

  test.skipIf(!backend.available)('a dataset whose purchases lie in one month has no snapshot to take', async () => {
    const path = join(workDir, `one-month-${db.kind}.csv`);
    writeFileSync(path, threeMonthLog().split('\n').filter((line) => !/,2026-0[23]-/.test(line)).join('\n'));
    const options = { workDir, workerPath, progressIntervalMs: 0 };
    const upload = await createDatasetRun(db, options, { path, name: 'One month', fileName: 'one-month.csv', parameters: { intervalDraws: 0 } });
    expect((await upload.finished).status).toBe('succeeded');
    await expect(createSnapshotRuns(db, options, upload.datasetId, 6)).rejects.toThrow(NoSnapshotsError);
    await expect(createSnapshotRuns(db, options, upload.datasetId, 6)).rejects.toThrow('All purchases of this dataset fall in one month');
  }, 120_000);
});
