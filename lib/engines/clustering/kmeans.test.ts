import { expect, test } from 'vitest';
import { kmeans } from './kmeans';
import { gaussianBlobs, matrixOf, samePartition, thrownEngineError } from '../testing/clustering';

const THREE_BLOBS = [
  [0, 0],
  [10, 0],
  [0, 10],
];

test('k-means on 0, 1 | 10, 11 finds centroids 0.5 and 10.5 with inertia 4 * 0.25 = 1', () => {
  const fit = kmeans(matrixOf([[0], [1], [10], [11]]), 2, { seed: 3 });
  expect(samePartition(fit.labels, Int32Array.from([0, 0, 1, 1]))).toBe(true);
  expect([...fit.centroids].sort((a, b) => a - b)).toEqual([0.5, 10.5]);
  expect(fit.inertia).toBe(1);
  expect(fit.converged).toBe(true);
});

test.each([1, 2, 3])('finds three well-separated seeded blobs (seed %i)', (seed) => {
  const { matrix, truth } = gaussianBlobs(THREE_BLOBS, 100, 0.5, 40 + seed);
  const fit = kmeans(matrix, 3, { seed });
  expect(samePartition(fit.labels, truth)).toBe(true);
  expect(fit.k).toBe(3);
  expect(fit.centroids).toHaveLength(6);
});

test('above seedSampleSize ml-kmeans seeds on a sample and Lloyd still recovers the blobs', () => {
  const { matrix, truth } = gaussianBlobs(THREE_BLOBS, 400, 0.5, 7);
  const fit = kmeans(matrix, 3, { seed: 1, seedSampleSize: 60 });
  expect(samePartition(fit.labels, truth)).toBe(true);
});

test('the same seed gives identical labels and inertia', () => {
  const { matrix } = gaussianBlobs([[0, 0], [3, 0], [0, 3], [3, 3], [1.5, 1.5]], 60, 1, 2);
  const first = kmeans(matrix, 5, { seed: 11 });
  const second = kmeans(matrix, 5, { seed: 11 });
  expect(second.labels).toEqual(first.labels);
  expect(second.inertia).toBe(first.inertia);
});

test('more restarts never lose to one, and refining every restart never loses to refining the best start', () => {
  // Overlapping blobs and k = 8 leave room for poor local optima.
  const { matrix } = gaussianBlobs([[0, 0], [4, 0], [0, 4], [4, 4], [2, 2], [8, 8], [8, 0], [0, 8]], 40, 1.2, 5);
  for (const seed of [1, 2, 3, 4, 5]) {
    const one = kmeans(matrix, 8, { seed, restarts: 1 });
    const ten = kmeans(matrix, 8, { seed, restarts: 10 });
    const bestStartOnly = kmeans(matrix, 8, { seed, restarts: 10, finalists: 1 });
    const allRefined = kmeans(matrix, 8, { seed, restarts: 10, finalists: 10 });
    expect(ten.inertia).toBeLessThanOrEqual(one.inertia);
    expect(allRefined.inertia).toBeLessThanOrEqual(bestStartOnly.inertia);
    expect(allRefined.inertia).toBeLessThanOrEqual(ten.inertia);
  }
});

test.each([
  ['k larger than n', [[0], [1]], 3, 'INVALID_OPTION'],
  ['k = 0', [[0], [1]], 0, 'INVALID_OPTION'],
  ['fewer distinct rows than k', [[1], [1], [1], [2]], 3, 'DEGENERATE_DATA'],
])('rejects %s', (_, rows, k, code) => {
  expect(thrownEngineError(() => kmeans(matrixOf(rows), k)).code).toBe(code);
});

test('rejects zero restarts', () => {
  expect(thrownEngineError(() => kmeans(matrixOf([[0], [1]]), 2, { restarts: 0 })).code).toBe('INVALID_OPTION');
});
