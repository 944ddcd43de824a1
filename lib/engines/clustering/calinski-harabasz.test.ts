import { expect, test } from 'vitest';
import { calinskiHarabasz } from './calinski-harabasz';
import { matrixOf } from '../testing/clustering';

test.each([
  // 0, 1 | 4, 5: centroids 0.5 and 4.5, grand mean 2.5; B = 2*4 + 2*4 = 16, W = 4 * 0.25 = 1;
  // CH = 16*(4-2) / (1*(2-1)) = 32.
  ['0, 1 | 4, 5', [[0], [1], [4], [5]], [0, 0, 1, 1], 2, 32],
  // 0, 2 | 10, 12 | 30: mean 10.8; B = 2*9.8^2 + 2*0.2^2 + 19.2^2 = 560.8, W = 4; CH = 560.8*(5-3) / (4*2) = 140.2.
  ['0, 2 | 10, 12 | 30', [[0], [2], [10], [12], [30]], [0, 0, 1, 1, 2], 3, 140.2],
  // Every cluster a repeated point: no within-cluster spread, scikit-learn returns 1.
  ['repeated points', [[0], [0], [3], [3]], [0, 0, 1, 1], 2, 1],
  ['a single cluster', [[0], [1], [2]], [0, 0, 0], 1, 0],
])('Calinski-Harabasz of %s', (_, rows, labels, k, expected) => {
  expect(calinskiHarabasz(matrixOf(rows), Int32Array.from(labels), k)).toBeCloseTo(expected, 10);
});
