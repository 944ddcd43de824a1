import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { SHARED_DATA } from '../lib/engines/testing/byte-source';

const run = promisify(execFile);
const LAUNCH = new URL('./launch.mjs', import.meta.url).pathname;
const cli = (args: string[]) => run(process.execPath, [LAUNCH, 'analyze', ...args], { maxBuffer: 64 << 20 });
const fails = (args: string[]) => cli(args).then(() => null, (e: { code: number; stderr: string }) => e);
const ONLINE_RETAIL = `${SHARED_DATA}online_retail.csv.gz`;

describe('npm run analyze', () => {
  test('explains a missing file and bad options without a stack trace', async () => {
    const missing = await fails(['/no/such/file.csv']);
    expect(missing?.code).toBe(1);
    expect(missing?.stderr).toBe('Error: the file "/no/such/file.csv" does not exist.\n');

    const dir = mkdtempSync(join(tmpdir(), 'segmenta-cli-'));
    const file = join(dir, 'log.csv');
    writeFileSync(file, 'name,email\nann,a@b.c\n');
    const badOption = await fails([file, '--k', '1', '--snapshot', '2011-02-30']);
    expect(badOption?.stderr).toContain('k: k must be at least 2.');
    expect(badOption?.stderr).toContain('snapshot: This is not a real calendar date.');

    const wrongColumns = await fails([file]);
    expect(wrongColumns?.code).toBe(1);
    expect(wrongColumns?.stderr).toMatch(/^Error: Could not find the columns for invoice, quantity, invoiceDate, unitPrice, customerId/);
    expect(wrongColumns?.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  test.skipIf(!existsSync(ONLINE_RETAIL))(
    'Online Retail: one JSON object with every section, byte-identical for the same seed, and a customer table',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'segmenta-cli-'));
      const out = join(dir, 'customers.csv');
      const first = await cli([ONLINE_RETAIL, '--json', '--no-timings', '--seed', '7', '--out', out]);
      const second = await cli([ONLINE_RETAIL, '--json', '--no-timings', '--seed', '7']);
      expect(second.stdout).toBe(first.stdout);
      const summary = JSON.parse(first.stdout);
      expect(Object.keys(summary)).toEqual([
        'options', 'ingest', 'cleaning', 'customers', 'revenue', 'homeCountry', 'rfm', 'churn', 'clustering', 'lifetimeValue', 'holdout', 'top',
      ]);
      expect(summary.cleaning.keptRows).toBe(397_884);
      expect(summary.revenue).toBe(8_911_407.9);
      expect(summary.clustering.sweep).toHaveLength(9);
      expect(summary.clustering.methods.gmm.bic).toEqual(expect.any(Number));
      expect(summary.lifetimeValue.purchaseModel.params).toEqual({ r: expect.any(Number), alpha: expect.any(Number), a: expect.any(Number), b: expect.any(Number) });
      expect(summary.lifetimeValue.spendModel.params).toEqual({ p: expect.any(Number), q: expect.any(Number), gamma: expect.any(Number) });
      expect(summary.holdout.model.purchases.mae).toEqual(expect.any(Number));
      expect(summary.holdout.naive.purchases.mae).toEqual(expect.any(Number));
      const rows = readFileSync(out, 'utf8').trimEnd().split('\r\n');
      expect(rows).toHaveLength(4339);

      const timed = JSON.parse((await cli([ONLINE_RETAIL, '--json', '--seed', '7', '--method', 'kmeans', '--k', '4'])).stdout);
      expect(Object.keys(timed.timingsMs)).toEqual(['ingest', 'clean', 'features', 'rfm', 'lifetimeValue', 'holdout', 'clustering', 'total', 'peakRssMb']);
      expect(timed.clustering.k).toBe(4);
    },
    180_000,
  );
});
