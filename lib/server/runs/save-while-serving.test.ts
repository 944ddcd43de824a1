// The server keeps answering while a large save is under way: the save commits batch by batch on
// the embedded database's own thread, so a request's queries run between two batches instead of
// after the last one. A new dataset's run is shown once its customer results are saved; its lines
// are written after, and a request made meanwhile sees the run succeeded and the lines 'saving'.
// No timing is asserted, only the order in which things finish.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../db/database';
import { syntheticLog } from '../db/testing/synthetic-log';
import { PGLITE_THREAD_BACKEND, POSTGRES_BACKEND } from '../db/testing/test-databases';
import { getLiveProgress } from './live-progress';
import { createDatasetRun, discardUnfinishedSaves } from './run-service';
import { bundleTestAnalysisWorker } from './testing/test-analysis-worker';

const workDir = mkdtempSync(join(tmpdir(), 'segmenta-save-'));
let workerPath = '';
// Enough lines for many batches of 10,000: the lines' save is far from over when the request comes.
const LOG = syntheticLog(45_000, 1_500);

beforeAll(async () => {
  workerPath = await bundleTestAnalysisWorker();
}, 120_000);

/** The rows a run's save has written so far, from its live progress; null before the save. */
function rowsSaved(runId: number): number | null {
  const match = getLiveProgress(runId)?.message.match(/^Saving the results: ([\d,]+) of ([\d,]+) rows$/);
  return match ? Number(match[1].replace(/,/g, '')) : null;
}

/** Resolves once the run has written at least one batch of its save. */
async function saveUnderWay(runId: number, finished: Promise<unknown>): Promise<void> {
  let done = false;
  void finished.then(() => (done = true));
  for (;;) {
    if ((rowsSaved(runId) ?? 0) > 0) return;
    if (done) throw new Error('The run finished before its save was seen under way');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function startRun(db: Database, name: string, saveBatchRows?: number) {
  const path = join(workDir, `${name}.csv`);
  writeFileSync(path, LOG);
  return createDatasetRun(db, { workDir, workerPath, progressIntervalMs: 0, saveBatchRows }, { path, name, fileName: `${name}.csv`, parameters: { kMax: 3, intervalDraws: 20 } });
}

describe.each([PGLITE_THREAD_BACKEND, POSTGRES_BACKEND])('saving on $name', (backend) => {
  let db: Database;
  let server: Server;
  let base = '';
  beforeAll(async () => {
    if (!backend.available) return;
    db = await backend.open();
    // A page's worth of database reads: the run list and a count, as the Data page and a status poll do.
    server = createServer((request, response) => {
      void (async () => {
        const runs = await db.prisma.run.findMany({ select: { id: true, status: true }, orderBy: { id: 'asc' } });
        const datasets = await db.prisma.dataset.findMany({ select: { id: true, linesState: true }, orderBy: { id: 'asc' } });
        const lines = await db.prisma.transaction.count();
        response.end(JSON.stringify({ runs, datasets, lines }));
      })().catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await db?.close();
  });

  test.skipIf(!backend.available)(
    'a run is shown once its results are saved; a request made while its lines are then written is answered before the last batch and sees them saving',
    async () => {
      const linesBefore = await db.prisma.transaction.count();
      const run = await startRun(db, 'big');
      const order: string[] = [];
      expect(await run.finished).toEqual({ status: 'succeeded', error: null });
      const linesSaved = run.linesSaved.then(() => order.push('lines saved'));
      const response = await fetch(base);
      order.push('request answered');
      const body = (await response.json()) as { runs: { id: number; status: string }[]; datasets: { id: number; linesState: string }[]; lines: number };
      await linesSaved;

      expect(order).toEqual(['request answered', 'lines saved']);
      expect(response.status).toBe(200);
      // The run is browsable while its dataset's lines are still being written, batch by batch.
      expect(body.runs.find((r) => r.id === run.runId)?.status).toBe('succeeded');
      expect(body.datasets.find((d) => d.id === run.datasetId)?.linesState).toBe('saving');
      const dataset = await db.prisma.dataset.findUniqueOrThrow({ where: { id: run.datasetId } });
      const lines = await db.prisma.transaction.count({ where: { datasetId: run.datasetId } });
      expect(body.lines - linesBefore).toBeLessThan(lines);
      expect(dataset.linesState).toBe('saved');
      expect(lines).toBe(dataset.rowsKept + dataset.returnRows);
      expect(await db.prisma.customerResult.count({ where: { runId: run.runId } })).toBe(dataset.customerCount);
    },
    300_000,
  );

  test.skipIf(!backend.available)(
    'a run failed by another server in the middle of its save keeps none of the rows it wrote, and a new dataset goes with it',
    async () => {
      // Results in batches of 100 customers: their save is under way, far from over, when the run is failed.
      const run = await startRun(db, 'taken-over', 100);
      await saveUnderWay(run.runId, run.finished);
      await db.sql.query(`UPDATE run SET status = 'failed', error = 'marked failed elsewhere' WHERE id = $1`, [run.runId]);
      const outcome = await run.finished;

      expect(outcome.status).toBe('failed');
      expect(await db.prisma.customerResult.count({ where: { runId: run.runId } })).toBe(0);
      expect(await db.prisma.transaction.count({ where: { datasetId: run.datasetId } })).toBe(0);
      expect(await db.prisma.dataset.findUnique({ where: { id: run.datasetId } })).toBeNull();
    },
    300_000,
  );

  test.skipIf(!backend.available)('at start-up, rows a stopped save left behind are removed: results of failed runs, lines of datasets without counts', async () => {
    const dataset = await db.prisma.dataset.create({
      data: { name: 'half-saved', sourceFileName: 'x.csv', checksum: '0'.repeat(64), byteSize: 1n, rowsRead: 0, rowsKept: 0, customerCount: 0, cleaningReport: {}, ingestReport: {} },
    });
    await db.prisma.run.create({ data: { datasetId: dataset.id, parameters: {}, status: 'failed' } });
    const line = { datasetId: dataset.id, invoice: '1', stockCode: 'A', description: 'd', quantity: 1, unitPrice: 1, amount: 1, invoiceDate: new Date(0), customerId: 'c', country: 'X' };
    await db.prisma.transaction.createMany({ data: [{ ...line, line: 1 }, { ...line, line: 2 }] });
    const kept = await db.prisma.dataset.findFirstOrThrow({ where: { rowsKept: { gt: 0 } } });
    const linesKept = await db.prisma.transaction.count({ where: { datasetId: kept.id } });

    expect(await discardUnfinishedSaves(db)).toBe(2);
    expect(await db.prisma.transaction.count({ where: { datasetId: dataset.id } })).toBe(0);
    expect(await db.prisma.transaction.count({ where: { datasetId: kept.id } })).toBe(linesKept);
  });
});
