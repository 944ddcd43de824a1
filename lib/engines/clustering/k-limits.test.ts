import { expect, test } from 'vitest';
import { assertClusterable, kLimits, mixtureError, mixtureReason, partitionReason } from './k-limits';
import { prepareMatrix } from './prepare-matrix';
import { thrownEngineError } from '../testing/clustering';

function prepared(rows: readonly (readonly number[])[]) {
  return prepareMatrix({
    recency: Float64Array.from(rows, (row) => row[0]),
    frequency: Float64Array.from(rows, (row) => row[1]),
    monetary: Float64Array.from(rows, (row) => row[2]),
  });
}

const SEVEN = [[1, 1, 10], [2, 1, 20], [3, 2, 30], [4, 2, 40], [5, 3, 50], [6, 3, 60], [7, 4, 70]];

test('7 different customers on 3 features: k-means up to 6, a mixture not even 2', () => {
  const limits = kLimits(prepared(SEVEN), 10);
  expect(limits).toMatchObject({ n: 7, distinct: 7, dimensions: 3, partition: 6, mixture: 1 });
  expect(partitionReason(limits)).toBe('with 7 customers at most 6 clusters can be scored');
  expect(mixtureError(limits, 2).code).toBe('TOO_FEW_CUSTOMERS');
});

test('repeated customers cap k at the number that differ; a constant feature is not a dimension', () => {
  // Frequency is 5 for everyone: two varying features, so 3 different customers per component.
  const rows = Array.from({ length: 20 }, (_, i) => [1 + (i % 7), 5, 10 * (1 + (i % 7))]);
  const limits = kLimits(prepared(rows), 10);
  expect(limits).toMatchObject({ n: 20, distinct: 7, dimensions: 2, partition: 7, mixture: 2 });
  expect(partitionReason(limits)).toBe('only 7 customers differ in recency, frequency, monetary');
  expect(mixtureReason(limits, 3, 'it')).toBe(
    'it needs 3 different customers per cluster on 2 varying features (9 for 3 clusters), and only 7 customers differ',
  );
  expect(mixtureError(limits, 3).code).toBe('DEGENERATE_DATA');
});

test('distinct customers are counted no further than the limits need', () => {
  const rows = Array.from({ length: 100 }, (_, i) => [i + 1, 1 + (i % 5), 3 * i + 1]);
  // Looking for at most 2 clusters on 3 features needs 2 x 4 = 8 different customers.
  expect(kLimits(prepared(rows), 2)).toMatchObject({ distinct: 8, partition: 8, mixture: 2 });
});

test.each([
  ['one customer', [[1, 1, 1]], 'TOO_FEW_CUSTOMERS', 'Clustering needs at least 3 customers; this file has 1.'],
  ['two customers', [[1, 1, 1], [2, 2, 2]], 'TOO_FEW_CUSTOMERS', 'Clustering needs at least 3 customers; this file has 2.'],
  [
    'three alike',
    [[1, 1, 1], [1, 1, 1], [1, 1, 1]],
    'DEGENERATE_DATA',
    'All customers have the same recency, frequency, monetary; clustering needs at least 2 customers that differ.',
  ],
])('%s cannot be clustered', (_, rows, code, message) => {
  const error = thrownEngineError(() => assertClusterable(kLimits(prepared(rows), 10)));
  expect(error.code).toBe(code);
  expect(error.message).toBe(message);
});

test('three customers, two alike, can be split in two', () => {
  expect(() => assertClusterable(kLimits(prepared([[1, 1, 1], [1, 1, 1], [2, 2, 2]]), 10))).not.toThrow();
});
