import { expect, test } from 'vitest';
import { countDistinctRows } from './count-distinct-rows';
import { matrixOf } from '../testing/clustering';

test.each([
  ['all identical', [[1, 2], [1, 2], [1, 2]], Infinity, 1],
  ['-0 and 0 count as one value', [[0, 1], [-0, 1]], Infinity, 1],
  ['three different rows', [[1, 2], [2, 1], [1, 2], [3, 3]], Infinity, 3],
  ['stops counting at the cap', [[1], [2], [3], [4]], 2, 2],
])('%s', (_, rows, cap, expected) => {
  expect(countDistinctRows(matrixOf(rows), cap)).toBe(expected);
});
