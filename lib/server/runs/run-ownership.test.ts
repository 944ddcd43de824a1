import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeDemoLog } from '../../demo/write-demo-log';
import type { Database } from '../db/database';
import { createPostgresTestDatabase, POSTGRES_BACKEND } from '../db/testing/test-databases';
import { openDatabase } from '../db/database';
import {
  beatHeart,
  failInterruptedRuns,
  HEARTBEAT_INTERVAL_MS,
  instanceId,
  INTERRUPTED_FIRST_RUN_MESSAGE,
  INTERRUPTED_RUN_MESSAGE,
  STALE_AFTER_MS,
  SWEEP_INTERVAL_MS,
  watchRuns,
} from './run-ownership';
import { createDatasetRun, startRun } from './run-service';
import { bundleForTest, bundleTestAnalysisWorker, bundleTestPreviewWorker } from './testing/test-analysis-worker';

const workDir = mkdtempSync(join(tmpdir(), 'segmenta-ownership-'));
let workerPath = '';
let previewWorkerPath = '';
let childPath = '';

beforeAll(async () => {
  workerPath = await bundleTestAnalysisWorker();
  previewWorkerPath = await bundleTestPreviewWorker();
  childPath = await bundleForTest('lib/server/runs/testing/start-run-child.ts', 'test-start-run-child.mjs');
}, 120_000);

test('a killed server is noticed within a minute: stale after nine missed beats, swept every 15 s', () => {
  expect(HEARTBEAT_INTERVAL_MS * 9).toBeLessThanOrEqual(STALE_AFTER_MS);
  expect(STALE_AFTER_MS + SWEEP_INTERVAL_MS).toBeLessThanOrEqual(60_000);
});

if (!POSTGRES_BACKEND.available) {
  test.skip('run ownership on PostgreSQL (skipped: TEST_DATABASE_URL not set)', () => undefined);
}

