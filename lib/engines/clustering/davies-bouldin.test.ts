import { expect, test } from 'vitest';
import { daviesBouldin } from './davies-bouldin';
import { matrixOf } from '../testing/clustering';

test.each([
  // 0, 1 | 4, 5: scatters 0.5 and 0.5, centroids 4 apart; (0.5 + 0.5) / 4 = 0.25 for both clusters.
  ['0, 1 | 4, 5', [[0], [1], [4], [5]], [0, 0, 1, 1], 2, 0.25],
  // 0, 2 | 10, 12 | 30: scatters 1, 1, 0; centroids 1, 11, 30.
  // Worst ratios: cluster 0 max(2/10, 1/29) = 0.2, cluster 1 max(2/10, 1/19) = 0.2, cluster 2 max(1/29, 1/19) = 1/19.
  ['0, 2 | 10, 12 | 30', [[0], [2], [10], [12], [30]], [0, 0, 1, 1, 2], 3, (0.2 + 0.2 + 1 / 19) / 3],
  ['no scatter at all', [[0], [0], [3], [3]], [0, 0, 1, 1], 2, 0],
  ['a single cluster', [[0], [1], [2]], [0, 0, 0], 1, 0],
])('Davies-Bouldin of %s', (_, rows, labels, k, expected) => {
  expect(daviesBouldin(matrixOf(rows), Int32Array.from(labels), k)).toBeCloseTo(expected, 10);
});
