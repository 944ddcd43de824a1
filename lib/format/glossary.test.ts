import { expect, test } from 'vitest';
import { explainTerm, GLOSSARY, type GlossaryTerm } from './glossary';

const required: GlossaryTerm[] = [
  'r', 'alpha', 'a', 'b', 's', 'beta', 'log-likelihood', '±1.96 SE', 'inertia', 'silhouette', 'elbow k', 'BIC', 'MAE', 'RMSE',
  'P(alive)', 'RFM scores', 'RFM code', 'gradient norm', 'holdout', 'calibration', 'Gamma-Gamma', 'BG/NBD', 'MBG/NBD', 'Pareto/NBD',
  'CLV', 'k-means', 'Gaussian mixture', 'hierarchical',
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
