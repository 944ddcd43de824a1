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

    for (const [args, message] of [
      [['--fit-end2', '2011-01-01'], 'unknown option --fit-end2'],
      [['--k'], 'the option --k needs a value'],
      [['--json=3'], 'the option --json takes no value'],
    ] as const) {
      const unknown = await fails([file, ...args]);
      expect(unknown?.code).toBe(1);
      expect(unknown?.stderr).toBe(`Error: ${message}. Run npm run analyze -- --help for the list of options.\n`);
    }

    const noThreads = await fails([file, '--threads', '0']);
    expect(noThreads?.stderr).toBe('Error: --threads must be a whole number of at least 1, got "0".\n');

    const wrongColumns = await fails([file]);
    expect(wrongColumns?.code).toBe(1);
    expect(wrongColumns?.stderr).toMatch(/^Error: Could not find the date, the value \(an amount or order total column, or quantity and unit price\)\. The file's columns are: "name", "email"\./);
    expect(wrongColumns?.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  test.skipIf(!existsSync(ONLINE_RETAIL))(
    `${existsSync(ONLINE_RETAIL) ? '' : `(skipped: ${ONLINE_RETAIL} not found) `}Online Retail: one JSON object with every section, byte-identical for the same seed, and a customer table`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'segmenta-cli-'));
      const out = join(dir, 'customers.csv');
      const first = await cli([ONLINE_RETAIL, '--json', '--no-timings', '--seed', '7', '--out', out]);
      const second = await cli([ONLINE_RETAIL, '--json', '--no-timings', '--seed', '7']);
      expect(second.stdout).toBe(first.stdout);
      // The fits and the clustering on worker threads (the default) give what one thread gives.
      const oneThread = await cli([ONLINE_RETAIL, '--json', '--no-timings', '--seed', '7', '--threads', '1']);
      expect(oneThread.stdout).toBe(first.stdout);
      const summary = JSON.parse(first.stdout);
      expect(Object.keys(summary)).toEqual([
        'options', 'ingest', 'cleaning', 'customers', 'revenue', 'valueBasis', 'currency', 'grossRevenue', 'refunds', 'purchaseOrders',
        'purchaseOccasions', 'homeCountry', 'rfm', 'churn', 'churnBasis', 'clustering', 'purchaseModels', 'lifetimeValue', 'holdout', 'modelComparison', 'warnings', 'top',
      ]);
      expect(summary.cleaning.keptRows).toBe(397_884);
      expect(summary.customers).toBe(4338);
      expect(summary.modelComparison.models.map((m: { model: string }) => m.model)).toEqual(['random-forest', 'linear', 'btyd', 'naive']);
      expect(summary.modelComparison.models[3].mae).toBe(summary.holdout.naive.spend.mae);
      expect(summary.valueBasis).toBe('net');
      expect(summary.revenue).toBe(8_313_294.95);
      expect(summary.grossRevenue).toBe(8_911_407.9);
      expect(summary.refunds).toBe(611_342.09);
      expect(summary.purchaseOrders).toBe(18_532);
      expect(summary.ingest.reading).toMatchObject({ layout: 'uci-lines', encoding: 'utf-8', delimiter: ',', decimalSeparator: '.', titleLines: 0, headerless: false });
      expect(summary.clustering.sweep).toHaveLength(9);
      expect(summary.clustering.methods.gmm.bic).toEqual(expect.any(Number));
      expect(summary.lifetimeValue.purchaseModel.params).toEqual({ r: expect.any(Number), alpha: expect.any(Number), a: expect.any(Number), b: expect.any(Number) });
      expect(summary.lifetimeValue.spendModel.params).toEqual({ p: expect.any(Number), q: expect.any(Number), gamma: expect.any(Number) });
      expect(summary.holdout.model.purchases.mae).toEqual(expect.any(Number));
      expect(summary.holdout.naive.purchases.mae).toEqual(expect.any(Number));
      const rows = readFileSync(out, 'utf8').trimEnd().split('\r\n');
      expect(rows).toHaveLength(4339);
      const header = rows[0].split(',');
      for (const column of ['occasions', 'purchase_orders', 'gross_spend', 'refunds', 'net_spend', 'first_purchase_date', 'last_purchase_date', 'country']) {
        expect(header).toContain(column);
      }
      const sum = (column: string) => rows.slice(1).reduce((total, row) => total + Number(row.split(',')[header.indexOf(column)]), 0);
      expect(sum('purchase_orders')).toBe(18_532);
      expect(sum('gross_spend')).toBeCloseTo(8_911_407.9, 1);
      // 33 customers only returned things (no purchase kept): their 10,411.24 is in the total refunds, not in the table.
      expect(sum('refunds')).toBeCloseTo(611_342.09 - 10_411.24, 1);
      expect(sum('net_spend')).toBeCloseTo(8_313_294.95, 1);

      const gross = JSON.parse((await cli([ONLINE_RETAIL, '--json', '--no-timings', '--value', 'gross', '--method', 'kmeans', '--k', '4'])).stdout);
      expect(gross.valueBasis).toBe('gross');
      expect(gross.revenue).toBe(8_911_407.9);
      expect(gross.cleaning.keptRows).toBe(397_884);
      expect(gross.customers).toBe(4338);

      const timed = JSON.parse((await cli([ONLINE_RETAIL, '--json', '--seed', '7', '--method', 'kmeans', '--k', '4'])).stdout);
      expect(Object.keys(timed.timingsMs)).toEqual(['ingest', 'clean', 'features', 'rfm', 'holdout', 'lifetimeValue', 'modelComparison', 'clustering', 'total', 'peakRssMb']);
      expect(timed.clustering.k).toBe(4);
    },
    180_000,
  );
});
