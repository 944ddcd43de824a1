import { expect, test, vi } from 'vitest';
import { clearLiveProgress, rememberRemovedRun, setLiveProgress } from '../runs/live-progress';

vi.mock('server-only', () => ({}));
const opened = vi.fn();
const rows: Record<number, object> = {
  7: { id: 7, datasetId: 3, status: 'succeeded', progress: 1, progressMessage: 'Analysis complete', error: null },
  8: { id: 8, datasetId: 3, status: 'queued', progress: 0, progressMessage: 'Queued', error: null },
};
vi.mock('../db/database', () => ({
  getDatabase: async () => {
    opened();
    return {
      prisma: { run: { findUnique: async ({ where }: { where: { id: number } }) => rows[where.id] ?? null } },
      // Two queued runs (5 and 6) are ahead of run 8.
      sql: { query: async (_text: string, params: number[]) => ({ rows: [{ ahead: params[0] === 8 ? '2' : '0' }], rowCount: 1 }) },
    };
  },
}));
const { getRunStatus } = await import('./get-run-status');

test('a run executing in this process answers from memory; afterwards the run row answers', async () => {
  setLiveProgress({ runId: 7, datasetId: 3, progress: 0.975, message: 'Saving the results: 50 of 100 rows' });
  expect(await getRunStatus(7)).toEqual({ runId: 7, datasetId: 3, status: 'running', progress: 0.975, message: 'Saving the results: 50 of 100 rows', error: null, datasetRemoved: false, queuePosition: null });
  expect(opened).not.toHaveBeenCalled();
  clearLiveProgress(7);
  expect(await getRunStatus(7)).toEqual({ runId: 7, datasetId: 3, status: 'succeeded', progress: 1, message: 'Analysis complete', error: null, datasetRemoved: false, queuePosition: null });
  expect(opened).toHaveBeenCalledTimes(1);
});

test('a queued run says its place in line', async () => {
  expect(await getRunStatus(8)).toMatchObject({ status: 'queued', message: 'Queued: 3rd in line', queuePosition: 3 });
});

test('a failed first run whose dataset was removed still answers its failure; an unknown run answers null', async () => {
  rememberRemovedRun({ runId: 9, datasetId: 4, error: 'The file has no transaction lines.' });
  expect(await getRunStatus(9)).toEqual({ runId: 9, datasetId: 4, status: 'failed', progress: 0, message: 'Failed', error: 'The file has no transaction lines.', datasetRemoved: true, queuePosition: null });
  expect(await getRunStatus(10)).toBeNull();
});
