import { expect, test } from 'vitest';
import type { ValueModel } from '../../../engines/ltv-regression/compare-value-models';
import { COMPARISON_ADDED_LATER, describeValueModelComparison, valueModelComparisonFromSummary } from './value-model-comparison-dto';

const row = (model: ValueModel, label: string, r2: number | null, mae: number, rmse: number, bias: number, top10: number, top20: number) => ({
  model,
  label,
  r2,
  mae,
  rmse,
  bias,
  top10,
  top20,
  totalPredicted: 0,
});

const STORED = {
  status: 'done' as const,
  seed: 42,
  trainingNote: 'Regressors trained on 800 of 2,744 customers (seed 42): …',
  trainingEnd: '2011-06-04',
  calibrationEnd: '2011-09-06',
  holdoutDays: 94,
  customers: 3352,
  trainingCustomers: 2744,
  trainingRows: 800,
  features: ['frequency'],
  actualTotal: 100,
  models: [
    row('random-forest', 'Random forest', 0.52, 684, 2900, 190, 0.556, 0.61),
    row('linear', 'Linear regression (log features)', 0.19, 863, 3600, -188, 0.538, 0.659),
    row('btyd', 'BG/NBD + Gamma-Gamma', 0.46, 590, 2978, -320, 0.5537, 0.58),
    row('naive', 'Naive baseline (past rate)', 0.56, 551, 2699, -331, 0.552, 0.694),
  ],
};

test('the best model of each column is marked: highest R² and capture, lowest errors, bias closest to zero', () => {
  const dto = valueModelComparisonFromSummary(STORED, 'GBP');
  if (dto.status !== 'done') throw new Error('expected a comparison');
  expect(dto.best).toEqual({ r2: ['naive'], mae: ['naive'], rmse: ['naive'], bias: ['linear'], top10: ['random-forest'], top20: ['naive'] });
  expect(dto.models.map((m) => m.label)).toEqual(['Random forest', 'Linear regression (log features)', 'BG/NBD + Gamma-Gamma', 'Naive baseline (past rate)']);
});

test('the verdict names the top-fifth capture of every model, best first, and who explains and misses the most', () => {
  expect(describeValueModelComparison(STORED.models, 94, 'GBP')).toBe(
    "For targeting the top fifth of customers, the naive baseline captures 69.4% of the revenue in the 94 days held back; linear regression 65.9%, random forest 61.0%, BG/NBD + Gamma-Gamma 58.0%. " +
      "The naive baseline explains the most of each customer's spend (R² 0.56) and misses by the least (£551.00 per customer on average). " +
      'Neither regressor misses by less than the naive baseline: on this data, past rate carried forward is as good a spend forecast.',
  );
  const btydFirst = STORED.models.map((m) => (m.model === 'btyd' ? { ...m, top20: 0.9, r2: 0.9 } : m));
  expect(describeValueModelComparison(btydFirst, 94, 'GBP')).toMatch(
    /^For targeting the top fifth of customers, BG\/NBD \+ Gamma-Gamma captures 90\.0% of the revenue in the 94 days held back; naive baseline 69\.4%, .* BG\/NBD \+ Gamma-Gamma explains the most/,
  );
});

test('a purchase model best on R² and MAE is named once in that sentence', () => {
  const models = [
    row('random-forest', 'Random forest', 0.31, 700, 2900, 190, 0.5, 0.6),
    row('btyd', 'Pareto/NBD + Gamma-Gamma', 0.48, 580, 2900, -300, 0.5, 0.55),
    row('naive', 'Naive baseline (past rate)', 0.2, 610, 2700, -330, 0.5, 0.5),
  ];
  const verdict = describeValueModelComparison(models, 94, 'GBP');
  expect(verdict).toContain(
    "Pareto/NBD + Gamma-Gamma explains the most of each customer's spend (R² 0.48) and misses by the least (£580.00 per customer on average).",
  );
  for (const sentence of verdict.split('. ')) expect(sentence.split('Pareto/NBD + Gamma-Gamma').length - 1).toBeLessThanOrEqual(1);
});

test.each([
  [-0.01, "No model explains each customer's spend better than giving everyone the average spend (best R² -0.01, linear regression); the linear regression misses by the least (A$10.00 per customer on average)."],
  [0, "No model explains each customer's spend better than giving everyone the average spend (best R² 0.00, linear regression); the linear regression misses by the least (A$10.00 per customer on average)."],
  [0.004, "The linear regression explains the most of each customer's spend (R² below 0.01) and misses by the least (A$10.00 per customer on average)."],
  [0.125, "The linear regression explains the most of each customer's spend (R² 0.13) and misses by the least (A$10.00 per customer on average)."],
])('best R² %f: the verdict says whether any model explains the spend', (best, words) => {
  const models = [row('linear', 'Linear regression', best, 10, 20, 0, 0.3, 0.4), row('naive', 'Naive baseline (past rate)', -0.5, 12, 22, 1, 0.3, 0.4)];
  expect(describeValueModelComparison(models, 30, 'AUD')).toContain(words);
});

test('ties share the mark; runs stored before the comparison, or that skipped it, say so', () => {
  const tied = { ...STORED, models: [row('linear', 'A', 0.5, 1, 1, 1, 0.5, 0.5), row('naive', 'B', 0.5, 1, 1, -1, 0.5, 0.5)] };
  const dto = valueModelComparisonFromSummary(tied, null);
  const both = ['linear', 'naive'];
  expect(dto.status === 'done' && dto.best).toEqual({ r2: both, mae: both, rmse: both, bias: both, top10: both, top20: both });
  expect(valueModelComparisonFromSummary(null, null)).toEqual({ status: 'missing', reason: COMPARISON_ADDED_LATER });
  expect(valueModelComparisonFromSummary({ status: 'skipped', reason: 'No holdout.', code: 'DEGENERATE_DATA' }, null)).toEqual({ status: 'skipped', reason: 'No holdout.' });
});
