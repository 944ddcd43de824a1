import { expect, test } from 'vitest';
import { createRng } from './random';
import { quantileInPlace } from './quantile';

function sortedQuantile(values: number[], probability: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * probability;
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
}

test.each([
  [[3, 1, 2], 0.5, 2],
  [[1, 2, 3, 4], 0.5, 2.5],
  [[10], 0.05, 10],
  [[5, 5, 5, 5], 0.95, 5],
  [[4, 1, 3, 2, 5], 0.05, 1.2],
])('quantile of %j at %d is %d', (values, probability, expected) => {
  expect(quantileInPlace(Float64Array.from(values), probability)).toBeCloseTo(expected, 12);
});

test('matches sorting on random arrays with ties, at the 5 % and 95 % points', () => {
  const rng = createRng(21);
  for (let trial = 0; trial < 200; trial++) {
    const n = 1 + rng.int(250);
    const values = Array.from({ length: n }, () => rng.int(40) / 4);
    for (const probability of [0.05, 0.5, 0.95]) {
      expect(quantileInPlace(Float64Array.from(values), probability)).toBeCloseTo(sortedQuantile(values, probability), 12);
    }
  }
});
