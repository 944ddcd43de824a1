// A server killed after a new dataset's run was shown but before all its lines were stored: the
// next start writes the lines again from the kept upload; without the upload it says they are lost.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test, vi } from 'vitest';
import { openDatabase } from '../db/database';
import { DatasetLinesUnavailableError, LINES_FAILED_MESSAGE, LINES_SAVING_MESSAGE } from './dataset-lines-state';
import { datasetFolder, resumeUnfinishedLineSaves, startRun } from './run-service';
import { bundleForTest, bundleTestAnalysisWorker, bundleTestPreviewWorker } from './testing/test-analysis-worker';

vi.mock('server-only', () => ({}));

let workerPath = '';
let previewWorkerPath = '';
let childPath = '';

beforeAll(async () => {
  workerPath = await bundleTestAnalysisWorker();
  previewWorkerPath = await bundleTestPreviewWorker();
  childPath = await bundleForTest('lib/server/runs/testing/lines-save-child.ts', 'test-lines-save-child.mjs');
}, 120_000);

test('killed while a new dataset’s lines are written: the run stays shown, a restart writes the lines again; without the upload it says they are lost', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'segmenta-lines-kill-'));
  const child = spawn(process.execPath, [childPath, dataDir, workerPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [runId, datasetId] = await new Promise<[number, number]>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /SUCCEEDED (\d+) (\d+)/.exec(out);
      if (m) {
        child.kill('SIGKILL');
        resolve([Number(m[1]), Number(m[2])]);
      }
      if (out.includes('FAILED')) reject(new Error(out));
    });
    child.on('exit', (code) => reject(new Error(`child exited early with code ${code}`)));
  });
  await new Promise((resolve) => child.once('exit', resolve));

  const db = await openDatabase({ kind: 'pglite', dataDir });
  const options = { workDir: dataDir, workerPath, previewWorkerPath, progressIntervalMs: 0 };
  try {
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe('succeeded');
    const stopped = await db.prisma.dataset.findUniqueOrThrow({ where: { id: datasetId } });
    expect(stopped.linesState).toBe('saving');
    const expectedLines = stopped.rowsKept + stopped.returnRows;
    expect(await db.prisma.transaction.count({ where: { datasetId } })).toBeLessThan(expectedLines);
    // Nobody is writing them in this process yet: a re-run says so instead of reading half the lines.
    await expect(startRun(db, options, datasetId, {})).rejects.toThrow(LINES_SAVING_MESSAGE);

    expect(await resumeUnfinishedLineSaves(db, options)).toEqual([datasetId]);
    // A re-run asked meanwhile waits for the lines, then analyses all of them: the same customers.
    const rerun = await startRun(db, options, datasetId, { kMax: 3, intervalDraws: 20 });
    expect(await rerun.finished).toEqual({ status: 'succeeded', error: null });
    const saved = await db.prisma.dataset.findUniqueOrThrow({ where: { id: datasetId } });
    expect(saved.linesState).toBe('saved');
    expect(await db.prisma.transaction.count({ where: { datasetId } })).toBe(expectedLines);
    expect((await db.prisma.run.findUniqueOrThrow({ where: { id: rerun.runId } })).customerCount).toBe(run.customerCount);
    expect(await resumeUnfinishedLineSaves(db, options)).toEqual([]);

    // The same stop, but the upload is gone: the lines are marked lost and a re-run says what to do.
    await db.sql.query(`UPDATE dataset SET lines_state = 'saving' WHERE id = $1`, [datasetId]);
    rmSync(datasetFolder(options, datasetId), { recursive: true, force: true });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await resumeUnfinishedLineSaves(db, options)).toEqual([datasetId]);
    const error = await startRun(db, options, datasetId, {}).catch((e: unknown) => e);
    warn.mockRestore();
    expect(error).toBeInstanceOf(DatasetLinesUnavailableError);
    expect((error as Error).message).toBe(LINES_FAILED_MESSAGE);
    expect((await db.prisma.dataset.findUniqueOrThrow({ where: { id: datasetId } })).linesState).toBe('failed');
    expect(await db.prisma.transaction.count({ where: { datasetId } })).toBe(0);
    // The results stay browsable.
    expect(await db.prisma.customerResult.count({ where: { runId } })).toBe(run.customerCount);
  } finally {
    await db.close();
  }
}, 300_000);
