import { createReadStream, existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { EngineError } from '../errors';
import { byteSource, SHARED_DATA } from '../testing/byte-source';
import { runAnalysis } from './run-analysis';
import { summarizeAnalysis } from './summarize-analysis';
import { writeCustomerRows } from './customer-table';

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n';
const csv = (lines: string[]) => HEADER + lines.join('\n') + '\n';

/** A seeded, varied log of `customers` customers over a year, enough for every stage. */
function syntheticLog(customers: number, seed = 1): string {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const lines: string[] = [];
  let invoice = 1000;
  for (let c = 0; c < customers; c++) {
    const orders = 1 + Math.floor(next() * next() * 12);
    const start = Math.floor(next() * 300);
    for (let o = 0; o < orders; o++) {
      const day = Math.min(364, start + Math.floor(next() * (365 - start)));
      const date = new Date(Date.UTC(2011, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      const price = (1 + Math.floor(next() * 20)).toFixed(2);
      lines.push(`${invoice++},P${c % 7},LUNCH BAG ${c % 3},${1 + Math.floor(next() * 6)},${date} 10:00,${price},${c + 1},${c % 5 === 0 ? 'France' : 'United Kingdom'}`);
    }
  }
  return csv(lines);
}

describe('runAnalysis on a synthetic log', () => {
  test('runs every stage and reports progress up to 100 %', async () => {
    const fractions: number[] = [];
    const result = await runAnalysis(byteSource(syntheticLog(300), 4096), { seed: 3, kMax: 5, intervalDraws: 50 }, {
      onProgress: (p) => fractions.push(p.fraction),
    });
    expect(result.features.count).toBe(300);
    expect(result.lifetimeValue.status).toBe('done');
    expect(result.holdout.status).toBe('done');
    expect(result.clustering.status).toBe('done');
    expect(fractions[fractions.length - 1]).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
    const segmentTotal = result.rfm.segmentSizes.reduce((a, b) => a + b, 0);
    expect(segmentTotal).toBe(300);
  });

  test('the same input and seed give identical output', async () => {
    const log = syntheticLog(200);
    const run = async (seed: number) =>
      JSON.stringify(summarizeAnalysis(await runAnalysis(byteSource(log, 999), { seed, kMax: 4, intervalDraws: 30 }), { timings: false }));
    expect(await run(5)).toBe(await run(5));
  });

  test('writes one CSV row per customer with a header', async () => {
    const result = await runAnalysis(byteSource(syntheticLog(50)), { kMax: 3, intervalDraws: 0 });
    const text = [...writeCustomerRows(result, 7)].join('');
    const rows = text.trimEnd().split('\r\n');
    expect(rows).toHaveLength(51);
    expect(rows[0].split(',').slice(0, 3)).toEqual(['customer_id', 'country', 'home_market']);
    expect(rows[1].startsWith('1,France,0,')).toBe(true);
  });
});

describe('bad input never crashes and is explained', () => {
  test('a wrong option fails the run instead of skipping a stage', async () => {
    const error = await runAnalysis(byteSource(syntheticLog(40)), { calibrationEnd: Date.UTC(2030, 0, 1) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('INVALID_OPTION');
    expect((error as EngineError).message).toBe('The calibration end must fall inside the data, between 2011-02-18 and 2011-12-30.');
  });

  test('a file with no customer ids at all', async () => {
    const error = await runAnalysis(byteSource(csv(['1,A,Mug,1,2011-01-01,2,,UK', '2,A,Mug,1,2011-01-02,2,,UK']))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('NO_VALID_ROWS');
    expect((error as EngineError).message).toBe('Nothing to analyse: none of the lines has a customer id.');
  });

  test('non-numeric quantities everywhere: refused before anything is stored, naming the column', async () => {
    const error = await runAnalysis(byteSource(csv(['1,A,Mug,one,2011-01-01,2,7,UK', '2,A,Mug,two,2011-01-02,2,8,UK']))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('PARSE_FAILURES');
    expect((error as EngineError).message).toMatch(
      /^2 of 2 lines \(100\.0 %, more than the 0\.50 % allowed\) have a value in column "Quantity" that could not be read, for example "one", "two"\. /,
    );
  });

  test('non-numeric quantities everywhere, when the file may lose them: every line removed, by reason', async () => {
    const error = await runAnalysis(byteSource(csv(['1,A,Mug,one,2011-01-01,2,7,UK', '2,A,Mug,two,2011-01-02,2,8,UK'])), { maxParseFailureShare: 1 }).catch(
      (e: unknown) => e,
    );
    expect((error as EngineError).code).toBe('NO_VALID_ROWS');
    expect((error as EngineError).message).toBe('Nothing to analyse: every line was removed by the cleaning rules (badNumber: 2).');
  });

  test('one customer: features and RFM run, models are skipped with reasons', async () => {
    const result = await runAnalysis(byteSource(csv(['1,A,Mug,1,2011-01-01,2,7,UK', '2,A,Mug,1,2011-03-01,2,7,UK'])));
    expect(result.features.count).toBe(1);
    expect(result.rfm.segmentSizes.reduce((a, b) => a + b, 0)).toBe(1);
    expect(result.clustering).toMatchObject({ status: 'skipped', code: 'TOO_FEW_CUSTOMERS' });
    expect(result.lifetimeValue).toMatchObject({ status: 'skipped', code: 'TOO_FEW_CUSTOMERS' });
    expect(result.holdout).toMatchObject({ status: 'skipped', code: 'TOO_FEW_CUSTOMERS' });
    if (result.clustering.status === 'skipped') expect(result.clustering.reason).toMatch(/at least/);
  });

  test('three customers with the default k range: clustering tries k = 2 only, and the run succeeds', async () => {
    const lines = ['1,A,Mug,1,2011-01-01,2,1,UK', '2,A,Mug,3,2011-02-01,5,2,UK', '3,A,Mug,1,2011-03-01,2,2,UK', '4,A,Mug,9,2011-03-05,7,3,UK'];
    const result = await runAnalysis(byteSource(csv(lines)), { method: 'kmeans' });
    expect(result.features.count).toBe(3);
    expect(result.clustering.status).toBe('done');
    if (result.clustering.status === 'done') expect(result.clustering.result.sweep.entries.map((e) => e.k)).toEqual([2]);
  });

  test('all-identical customers: clustering explains why it cannot split them', async () => {
    const lines = Array.from({ length: 20 }, (_, c) => `${c},A,Mug,1,2011-01-01,2,${c + 1},UK`);
    const result = await runAnalysis(byteSource(csv(lines)));
    expect(result.clustering.status).toBe('skipped');
    if (result.clustering.status === 'skipped') expect(result.clustering.reason).toBe(
      'All customers have the same recency, frequency, monetary; clustering needs at least 2 customers that differ.',
    );
    expect(result.holdout.status).toBe('skipped');
  });

  test('a single date: clustering runs, lifetime value and holdout say why they cannot', async () => {
    const lines = Array.from({ length: 30 }, (_, c) => `${c},A,Mug,${1 + (c % 4)},2011-01-01,${1 + (c % 7)},${c + 1},UK`);
    const result = await runAnalysis(byteSource(csv(lines)), { kMax: 3 });
    expect(result.clustering.status).toBe('done');
    expect(result.lifetimeValue).toMatchObject({ status: 'skipped', code: 'DEGENERATE_DATA' });
    expect(Array.from(result.clv).every(Number.isNaN)).toBe(true);
    expect(result.holdout.status).toBe('skipped');
    if (result.holdout.status === 'skipped') expect(result.holdout.reason).toBe('The data cover only 1 days; a holdout check needs at least 28.');
  });
});

const ONLINE_RETAIL = `${SHARED_DATA}online_retail.csv.gz`;
const ONLINE_RETAIL_SUITE = existsSync(ONLINE_RETAIL) ? 'UCI Online Retail end to end' : `UCI Online Retail end to end (skipped: ${ONLINE_RETAIL} not found)`;

describe.skipIf(!existsSync(ONLINE_RETAIL))(ONLINE_RETAIL_SUITE, () => {
  test('every stage runs; revenue is net of refunds by default and the published gross figure with value gross', async () => {
    const result = await runAnalysis(createReadStream(ONLINE_RETAIL), { seed: 42 });
    const s = summarizeAnalysis(result, { timings: false });
    expect(s.cleaning.totalRows).toBe(541_909);
    expect(s.cleaning.keptRows).toBe(397_884);
    expect(s.customers).toBe(4338);
    expect(s.cleaning.invoicesAfter).toBe(18_532);
    expect(s.purchaseOrders).toBe(18_532);
    expect(s.valueBasis).toBe('net');
    expect(s.revenue).toBe(8_313_294.95);
    expect(s.grossRevenue).toBe(8_911_407.9);
    expect(s.refunds).toBe(611_342.09);
    let monetary = 0;
    for (const v of result.features.monetary) monetary += v;
    expect(monetary).toBeCloseTo(8_313_294.95, 2);
    expect(s.clustering.status).toBe('done');
    expect(s.lifetimeValue.status).toBe('done');
    expect(s.holdout.status).toBe('done');
    if (s.clustering.status === 'done') {
      expect(s.clustering.sweep.map((e) => e.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(s.clustering.silhouetteExact).toBe(true);
      expect(Object.keys(s.clustering.methods).sort()).toEqual(['gmm', 'hierarchical', 'kmeans']);
    }
    if (s.lifetimeValue.status === 'done') expect(s.lifetimeValue.purchaseModel.converged).toBe(true);
  });

  test("value 'gross' gives the seeds' figures: 397,884 lines, 4,338 customers, 8,911,407.90", async () => {
    const result = await runAnalysis(createReadStream(ONLINE_RETAIL), { seed: 42, value: 'gross', method: 'kmeans', k: 4, intervalDraws: 0 });
    const s = summarizeAnalysis(result, { timings: false });
    expect(s.cleaning.keptRows).toBe(397_884);
    expect(s.customers).toBe(4338);
    expect(s.valueBasis).toBe('gross');
    expect(s.revenue).toBe(8_911_407.9);
    expect(s.grossRevenue).toBe(8_911_407.9);
    expect(s.refunds).toBe(611_342.09);
    let monetary = 0;
    for (const v of result.features.monetary) monetary += v;
    expect(monetary).toBeCloseTo(8_911_407.9, 2);
  });
});
