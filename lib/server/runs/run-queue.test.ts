import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeDemoLog } from '../../demo/write-demo-log';
import type { Database } from '../db/database';
import { PGLITE_BACKEND } from '../db/testing/test-databases';
import { createDatasetRun, getQueuePosition } from './run-service';
import { bundleTestAnalysisWorker } from './testing/test-analysis-worker';

const workDir = mkdtempSync(join(tmpdir(), 'segmenta-queue-'));
let workerPath = '';
let db: Database;

beforeAll(async () => {
  workerPath = await bundleTestAnalysisWorker();
  db = await PGLITE_BACKEND.open();
}, 180_000);
afterAll(() => db?.close());

test('on the embedded database one analysis runs at a time; the others wait in line, oldest first, and all finish', async () => {
  const paths = await Promise.all(
    [1, 2, 3].map(async (seed) => {
      const path = join(workDir, `log-${seed}.csv`);
      await writeDemoLog(path, { customers: 300, seed });
      return path;
    }),
  );
  const runs = [];
  for (const [i, path] of paths.entries()) runs.push(await createDatasetRun(db, { workDir, workerPath }, { path, name: `log ${i}`, fileName: `log-${i}.csv` }));
  const status = async (runId: number) => (await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).status;
  // The first holds the only slot; the second is next in line, the third behind it.
  while ((await status(runs[0].runId)) === 'queued') await new Promise((r) => setTimeout(r, 20));
  expect([await status(runs[1].runId), await status(runs[2].runId)]).toEqual(['queued', 'queued']);
  expect(await getQueuePosition(db, runs[1].runId)).toBe(1);
  expect(await getQueuePosition(db, runs[2].runId)).toBe(2);
  expect(await runs[0].finished).toEqual({ status: 'succeeded', error: null });
  expect(await runs[1].finished).toEqual({ status: 'succeeded', error: null });
  expect(await runs[2].finished).toEqual({ status: 'succeeded', error: null });
  // Each started only once the one before it had finished.
  const [a, b, c] = await Promise.all(runs.map((r) => db.prisma.run.findUniqueOrThrow({ where: { id: r.runId } })));
  expect((b.startedAt as Date).getTime()).toBeGreaterThanOrEqual((a.finishedAt as Date).getTime());
  expect((c.startedAt as Date).getTime()).toBeGreaterThanOrEqual((b.finishedAt as Date).getTime());
}, 300_000);
