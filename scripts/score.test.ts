import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { runAnalysis } from '../lib/engines/pipeline/run-analysis';
import type { AnalysisResult } from '../lib/engines/pipeline/types';
import { buildRunModels } from '../lib/engines/scoring/build-run-models';
import { openDatabase } from '../lib/server/db/database';
import { syntheticLog } from '../lib/server/db/testing/synthetic-log';

const run = promisify(execFile);
const LAUNCH = new URL('./launch.mjs', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'segmenta-score-cli-'));
const cli = (args: string[]) => run(process.execPath, [LAUNCH, 'score', ...args], { maxBuffer: 64 << 20, env: { ...process.env, SEGMENTA_DATA_DIR: dataDir, DATABASE_URL: '' } });
const fails = (args: string[]) => cli(args).then(() => null, (e: { code: number; stderr: string }) => e);

const log = join(dataDir, 'log.csv');
let analysed: AnalysisResult;
let withModels = 0;
let withoutModels = 0;

beforeAll(async () => {
  writeFileSync(log, syntheticLog(2000, 90, 5));
  analysed = await runAnalysis((async function* () {
    yield readFileSync(log);
  })(), { seed: 5, kMax: 4, intervalDraws: 0 });
  const db = await openDatabase({ kind: 'pglite', dataDir });
  try {
    const dataset = await db.prisma.dataset.create({
      data: { name: 'Synthetic', sourceFileName: 'log.csv', checksum: 'x', byteSize: BigInt(1), rowsRead: 0, rowsKept: 0, customerCount: 0, options: {}, cleaningReport: {}, ingestReport: {}, currency: 'GBP' },
    });
    const models = JSON.parse(JSON.stringify(buildRunModels(analysed))) as object;
    withModels = (await db.prisma.run.create({ data: { datasetId: dataset.id, parameters: {}, status: 'succeeded', models } })).id;
    withoutModels = (await db.prisma.run.create({ data: { datasetId: dataset.id, parameters: {}, status: 'succeeded' } })).id;
  } finally {
    await db.close();
  }
}, 120_000);

describe('npm run score', () => {
  test('writes the file’s customers with the run’s segments, scores and clusters, and says what it did', async () => {
    const out = join(dataDir, 'scored.csv');
    const { stderr } = await cli([log, '--run', String(withModels), '--out', out]);
    const n = analysed.features.count;
    expect(stderr).toContain(`Scored ${n} customers of ${log} with the models of run #${withModels} (Synthetic), as of ${new Date(analysed.features.snapshot).toISOString().slice(0, 10)}`);
    expect(stderr).toContain(`Wrote ${n} customers to ${out}`);
    const [header, ...rows] = readFileSync(out, 'utf8').trim().split('\r\n');
    const names = header.split(',');
    expect(names.slice(0, 12)).toEqual(['customer_id', 'first_purchase_date', 'last_purchase_date', 'recency_days', 'frequency', 'monetary', 'currency', 'r_score', 'f_score', 'm_score', 'rfm_code', 'segment']);
    expect(names).toContain('cluster_kmeans');
    expect(rows).toHaveLength(n);
    const segment = names.indexOf('segment');
    const kmeans = names.indexOf('cluster_kmeans');
    const own = analysed.clustering.status === 'done' ? analysed.clustering.result.methods.kmeans?.labels : undefined;
    rows.forEach((line, c) => {
      const cells = line.split(',');
      expect(cells[0]).toBe(analysed.features.ids[c]);
      expect(cells[segment]).toBe(analysed.rfm.segmentNames[analysed.rfm.segment[c]]);
      expect(Number(cells[kmeans])).toBe(own?.[c]);
    });
  }, 120_000);

  test.each([
    ['a missing file', () => ['/no/such/file.csv', '--run', '1'], () => 'Error: the file "/no/such/file.csv" does not exist.\n'],
    ['no run', () => [log], () => 'Error: give the run whose models score the file, e.g. --run 3 (the Data page lists the runs).\n'],
    ['a run that is not a number', () => [log, '--run', 'x'], () => 'Error: runId: Give the run number, e.g. --run 3.\n'],
    ['an unknown run', () => [log, '--run', '999'], () => 'Error: There is no run #999. The Data page lists the runs of each dataset.\n'],
    [
      'a run without stored models',
      () => [log, '--run', String(withoutModels)],
      () => `Error: Run #${withoutModels} was analysed before runs stored their models; re-run the analysis of "Synthetic" on the Data page, then score against the new run.\n`,
    ],
  ])('refuses %s in words', async (_what, args, message) => {
    const failed = await fails(args());
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toBe(message());
  }, 120_000);

  test('the scored file names the run’s currency; a file in another currency is refused in words', async () => {
    const out = join(dataDir, 'scored-gbp.csv');
    const { stderr } = await cli([log, '--run', String(withModels), '--out', out]);
    expect(stderr).toMatch(/, money in GBP\n/);
    const [header, first] = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(first.split(',')[header.split(',').indexOf('currency')]).toBe('GBP');
    const failed = await fails([log, '--run', String(withModels), '--currency', 'usd']);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toBe(
      'Error: The file\'s money is in USD (the currency you gave), but the run counts money in GBP, so its segments and lifetime values would be wrong for these amounts. Score a file in GBP, or score it against a run of a USD dataset.\n',
    );
  }, 120_000);

  test('a file that is not a transaction log is refused in words, without a stack trace', async () => {
    const contacts = join(dataDir, 'contacts.csv');
    writeFileSync(contacts, 'name,email\nann,a@b.c\n');
    const failed = await fails([contacts, '--run', String(withModels)]);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/^Error: Could not find the date/);
    expect(failed?.stderr).not.toMatch(/at .*\.ts:\d+/);
  }, 120_000);
});
