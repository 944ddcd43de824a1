import { expect, test } from 'vitest';
import { describeOrdersAndOccasions, explainTerm, GLOSSARY, type GlossaryTerm } from './glossary';

const required: GlossaryTerm[] = [
  'r', 'alpha', 'a', 'b', 's', 'beta', 'log-likelihood', '±1.96 SE', 'inertia', 'silhouette', 'elbow k', 'BIC', 'MAE', 'RMSE',
  'P(alive)', 'RFM scores', 'RFM code', 'gradient norm', 'holdout', 'calibration', 'Gamma-Gamma', 'BG/NBD', 'MBG/NBD', 'Pareto/NBD',
  'CLV', 'k-means', 'Gaussian mixture', 'hierarchical', 'orders', 'occasions',
];

test.each(required)('%s has one plain line', (term) => {
  const line = explainTerm(term);
  expect(line.length).toBeGreaterThan(20);
  expect(line.length).toBeLessThan(160);
  expect(line).not.toContain('\n');
  expect(line.endsWith('.')).toBe(true);
});

test('every entry is one sentence-like line', () => {
  for (const line of Object.values(GLOSSARY)) expect(line).toMatch(/^[^\n]+\.$/);
});

test.each<[number, number | null, string]>([
  [6, 4, '6 orders on 4 days'],
  [1, 1, '1 order on 1 day'],
  [2, 1, '2 orders on 1 day'],
  [1200, 950, '1,200 orders on 950 days'],
  [3, null, '3 orders'],
])('%i orders on %s occasions read "%s"', (orders, occasions, words) => {
  expect(describeOrdersAndOccasions(orders, occasions)).toBe(words);
});
