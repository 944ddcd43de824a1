import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { writeDemoLog } from '../../demo/write-demo-log';
import { openDatabase } from '../db/database';
import { INTERRUPTED_FIRST_RUN_MESSAGE, failInterruptedRuns } from './run-ownership';
import { createDatasetRun, deleteDataset } from './run-service';
import { bundleForTest, bundleTestAnalysisWorker } from './testing/test-analysis-worker';

let workerPath = '';
let childPath = '';

beforeAll(async () => {
  workerPath = await bundleTestAnalysisWorker();
  childPath = await bundleForTest('lib/server/runs/testing/start-run-child.ts', 'test-start-run-child.mjs');
}, 120_000);

test('killing the server in the middle of a run keeps the previous results and marks the run failed', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'segmenta-kill-'));

  // A first, successful analysis.
  let db = await openDatabase({ kind: 'pglite', dataDir });
  const smallPath = join(dataDir, 'small.csv');
  await writeDemoLog(smallPath, { customers: 200, seed: 3 });
  const first = await createDatasetRun(db, { workDir: dataDir, workerPath }, { path: smallPath, name: 'small', fileName: 'small.csv' });
  expect((await first.finished).status).toBe('succeeded');
  const customers = await db.prisma.customerResult.count({ where: { runId: first.runId } });
  expect(customers).toBe(200);
  await db.close();

  // Another process starts a long run and is killed while it runs.
  const child = spawn(process.execPath, [childPath, dataDir, workerPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const runId = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /RUNNING (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
      if (out.includes('FINISHED')) reject(new Error('the run finished before it could be interrupted'));
    });
    child.on('exit', (code) => reject(new Error(`child exited early with code ${code}`)));
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));

  // The next start: the lock of the dead process is taken over, the run is marked failed.
  db = await openDatabase({ kind: 'pglite', dataDir });
  try {
    expect(await failInterruptedRuns(db)).toBe(1);
    const interrupted = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(interrupted.status).toBe('failed');
    // Its dataset has no stored lines, so the message does not send the user to a re-analysis that cannot start.
    expect(interrupted.error).toBe(INTERRUPTED_FIRST_RUN_MESSAGE);
    expect(interrupted.error).toMatch(/upload the file again/);
    expect(await db.prisma.customerResult.count({ where: { runId } })).toBe(0);
    const previous = await db.prisma.run.findUniqueOrThrow({ where: { id: first.runId } });
    expect(previous.status).toBe('succeeded');
    expect(await db.prisma.customerResult.count({ where: { runId: first.runId } })).toBe(customers);

    // The interrupted run was its dataset's first: no lines were stored; the dataset can be deleted and the other stays.
    const { datasetId } = interrupted;
    expect((await db.prisma.dataset.findUniqueOrThrow({ where: { id: datasetId } })).rowsKept).toBe(0);
    await deleteDataset(db, datasetId);
    expect(await db.prisma.dataset.count({ where: { id: datasetId } })).toBe(0);
    expect(await db.prisma.dataset.count({ where: { id: first.datasetId } })).toBe(1);
  } finally {
    await db.close();
  }
}, 120_000);
