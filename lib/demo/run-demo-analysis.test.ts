import { beforeAll, expect, test } from 'vitest';
import { runAnalysis, summarizeAnalysis, type AnalysisResult } from '../engines/pipeline';
import { demoLogBytes } from './demo-log-bytes';

let analysed: AnalysisResult;
beforeAll(async () => {
  analysed = await runAnalysis(demoLogBytes(), { seed: 42 });
});

test('every stage of the analysis runs on the default demo', () => {
  const r = analysed;
  expect(r.lifetimeValue.status).toBe('done');
  expect(r.holdout.status).toBe('done');
  expect(r.clustering.status).toBe('done');
});

test('at least 8 of the 10 named RFM segments have customers', () => {
  const r = analysed;
  const named = r.rfm.segmentNames.map((name, i) => [name, r.rfm.segmentSizes[i]] as const).filter(([name]) => name !== 'Others');
  expect(named).toHaveLength(10);
  expect(named.filter(([, size]) => size > 0).length).toBeGreaterThanOrEqual(8);
  for (const name of ['Champions', 'At Risk', 'Lost', 'New Customers']) {
    expect(r.rfm.segmentSizes[r.rfm.segmentNames.indexOf(name)]).toBeGreaterThan(20);
  }
});

test('every product category brings more than 3 % of revenue', () => {
  const f = analysed.features;
  const k = f.categories.length;
  const revenue = new Float64Array(k);
  let total = 0;
  for (let c = 0; c < f.count; c++) {
    total += f.monetary[c];
    for (let j = 0; j < k; j++) revenue[j] += f.mix[c * k + j] * f.monetary[c];
  }
  expect(f.categories).toEqual(['bags', 'kitchen', 'home decor', 'toys', 'other']);
  for (let j = 0; j < k; j++) expect(revenue[j] / total).toBeGreaterThan(0.03);
});

test('the three purchase models and Gamma-Gamma converge; the one chosen on the holdout beats the naive forecast and its dropout is identified', () => {
  const r = analysed;
  if (r.lifetimeValue.status !== 'done' || r.holdout.status !== 'done') throw new Error('a stage was skipped');
  for (const outcome of r.lifetimeValue.fits) {
    expect(outcome.status).toBe('done');
    if (outcome.status === 'done') expect(outcome.fit.convergence.converged).toBe(true);
  }
  const ltv = r.lifetimeValue.result;
  expect(r.lifetimeValue.choice.by).toBe('holdout');
  expect(ltv.spend.status).toBe('fitted');
  if (ltv.spend.status === 'fitted') expect(ltv.spend.fit.convergence.converged).toBe(true);
  // The simulated dropout is real, so the data identify it (UCI Online Retail does not).
  expect(ltv.purchaseFit.notIdentified).toEqual([]);
  expect(r.lifetimeValue.caveat).toBeNull();
  expect(r.holdout.model).toBe(ltv.model);
  expect(r.holdout.result.model.purchases.mae).toBeLessThan(r.holdout.result.naive.purchases.mae);
  const summary = summarizeAnalysis(r, { timings: false });
  if (summary.lifetimeValue.status !== 'done') throw new Error('lifetime value was skipped');
  expect(summary.lifetimeValue.clvTotal).toBeGreaterThan(0);
  expect(summary.churnBasis.pAlive).toBeGreaterThan(0);
});
