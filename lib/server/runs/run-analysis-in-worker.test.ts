import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import type { AnalysisProgress } from '../../engines/pipeline/types';
import { AnalysisFailedError, runAnalysisInWorker } from './run-analysis-in-worker';
import { bundleTestAnalysisWorker } from './testing/test-analysis-worker';

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n';
let workerPath = '';
const dir = mkdtempSync(join(tmpdir(), 'segmenta-worker-'));

beforeAll(async () => {
  workerPath = await bundleTestAnalysisWorker();
}, 120_000);

test('runs an analysis in a worker thread, reporting progress and returning the lines', async () => {
  const lines = Array.from({ length: 120 }, (_, i) => {
    const customer = 1 + (i % 30);
    const day = 1 + ((i * 7) % 28);
    const month = 1 + (i % 12);
    return `${1000 + i},P${i % 5},LUNCH BAG,${1 + (i % 3)},2011-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} 10:00,${2 + (i % 4)},${customer},United Kingdom`;
  });
  const path = join(dir, 'small.csv');
  writeFileSync(path, HEADER + lines.join('\n') + '\n');
  const progress: AnalysisProgress[] = [];
  const { done } = runAnalysisInWorker({ path, options: { kMax: 3, intervalDraws: 20 }, returnTransactions: true }, (p) => progress.push(p), workerPath);
  const { result, transactions } = await done;
  expect(result.features.count).toBe(30);
  expect(result.features.recency).toBeInstanceOf(Float64Array);
  expect(transactions?.table.length).toBe(120);
  expect(transactions?.cleaned.kept.length).toBe(120);
  expect(progress.at(-1)).toEqual({ stage: 'clustering', fraction: 1, message: 'Analysis complete' });
}, 120_000);

test('a file that cannot be analysed fails with the engine message', async () => {
  const path = join(dir, 'wrong.csv');
  writeFileSync(path, 'name,email\nann,a@b.c\n');
  const { done } = runAnalysisInWorker({ path, options: {}, returnTransactions: false }, () => {}, workerPath);
  const error = await done.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AnalysisFailedError);
  expect((error as AnalysisFailedError).code).toBe('MISSING_COLUMNS');
  expect((error as AnalysisFailedError).message).toMatch(/^Could not find the date, the value \(an amount or order total column, or quantity and unit price\)\./);
}, 120_000);
