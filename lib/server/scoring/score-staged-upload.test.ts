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

vi.mock('server-only', () => ({}));
const { scoreStagedUpload, ScoreUploadError } = await import('./score-staged-upload');

const workDir = mkdtempSync(join(tmpdir(), 'segmenta-score-'));
const stagingDir = join(workDir, 'staging');
let workerPath = '';

beforeAll(async () => {
  // @ts-expect-error -- plain ES module without types
  const { bundle } = await import('../../../scripts/bundle.mjs');
  workerPath = await bundle('lib/server/runs/analysis-worker.ts', join('node_modules', '.cache', 'segmenta', 'test-analysis-worker.mjs'));
}, 60_000);

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
