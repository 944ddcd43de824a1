import { expect, test } from 'vitest';
import { createRng } from '../random';
import { createSilhouetteContext, silhouette, silhouetteScore, silhouetteScores } from './silhouette';
import { matrixOf } from '../testing/clustering';
import type { FeatureMatrix } from './types';

// Points 0, 1, 4, 5 with labels 0, 0, 1, 1:
//   x=0: a = 1, b = (4 + 5) / 2 = 4.5, s = 1 - 1/4.5 = 7/9
//   x=1: a = 1, b = (3 + 4) / 2 = 3.5, s = 1 - 1/3.5 = 5/7
//   x=4 and x=5 mirror them, so the mean is (7/9 + 5/7) / 2 = 47/63.
test('silhouette of 0, 1 | 4, 5 is 47/63 by hand', () => {
  const matrix = matrixOf([[0], [1], [4], [5]]);
  expect(silhouette(matrix, Int32Array.from([0, 0, 1, 1]), 2)).toBeCloseTo(47 / 63, 12);
});

// Points 0, 1 | 10: the singleton scores 0; x=0: a = 1, b = 10, s = 9/10; x=1: a = 1, b = 9, s = 8/9.
// Mean (9/10 + 8/9 + 0) / 3 = 161/270.
test('a single-point cluster scores 0, as in scikit-learn', () => {
  const matrix = matrixOf([[0], [1], [10]]);
  expect(silhouette(matrix, Int32Array.from([0, 0, 1]), 2)).toBeCloseTo(161 / 270, 12);
});

test('fewer than two clusters scores 0', () => {
  expect(silhouette(matrixOf([[0], [1], [2]]), Int32Array.from([1, 1, 1]), 3)).toBe(0);
});

function bruteForce(matrix: FeatureMatrix, labels: Int32Array, k: number, rows?: Int32Array): number {
  const index = rows ?? Int32Array.from({ length: matrix.n }, (_, i) => i);
  const m = index.length;
  const { d, data } = matrix;
  const counts = new Array<number>(k).fill(0);
  for (const i of index) counts[labels[i]]++;
  let total = 0;
  for (const i of index) {
    const sums = new Array<number>(k).fill(0);
    for (const j of index) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (data[i * d + t] - data[j * d + t]) ** 2;
      sums[labels[j]] += Math.sqrt(s);
    }
    const own = labels[i];
    if (counts[own] < 2) continue;
    const a = sums[own] / (counts[own] - 1);
    const b = Math.min(...sums.map((sum, c) => (c === own || counts[c] === 0 ? Infinity : sum / counts[c])));
    total += Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
  }
  return total / m;
}

function randomData(n: number, d: number, k: number, seed: number): { matrix: FeatureMatrix; labels: Int32Array } {
  const rng = createRng(seed);
  const data = Float64Array.from({ length: n * d }, () => rng.normal());
  const labels = Int32Array.from({ length: n }, () => rng.int(k));
  return { matrix: { n, d, data, names: [] }, labels };
}

test.each([
  [1, 4],
  [2, 3],
  [3, 5],
  [5, 2],
])('matches the O(n^2) definition on random data with d = %i, k = %i', (d, k) => {
  const { matrix, labels } = randomData(120, d, k, 10 + d);
  expect(silhouette(matrix, labels, k)).toBeCloseTo(bruteForce(matrix, labels, k), 10);
});

test('scoring several labellings together equals scoring each alone', () => {
  const { matrix } = randomData(200, 3, 2, 5);
  const rng = createRng(9);
  const ks = [2, 3, 4, 5, 6, 7, 8, 9, 10];
  const labelings = ks.map((k) => Int32Array.from({ length: 200 }, () => rng.int(k)));
  const context = createSilhouetteContext(matrix);
  const together = silhouetteScores(context, labelings, ks);
  ks.forEach((k, i) => expect(together[i]).toBeCloseTo(bruteForce(matrix, labelings[i], k), 10));
});

test('above the sample size it scores a seeded sample and says how large', () => {
  const { matrix, labels } = randomData(300, 2, 3, 21);
  const context = createSilhouetteContext(matrix, { sampleSize: 50, seed: 4 });
  expect(context.m).toBe(50);
  expect(context.exact).toBe(false);
  expect(context.indices).not.toBeNull();
  const expected = bruteForce(matrix, labels, 3, context.indices ?? undefined);
  expect(silhouetteScore(context, labels, 3)).toBeCloseTo(expected, 10);
  expect(silhouetteScore(createSilhouetteContext(matrix, { sampleSize: 50, seed: 4 }), labels, 3)).toBe(
    silhouetteScore(context, labels, 3),
  );
});
