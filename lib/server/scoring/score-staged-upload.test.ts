import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Database } from '../db/database';
import { syntheticLog } from '../db/testing/synthetic-log';
import { TEST_BACKENDS } from '../db/testing/test-databases';
import { createDatasetRun } from '../runs/run-service';
import { getStagedFile, stageUpload } from '../uploads/staging-area';
import { readRunModels, RunModelsError } from './read-run-models';
import { bundleTestAnalysisWorker } from '../runs/testing/test-analysis-worker';

vi.mock('server-only', () => ({}));
const { scoreStagedUpload, ScoreUploadError } = await import('./score-staged-upload');

const workDir = mkdtempSync(join(tmpdir(), 'segmenta-score-'));
const stagingDir = join(workDir, 'staging');
let workerPath = '';

beforeAll(async () => {
  workerPath = await bundleTestAnalysisWorker();
}, 120_000);

async function stage(path: string, name: string) {
  return stageUpload(stagingDir, new Blob([readFileSync(path)]).stream(), name, 10 << 20);
}

/** Rows of a CSV whose cells hold no commas or quotes, by header name. */
function readCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell])));
}

describe.each(TEST_BACKENDS)('scoring an upload against a stored run on $name', (backend) => {
  let db: Database;
  let runId = 0;
  const path = join(workDir, `log-${backend.name.replace(/\W+/g, '-')}.csv`);
  beforeAll(async () => {
    if (!backend.available) return;
    db = await backend.open();
    writeFileSync(path, syntheticLog(3000, 120));
    const started = await createDatasetRun(db, { workDir, workerPath, progressIntervalMs: 0 }, { path, name: 'Synthetic', fileName: 'log.csv', parameters: { kMax: 4, intervalDraws: 20 } });
    expect(await started.finished).toEqual({ status: 'succeeded', error: null });
    runId = started.runId;
  }, 240_000);
  afterAll(async () => {
    await db?.close();
  });

  test.skipIf(!backend.available)('a succeeded run stores its models, and its own file scores back to its stored customers', async () => {
    const stored = await readRunModels(db.sql, runId);
    expect(stored.datasetName).toBe('Synthetic');
    expect(stored.models.version).toBe(1);
    expect(stored.models.rfm.scores.recency.kind).toBe('breaks');
    expect(stored.models.clustering?.methods.map((m) => m.method)).toEqual(['kmeans', 'gmm', 'hierarchical']);

    const staged = await stage(path, 'log.csv');
    const scored = await scoreStagedUpload(db, stagingDir, { runId, stagingId: staged.id });
    expect(scored.fileName).toBe(`scored-run-${runId}-log.csv`);
    expect(await getStagedFile(stagingDir, staged.id)).toBeNull();
    const rows = readCsv(scored.csv);
    const own = await db.prisma.customerResult.findMany({ where: { runId }, orderBy: { customerId: 'asc' } });
    expect(rows.length).toBe(own.length);
    expect(scored.customers).toBe(own.length);
    // Its own file is scored as of the run's own snapshot day.
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(scored.asOf).toBe((run.metrics as { options: { snapshot: string } }).options.snapshot);
    const byId = new Map(own.map((c) => [c.customerId, c]));
    for (const row of rows) {
      const c = byId.get(row.customer_id);
      if (!c) throw new Error(`customer ${row.customer_id} is not in the run`);
      expect([row.segment, Number(row.r_score), Number(row.f_score), Number(row.m_score), row.churn_status, Number(row.cluster_kmeans), Number(row.cluster_gmm)]).toEqual([
        c.segment,
        c.rScore,
        c.fScore,
        c.mScore,
        c.churnStatus,
        c.clusterKmeans,
        c.clusterGmm,
      ]);
      expect(Number(row.clv_6m)).toBeCloseTo(c.clv ?? NaN, 2);
    }
  });

  test.skipIf(!backend.available)('a file in another currency than the run’s is refused; the scored CSV names the currency', async () => {
    const datasetId = (await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).datasetId;
    await db.prisma.dataset.update({ where: { id: datasetId }, data: { currency: 'GBP' } });
    const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country,Currency', '1,A,LAMP,1,2011-12-01 10:00,20,1,France,USD', '2,A,LAMP,2,2011-12-02 10:00,20,2,France,USD'];
    const usd = join(workDir, 'usd.csv');
    writeFileSync(usd, lines.join('\n'));
    const staged = await stage(usd, 'usd.csv');
    await expect(scoreStagedUpload(db, stagingDir, { runId, stagingId: staged.id })).rejects.toMatchObject({
      status: 422,
      message: 'usd.csv could not be scored: The file\'s money is in USD (the file\'s "Currency" column), but the run counts money in GBP, so its segments and lifetime values would be wrong for these amounts. Score a file in GBP, or score it against a run of a USD dataset.',
    });
    expect(await getStagedFile(stagingDir, staged.id)).toBeNull();
    // The currency the user gives is checked the same way.
    const given = await stage(usd, 'usd.csv');
    await expect(scoreStagedUpload(db, stagingDir, { runId, stagingId: given.id, currency: 'EUR' })).rejects.toThrow('The file\'s money is in EUR (the currency you gave), but the run counts money in GBP');

    const gbp = join(workDir, 'gbp.csv');
    writeFileSync(gbp, lines.join('\n').replace(/USD/g, 'GBP'));
    const scored = await scoreStagedUpload(db, stagingDir, { runId, stagingId: (await stage(gbp, 'gbp.csv')).id });
    expect(readCsv(scored.csv).map((row) => [row.customer_id, row.monetary, row.currency])).toEqual([
      ['1', '20', 'GBP'],
      ['2', '40', 'GBP'],
    ]);
  });

  test.skipIf(!backend.available)('a file that needs a reading answer keeps its upload and asks; the answer scores it', async () => {
    const header = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
    const utc = join(workDir, 'utc.csv');
    writeFileSync(utc, [header, '1,A,LAMP,1,2011-12-01T23:30:00Z,20,1,France', '2,A,LAMP,1,2011-12-02T10:00:00Z,20,2,France'].join('\n'));
    const staged = await stage(utc, 'utc.csv');
    const asked = await scoreStagedUpload(db, stagingDir, { runId, stagingId: staged.id }).then(() => null, (error: unknown) => error as InstanceType<typeof ScoreUploadError>);
    expect(asked).toMatchObject({ status: 422, question: { question: 'ask-time-zone', column: 'InvoiceDate', examples: ['2011-12-01T23:30:00Z', '2011-12-02T10:00:00Z'] } });
    expect(asked?.message).toContain('The times in column "InvoiceDate" are in UTC');
    expect(asked?.message).toMatch(/Choose the store's time zone below/);
    expect(asked?.message).not.toMatch(/--|command line/);
    expect(await getStagedFile(stagingDir, staged.id)).not.toBeNull();
    const answered = await scoreStagedUpload(db, stagingDir, { runId, stagingId: staged.id, timeZone: 'UTC' });
    expect(readCsv(answered.csv).map((row) => row.last_purchase_date)).toEqual(['2011-12-01', '2011-12-02']);
    expect(await getStagedFile(stagingDir, staged.id)).toBeNull();

    const ambiguous = join(workDir, 'ambiguous.csv');
    writeFileSync(ambiguous, [header, '1,A,LAMP,1,01/02/2011 10:00,20,1,France', '2,A,LAMP,1,03/04/2011 10:00,20,2,France'].join('\n'));
    const second = await stage(ambiguous, 'ambiguous.csv');
    await expect(scoreStagedUpload(db, stagingDir, { runId, stagingId: second.id })).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/Choose Day\/Month\/Year or Month\/Day\/Year below\.$/),
      question: { question: 'ask-date-order', column: 'InvoiceDate' },
    });
    const dayFirst = await scoreStagedUpload(db, stagingDir, { runId, stagingId: second.id, dateOrder: 'day-first' });
    expect(readCsv(dayFirst.csv).map((row) => row.first_purchase_date)).toEqual(['2011-02-01', '2011-04-03']);
  });

  test.skipIf(!backend.available)('an unknown run, a run without models and models that do not read back are refused in words', async () => {
    const refusal = (id: number) => readRunModels(db.sql, id).then(() => null, (error: unknown) => error as RunModelsError);
    expect(await refusal(999_999)).toMatchObject({ status: 404, message: 'There is no run #999999. The Data page lists the runs of each dataset.' });
    await db.sql.query(`UPDATE run SET models = '{"version": 2}'::jsonb WHERE id = $1`, [runId]);
    expect((await refusal(runId))?.message).toBe(`The models stored with run #${runId} cannot be read by this version of Segmenta; re-run the analysis of "Synthetic" on the Data page, then score against the new run.`);
    await db.sql.query(`UPDATE run SET models = NULL WHERE id = $1`, [runId]);
    expect(await refusal(runId)).toMatchObject({ status: 409, message: `Run #${runId} was analysed before runs stored their models; re-run the analysis of "Synthetic" on the Data page, then score against the new run.` });
    await db.sql.query(`UPDATE run SET status = 'failed' WHERE id = $1`, [runId]);
    expect((await refusal(runId))?.message).toBe(`Run #${runId} has not finished (it is failed); score against a run that succeeded.`);

    const staged = await stage(path, 'log.csv');
    await expect(scoreStagedUpload(db, stagingDir, { runId, stagingId: staged.id })).rejects.toMatchObject({ status: 409 });
    expect(await getStagedFile(stagingDir, staged.id)).toBeNull();
    await expect(scoreStagedUpload(db, stagingDir, { runId, stagingId: staged.id })).rejects.toBeInstanceOf(ScoreUploadError);
  });
});
