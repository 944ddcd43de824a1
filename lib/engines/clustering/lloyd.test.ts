import { expect, test } from 'vitest';
import { refineLloyd } from './lloyd';

test('Lloyd from rough centres reaches the hand-computed fixed point of 0, 1, 2 | 10, 11, 12', () => {
  const data = Float64Array.from([0, 1, 2, 10, 11, 12]);
  const fit = refineLloyd(data, 6, 1, Float64Array.from([3, 9]), 2, 100, 0);
  expect(Array.from(fit.labels)).toEqual([0, 0, 0, 1, 1, 1]);
  expect(Array.from(fit.centroids)).toEqual([1, 11]);
  expect(fit.inertia).toBe(4);
  expect(fit.converged).toBe(true);
});

test('an empty cluster is moved to the point farthest from its centroid', () => {
  // Centre 100 attracts nobody. After one step the centroids are 1 and 11 and every point is 1 away
  // from its own; the first of them, x=0, takes over the empty cluster. Then {1, 2} settles at 1.5:
  // inertia 0.25 + 0.25 + (1 + 0 + 1) + 0 = 2.5.
  const data = Float64Array.from([0, 1, 2, 10, 11, 12]);
  const fit = refineLloyd(data, 6, 1, Float64Array.from([6, 11, 100]), 3, 100, 0);
  expect(Array.from(fit.labels)).toEqual([2, 0, 0, 1, 1, 1]);
  expect(Array.from(fit.centroids)).toEqual([1.5, 11, 0]);
  expect(fit.inertia).toBe(2.5);
});

test('stops at maxIterations and says it did not converge', () => {
  const data = Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const fit = refineLloyd(data, 10, 1, Float64Array.from([0, 0.5]), 2, 1, 0);
  expect(fit.iterations).toBe(1);
  expect(fit.converged).toBe(false);
});
