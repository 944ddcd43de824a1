import { expect, test } from 'vitest';
import type { Database } from '../db/database';
import { ANALYSIS_PROGRESS_SHARE, progressWriter } from './run-service';

function recorder() {
  const writes: Array<{ progress: number; progressMessage: string }> = [];
  const db = { prisma: { run: { update: async ({ data }: { data: { progress: number; progressMessage: string } }) => writes.push(data) } } };
  return { writes, db: db as unknown as Pick<Database, 'prisma'> };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a report that comes too soon is written when the interval is over, replaced by newer ones', async () => {
  const { writes, db } = recorder();
  const writer = progressWriter(db, 1, 100);
  writer.report({ stage: 'ingest', fraction: 0, message: 'Reading transactions' });
  writer.report({ stage: 'holdout', fraction: 0.6, message: 'Validating on the holdout period' });
  writer.report({ stage: 'clustering', fraction: 0.7, message: 'Clustering customers' });
  await sleep(20);
  expect(writes.map((w) => w.progressMessage)).toEqual(['Reading transactions']);
  await sleep(150);
  expect(writes).toEqual([
    { progress: 0, progressMessage: 'Reading transactions' },
    { progress: 0.7 * ANALYSIS_PROGRESS_SHARE, progressMessage: 'Clustering customers' },
  ]);
  await writer.stop();
});

test('the end of the analysis reads as saving, and nothing is written after stop', async () => {
  const { writes, db } = recorder();
  const writer = progressWriter(db, 1, 100);
  writer.report({ stage: 'ingest', fraction: 0, message: 'Reading transactions' });
  writer.report({ stage: 'clustering', fraction: 1, message: 'Analysis complete' });
  await writer.stop();
  await sleep(150);
  expect(writes.map((w) => w.progressMessage)).toEqual(['Reading transactions']);

  const second = recorder();
  const next = progressWriter(second.db, 1, 0);
  next.report({ stage: 'clustering', fraction: 1, message: 'Analysis complete' });
  await next.stop();
  expect(second.writes).toEqual([{ progress: ANALYSIS_PROGRESS_SHARE, progressMessage: 'Saving the results' }]);
});