describe.skipIf(!POSTGRES_BACKEND.available)('run ownership on PostgreSQL', () => {
  let db: Database;
  let datasetId: number;
  beforeAll(async () => {
    db = await POSTGRES_BACKEND.open();
    const dataset = await db.prisma.dataset.create({
      data: { name: 'owned', sourceFileName: 'owned.csv', checksum: 'owned', byteSize: 1n, rowsRead: 5, rowsKept: 5, customerCount: 1, options: {}, cleaningReport: {}, ingestReport: {} },
    });
    datasetId = dataset.id;
  }, 120_000);
  afterAll(() => db?.close());

  async function runOwnedBy(owner: string, heartbeatAgoSeconds: number, status: 'queued' | 'running' = 'running'): Promise<number> {
    const run = await db.prisma.run.create({ data: { datasetId, parameters: {}, status } });
    await db.sql.query(`UPDATE run SET owner_instance = $2, heartbeat_at = now() - ($3::double precision * interval '1 second') WHERE id = $1`, [run.id, owner, heartbeatAgoSeconds]);
    return run.id;
  }
  const statusOf = async (id: number) => (await db.prisma.run.findUniqueOrThrow({ where: { id } })).status;

  test('start-up fails only runs whose owner stopped beating; a live server’s runs and its own are left alone', async () => {
    const live = await runOwnedBy('server-a', 2);
    const liveQueued = await runOwnedBy('server-a', 2, 'queued');
    const dead = await runOwnedBy('server-dead', 120);
    const own = await runOwnedBy('server-b', 120);
    expect(await failInterruptedRuns(db, { instance: 'server-b', staleAfterMs: STALE_AFTER_MS })).toBe(1);
    expect([await statusOf(live), await statusOf(liveQueued), await statusOf(dead), await statusOf(own)]).toEqual(['running', 'queued', 'failed', 'running']);
    expect((await db.prisma.run.findUniqueOrThrow({ where: { id: dead } })).error).toBe(INTERRUPTED_RUN_MESSAGE);
    // A run created but not yet claimed counts from its creation, so a fresh one is never swept.
    const unclaimed = await db.prisma.run.create({ data: { datasetId, parameters: {}, status: 'queued' } });
    expect(await failInterruptedRuns(db, { instance: 'server-b', staleAfterMs: STALE_AFTER_MS })).toBe(0);
    expect(await statusOf(unclaimed.id)).toBe('queued');
    // At shutdown a server fails its own runs, and only those.
    expect(await failInterruptedRuns(db, { onlyInstance: 'server-a' })).toBe(2);
    expect(await statusOf(own)).toBe('running');
    await db.sql.query(`UPDATE run SET status = 'failed' WHERE status IN ('queued', 'running')`);
  });

  test('the owner’s heartbeat keeps its runs alive; another server’s sweep fails a run whose owner stopped within the sweep', async () => {
    const alive = await runOwnedBy('server-a', 0);
    const stopped = await runOwnedBy('server-dead', 0);
    expect(await beatHeart(db, 'server-a')).toBe(1);
    const a = watchRuns(db, { instance: 'server-a', heartbeatMs: 100, sweepMs: 100_000 });
    const b = watchRuns(db, { instance: 'server-b', heartbeatMs: 100, sweepMs: 250, staleAfterMs: 1500 });
    try {
      const started = Date.now();
      while ((await statusOf(stopped)) !== 'failed' && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 100));
      expect(await statusOf(stopped)).toBe('failed');
      // Stale after 1.5 s, swept every 0.25 s: failed within 1.5 s + 0.25 s (and some slack for a busy machine).
      expect(Date.now() - started).toBeLessThan(5000);
      await new Promise((r) => setTimeout(r, 2000));
      expect(await statusOf(alive)).toBe('running');
    } finally {
      a.stop();
      b.stop();
    }
    await db.sql.query(`UPDATE run SET status = 'failed' WHERE status IN ('queued', 'running')`);
  });

  test('a second server starting during a run leaves it running to success; a run failed by another server never flips to succeeded', async () => {
    const watcher = watchRuns(db, { heartbeatMs: 100, sweepMs: 100_000 });
    try {
      const path = join(workDir, 'owned.csv');
      await writeDemoLog(path, { customers: 400, seed: 11 });
      const run = await createDatasetRun(db, { workDir, workerPath, previewWorkerPath }, { path, name: 'live', fileName: 'owned.csv' });
      expect((await db.prisma.run.findUniqueOrThrow({ where: { id: run.runId } })).ownerInstance).toBe(instanceId());
      // Another server starts (twice) while the run is under way.
      expect(await failInterruptedRuns(db, { instance: 'server-b', staleAfterMs: STALE_AFTER_MS })).toBe(0);
      await new Promise((r) => setTimeout(r, 300));
      expect(await failInterruptedRuns(db, { instance: 'server-b', staleAfterMs: 1000 })).toBe(0);
      expect(await run.finished).toEqual({ status: 'succeeded', error: null });

      // A re-run another server wrongly took for dead (a heartbeat lost to a long stall): failed, and it stays failed.
      const second = await startRun(db, { workDir, workerPath, previewWorkerPath }, run.datasetId, {});
      for (let i = 0; i < 500 && (await statusOf(second.runId)) === 'queued'; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await statusOf(second.runId)).toBe('running');
      expect(await failInterruptedRuns(db, { instance: 'server-b', staleAfterMs: -60_000 })).toBe(1);
      expect((await second.finished).status).toBe('failed');
      const after = await db.prisma.run.findUniqueOrThrow({ where: { id: second.runId } });
      expect(after.status).toBe('failed');
      expect(after.error).toBe(INTERRUPTED_RUN_MESSAGE);
      expect(await db.prisma.customerResult.count({ where: { runId: second.runId } })).toBe(0);
      expect(await statusOf(run.runId)).toBe('succeeded');
      expect(await db.prisma.customerResult.count({ where: { runId: run.runId } })).toBe(400);
    } finally {
      watcher.stop();
    }
  }, 300_000);

  test('a killed server’s run is failed by the sweep of another server', async () => {
    const { url, drop } = await createPostgresTestDatabase();
    const other = await openDatabase({ kind: 'postgres', url, maxConnections: 4 });
    try {
      const child = spawn(process.execPath, [childPath, mkdtempSync(join(tmpdir(), 'segmenta-owner-child-')), workerPath, url], { stdio: ['ignore', 'pipe', 'inherit'] });
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
      // While it beats, this server's start-up leaves the run alone.
      await new Promise((r) => setTimeout(r, 600));
      expect(await failInterruptedRuns(other, { instance: 'server-b', staleAfterMs: 1500 })).toBe(0);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const killedAt = Date.now();
      const sweeper = watchRuns(other, { instance: 'server-b', sweepMs: 250, staleAfterMs: 1500 });
      try {
        let run = await other.prisma.run.findUniqueOrThrow({ where: { id: runId } });
        while (run.status === 'running' && Date.now() - killedAt < 15_000) {
          await new Promise((r) => setTimeout(r, 100));
          run = await other.prisma.run.findUniqueOrThrow({ where: { id: runId } });
        }
        expect(run.status).toBe('failed');
        expect(Date.now() - killedAt).toBeLessThan(6000);
        expect(run.error).toBe(INTERRUPTED_FIRST_RUN_MESSAGE);
      } finally {
        sweeper.stop();
      }
    } finally {
      await other.close();
      await drop();
    }
  }, 120_000);
});
