import { expect, test } from 'vitest';
import { hierarchical } from './hierarchical';
import { gaussianBlobs, matrixOf, samePartition, thrownEngineError } from '../testing/clustering';

const FOUR_BLOBS = [
  [0, 0, 0],
  [8, 0, 0],
  [0, 8, 0],
  [0, 0, 8],
];

test('small inputs run exact Ward and return the linkage', () => {
  const result = hierarchical(matrixOf([[0], [1], [5], [7], [15]]), 3);
  expect(result.mode).toBe('exact');
  expect(result.microClusters).toBeNull();
  expect(result.linkage).toHaveLength(4 * 4);
  expect(Array.from(result.labels)).toEqual([0, 0, 1, 1, 2]);
});

test('exact Ward separates seeded blobs', () => {
  const { matrix, truth } = gaussianBlobs(FOUR_BLOBS, 50, 0.7, 3);
  expect(samePartition(hierarchical(matrix, 4).labels, truth)).toBe(true);
});

test('above exactLimit it clusters 1,000 k-means micro-clusters and says so', () => {
  const { matrix, truth } = gaussianBlobs(FOUR_BLOBS, 3_000, 0.8, 9);
  const result = hierarchical(matrix, 4, { seed: 5 });
  expect(matrix.n).toBeGreaterThan(10_000);
  expect(result.mode).toBe('micro-clusters');
  expect(result.linkage).toBeNull();
  expect(result.microClusters).toBeGreaterThan(950);
  expect(result.microClusters).toBeLessThan(1_050);
  expect(samePartition(result.labels, truth)).toBe(true);
});

test('micro-cluster mode honours exactLimit and microClusters and is reproducible', () => {
  const { matrix, truth } = gaussianBlobs(FOUR_BLOBS, 150, 0.8, 4);
  const options = { exactLimit: 100, microClusters: 40, seed: 2 };
  const first = hierarchical(matrix, 4, options);
  expect(first.mode).toBe('micro-clusters');
  expect(first.microClusters).toBeLessThanOrEqual(44);
  expect(samePartition(first.labels, truth)).toBe(true);
  expect(hierarchical(matrix, 4, options).labels).toEqual(first.labels);
});

test('fewer micro-clusters than clusters is refused', () => {
  const { matrix } = gaussianBlobs(FOUR_BLOBS, 50, 0.8, 4);
  expect(thrownEngineError(() => hierarchical(matrix, 4, { exactLimit: 10, microClusters: 3 })).code).toBe(
    'INVALID_OPTION',
  );
});
