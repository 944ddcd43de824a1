import { expect, test } from 'vitest';
import { createRng } from '../random';
import { reprofileClustering } from './reprofile-clustering';
import { runClustering } from './run-clustering';

// Three groups of customers; the lifetime value ranks them against their past spend, so it moves the names.
function columns(n: number, seed: number) {
  const rng = createRng(seed);
  const c = { recency: new Float64Array(n), frequency: new Float64Array(n), monetary: new Float64Array(n), tenure: new Float64Array(n), clv: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const g = i % 3;
    c.recency[i] = [10, 90, 300][g] * Math.exp(0.2 * rng.normal());
    c.frequency[i] = Math.max(1, Math.round([12, 4, 1][g] * Math.exp(0.2 * rng.normal())));
    c.monetary[i] = [900, 2500, 150][g] * Math.exp(0.2 * rng.normal());
    c.tenure[i] = 400 * rng.next();
    c.clv[i] = [3000, 40, 10][g] * Math.exp(0.3 * rng.normal());
  }
  return c;
}

test.each(['all', 'kmeans', 'hierarchical'] as const)('profiles made again with the lifetime value are what a run with it gives (%s)', (method) => {
  const { clv, ...withoutClv } = columns(240, 5);
  const options = { method, seed: 3, kMax: 5 };
  const expected = runClustering({ ...withoutClv, clv }, { ...options, profileColumns: ['recency', 'frequency', 'monetary', 'tenure', 'clv'] });
  const early = runClustering(withoutClv, { ...options, profileColumns: ['recency', 'frequency', 'monetary', 'tenure'] });
  expect(early).not.toEqual(expected);
  expect(reprofileClustering(early, { ...withoutClv, clv }, ['recency', 'frequency', 'monetary', 'tenure', 'clv'])).toEqual(expected);
  expect(JSON.stringify(reprofileClustering(early, { ...withoutClv, clv }, ['recency', 'frequency', 'monetary', 'tenure', 'clv']))).toBe(JSON.stringify(expected));
});
