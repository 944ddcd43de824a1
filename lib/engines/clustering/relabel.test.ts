import { expect, test } from 'vitest';
import { applyMapping, permuteColumns, permuteRows, relabelByValue, valueOrder } from './relabel';

// Mean monetary per old cluster: 0 -> 15, 1 -> 150, 2 -> 50, so new order is 1, 2, 0.
const LABELS = Int32Array.from([0, 0, 1, 1, 2]);
const MONETARY = Float64Array.from([10, 20, 100, 200, 50]);

test('the highest-monetary cluster becomes cluster 0', () => {
  const mapping = valueOrder(LABELS, 3, MONETARY);
  expect(Array.from(mapping)).toEqual([2, 0, 1]);
  expect(Array.from(applyMapping(LABELS, mapping))).toEqual([2, 2, 0, 0, 1]);
  expect(Array.from(relabelByValue(LABELS, 3, MONETARY).labels)).toEqual([2, 2, 0, 0, 1]);
});

test('equal mean monetary puts the larger cluster first, and empty clusters go last', () => {
  const labels = Int32Array.from([0, 2, 2]);
  expect(Array.from(valueOrder(labels, 3, Float64Array.from([5, 5, 5])))).toEqual([1, 2, 0]);
});

test('centroid rows and probability columns move with their clusters', () => {
  const mapping = Int32Array.from([2, 0, 1]);
  // Old centroids (k x d = 3 x 2): c0 = (0, 0), c1 = (1, 1), c2 = (2, 2).
  expect(Array.from(permuteRows(Float64Array.from([0, 0, 1, 1, 2, 2]), 2, mapping))).toEqual([1, 1, 2, 2, 0, 0]);
  // One customer with probabilities 0.1, 0.7, 0.2 for old clusters 0, 1, 2.
  expect(Array.from(permuteColumns(Float64Array.from([0.1, 0.7, 0.2]), 1, mapping))).toEqual([0.7, 0.2, 0.1]);
});

test('equal mean and size: the cluster holding the earlier customer comes first, whatever its old number', () => {
  const monetary = Float64Array.from([5, 5, 5, 5]);
  expect(Array.from(valueOrder(Int32Array.from([1, 0, 1, 0]), 2, monetary))).toEqual([1, 0]);
  expect(Array.from(relabelByValue(Int32Array.from([1, 0, 1, 0]), 2, monetary).labels)).toEqual([0, 1, 0, 1]);
  expect(Array.from(relabelByValue(Int32Array.from([0, 1, 0, 1]), 2, monetary).labels)).toEqual([0, 1, 0, 1]);
});
