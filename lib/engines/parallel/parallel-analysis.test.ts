import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoLogBytes } from '../../demo';
import { fitPurchaseModel } from '../btyd/purchase-model';
import { simulatePurchases } from '../btyd/simulate';
import { EngineError } from '../errors';
import { writeCustomerRows } from '../pipeline/customer-table';
import { runAnalysis } from '../pipeline/run-analysis';
import { summarizeAnalysis } from '../pipeline/summarize-analysis';
import type { AnalysisOptions, AnalysisResult } from '../pipeline/types';
import { byteSource } from '../testing/byte-source';
import { createThreadPool, type ThreadPool } from './thread-pool';
import type { EngineTaskKind, TaskExecutor } from './tasks';

let pool: ThreadPool;

beforeAll(async () => {
  // @ts-expect-error -- plain ES module without types
  const { bundle } = await import('../../../scripts/bundle.mjs');
  const workerFile: string = await bundle('lib/engines/parallel/task-worker.ts', join('node_modules', '.cache', 'segmenta', 'test-task-worker.mjs'));
  pool = createThreadPool({ threads: 2, workerFile });
});

afterAll(async () => {
  await pool?.close();
});

/** The pool, counting the tasks it is given, so a test knows the threads did the work. */
function counting(executor: TaskExecutor): TaskExecutor & { counts: Partial<Record<EngineTaskKind, number>> } {
  const counts: Partial<Record<EngineTaskKind, number>> = {};
  return {
    threads: executor.threads,
    counts,
    run(kind, input) {
      counts[kind] = (counts[kind] ?? 0) + 1;
      return executor.run(kind, input);
    },
  };
}

/** Every number of the result written exactly (typed arrays, NaN and infinities included), timings left out. */
function exactJson(result: AnalysisResult): string {
  return JSON.stringify({ ...result, timings: null }, (_key, value: unknown) => {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as Float64Array, String);
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    return value;
  });
}

/** A seeded log of `customers` customers over a year (the shape of run-analysis.test.ts's). */
function simulatedLog(customers: number, seed = 1): string {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  let invoice = 1000;
  for (let c = 0; c < customers; c++) {
    const orders = 1 + Math.floor(next() * next() * 12);
    const start = Math.floor(next() * 300);
    for (let o = 0; o < orders; o++) {
      const day = Math.min(364, start + Math.floor(next() * (365 - start)));
      const date = new Date(Date.UTC(2011, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${invoice++},P${c % 7},LUNCH BAG ${c % 3},${1 + Math.floor(next() * 6)},${date} 10:00,${(1 + Math.floor(next() * 20)).toFixed(2)},${c + 1},United Kingdom`);
    }
  }
  return lines.join('\n') + '\n';
}

async function bothWays(source: () => AsyncIterable<Uint8Array>, options: Partial<AnalysisOptions>) {
  const executor = counting(pool);
  const inline = await runAnalysis(source(), options);
  const threaded = await runAnalysis(source(), options, { executor });
  return { inline, threaded, counts: executor.counts };
}

describe('the pipeline on worker threads gives the inline answer', () => {
  test.each([
    ['a simulated log of 300 customers', () => byteSource(simulatedLog(300), 1 << 16), { seed: 7, kMax: 6, intervalDraws: 40 }],
    [
      'a simulated log with a fit end and a fixed model',
      () => byteSource(simulatedLog(300, 5), 1 << 16),
      { seed: 3, kMax: 4, model: 'pnbd' as const, fitEnd: Date.UTC(2011, 9, 31), intervalDraws: 40 },
    ],
    ['the demo (4,000 customers)', () => demoLogBytes(), {}],
  ])('%s', async (_name, source, options) => {
    const { inline, threaded, counts } = await bothWays(source, options);
    // The six purchase-model fits (three models on the calibration and the fit period) and the clustering ran on the pool.
    expect(counts).toEqual({ fitPurchaseModel: 6, runClustering: 1 });
    expect(threaded.lifetimeValue.status).toBe('done');
    expect(threaded.clustering.status).toBe('done');
    expect(exactJson(threaded)).toBe(exactJson(inline));
    expect(JSON.stringify(summarizeAnalysis(threaded, { timings: false }))).toBe(JSON.stringify(summarizeAnalysis(inline, { timings: false })));
    expect([...writeCustomerRows(threaded)].join('')).toBe([...writeCustomerRows(inline)].join(''));
    // Two whole analyses of the demo: about 10 s alone, several times that on a busy 2-core machine.
  }, 300_000);

  test('a stage the data cannot support is skipped with the same reason on threads', async () => {
    // Ten days of data: no holdout check, and every stage that can run still runs.
    const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
    for (let c = 0; c < 60; c++) for (let d = 0; d <= c % 4; d++) lines.push(`${c}${d},P1,BAG,1,2011-03-${String(1 + ((c + 3 * d) % 10)).padStart(2, '0')} 10:00,${1 + (c % 9)}.00,${c + 1},France`);
    const { inline, threaded } = await bothWays(() => byteSource(lines.join('\n') + '\n', 1 << 16), { kMax: 3 });
    expect(threaded.holdout).toMatchObject({ status: 'skipped', code: 'DEGENERATE_DATA' });
    expect(exactJson(threaded)).toBe(exactJson(inline));
  });
});

describe('createThreadPool', () => {
  const simulated = simulatePurchases({ r: 0.6, alpha: 8, a: 0.8, b: 2.5 }, { nCustomers: 300, T: 40, seed: 11 });
  const data = { x: simulated.x, tx: simulated.tx, T: simulated.T, unit: 'weeks' as const };

  test('a fit on a worker equals the fit on this thread', async () => {
    const onPool = await pool.run('fitPurchaseModel', { model: 'mbgnbd', data, options: { seed: 2 } });
    expect(onPool).toEqual(fitPurchaseModel('mbgnbd', data, { seed: 2 }));
    expect(onPool.params.r).toBeGreaterThan(0);
  });

  test('an engine error on a worker arrives as the same EngineError', async () => {
    const few = { x: data.x.subarray(0, 3), tx: data.tx.subarray(0, 3), T: data.T.subarray(0, 3), unit: 'weeks' as const };
    const inline = (() => {
      try {
        fitPurchaseModel('pnbd', few, {});
      } catch (error) {
        return error as EngineError;
      }
      throw new Error('the inline fit should have refused three customers');
    })();
    const error = await pool.run('fitPurchaseModel', { model: 'pnbd', data: few, options: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'TOO_FEW_CUSTOMERS', message: inline.message });
  });

  test('tasks queued beyond the threads all finish, in any order of completion', async () => {
    const seeds = [1, 2, 3, 4, 5];
    const fits = await Promise.all(seeds.map((seed) => pool.run('fitPurchaseModel', { model: 'bgnbd', data, options: { seed } })));
    expect(fits.map((fit) => fit.logLikelihood)).toEqual(seeds.map((seed) => fitPurchaseModel('bgnbd', data, { seed }).logLikelihood));
  });

  test('one thread, or no bundled worker, runs tasks inline', async () => {
    const single = createThreadPool({ threads: 1 });
    expect(single.threads).toBe(1);
    expect(await single.run('fitPurchaseModel', { model: 'bgnbd', data, options: { seed: 1 } })).toEqual(fitPurchaseModel('bgnbd', data, { seed: 1 }));
    await single.close();
  });
});
