import { beforeAll, expect, test } from 'vitest';
import { runAnalysis, summarizeAnalysis, type AnalysisSummary } from '../engines/pipeline';
import { demoLogBytes } from './demo-log-bytes';

let summary: AnalysisSummary;
beforeAll(async () => {
  summary = summarizeAnalysis(await runAnalysis(demoLogBytes(), { seed: 42 }), { timings: false });
}, 120_000);

test('on the demo the model comparison scores the holdout section’s customers, model and naive baseline with the same numbers', () => {
  const { holdout, modelComparison } = summary;
  if (holdout.status !== 'done' || modelComparison.status !== 'done') throw new Error('the demo should have a holdout and a model comparison');
  expect(modelComparison.calibrationEnd).toBe(holdout.calibrationEnd);
  expect(modelComparison.customers).toBe(holdout.customers);
  expect(modelComparison.actualTotal).toBe(holdout.actual.totalSpend);
  const naive = modelComparison.models.find((m) => m.model === 'naive')!;
  expect({ mae: naive.mae, rmse: naive.rmse, bias: naive.bias }).toEqual(holdout.naive.spend);
  expect(naive.totalPredicted).toBe(holdout.naive.totalSpend);
  const btyd = modelComparison.models.find((m) => m.model === 'btyd')!;
  expect({ mae: btyd.mae, rmse: btyd.rmse, bias: btyd.bias }).toEqual(holdout.model.spend);
  expect(btyd.label).toBe(`${summary.lifetimeValue.status === 'done' ? summary.lifetimeValue.modelLabel : ''} + Gamma-Gamma`);
  expect(modelComparison.models.map((m) => m.model)).toEqual(['random-forest', 'linear', 'btyd', 'naive']);
  expect(modelComparison.trainingNote).toMatch(/^Regressors trained on [\d,]+ of [\d,]+ customers \(seed 42\)/);
});

test('the demo’s comparison is the same on a second run with the same seed', async () => {
  const again = summarizeAnalysis(await runAnalysis(demoLogBytes(), { seed: 42 }), { timings: false });
  expect(again.modelComparison).toEqual(summary.modelComparison);
}, 120_000);
