import { expect, test, vi } from 'vitest';
import { clearLiveProgress, setLiveProgress } from '../runs/live-progress';

vi.mock('server-only', () => ({}));
const opened = vi.fn();
vi.mock('../db/database', () => ({
  getDatabase: async () => {
    opened();
    return { prisma: { run: { findUnique: async () => ({ id: 7, datasetId: 3, status: 'succeeded', progress: 1, progressMessage: 'Analysis complete', error: null }) } } };
  },
}));
const { getRunStatus } = await import('./get-run-status');

test('a run executing in this process answers from memory; afterwards the run row answers', async () => {
  setLiveProgress({ runId: 7, datasetId: 3, progress: 0.95, message: 'Saving the results' });
  expect(await getRunStatus(7)).toEqual({ runId: 7, datasetId: 3, status: 'running', progress: 0.95, message: 'Saving the results', error: null });
  expect(opened).not.toHaveBeenCalled();
  clearLiveProgress(7);
  expect(await getRunStatus(7)).toEqual({ runId: 7, datasetId: 3, status: 'succeeded', progress: 1, message: 'Analysis complete', error: null });
  expect(opened).toHaveBeenCalledTimes(1);
});
