import { expect, test } from 'vitest';
import { createRng } from '../random';
import { cutLinkage } from './cut-linkage';
import { samePartition } from '../testing/clustering';
import { wardLinkage } from './ward-linkage';

// Convention (scipy): a merge of A and B is recorded at sqrt(2 * dSSE) with
// dSSE = nA nB / (nA + nB) * (cA - cB)^2, so two single points merge at their distance.
// Points 0, 1, 5, 7, 15 (ids 0..4):
//   1. {0,1} at |0-1| = 1                                          -> id 5, centroid 0.5
//   2. {5,7} at |5-7| = 2                                          -> id 6, centroid 6
//   3. {0,1}+{5,7}: dSSE = 2*2/4 * 5.5^2 = 30.25, height sqrt(60.5) -> id 7, centroid 3.25
//      (check: SSE of {0,1,5,7} is 32.75 = 0.5 + 2 + 30.25)
//      beats {5,7}+{15}: dSSE = 2*1/3 * 9^2 = 54
//   4. {0,1,5,7}+{15}: dSSE = 4*1/5 * 11.75^2 = 110.45, height sqrt(220.9)
test('Ward on 0, 1, 5, 7, 15 merges in the hand-computed order at sqrt(2 dSSE)', () => {
  const linkage = wardLinkage(Float64Array.from([0, 1, 5, 7, 15]), 5, 1);
  const rows = Array.from({ length: 4 }, (_, r) => Array.from(linkage.subarray(r * 4, r * 4 + 4)));
  expect(rows.map((row) => [row[0], row[1], row[3]])).toEqual([
    [0, 1, 2],
    [2, 3, 2],
    [5, 6, 4],
    [4, 7, 5],
  ]);
  [1, 2, Math.sqrt(60.5), Math.sqrt(220.9)].forEach((height, i) => expect(rows[i][2]).toBeCloseTo(height, 12));
});

test.each([
  [2, [0, 0, 0, 0, 1]],
  [3, [0, 0, 1, 1, 2]],
  [5, [0, 1, 2, 3, 4]],
])('cutting that tree into %i clusters', (k, expected) => {
  const linkage = wardLinkage(Float64Array.from([0, 1, 5, 7, 15]), 5, 1);
  expect(Array.from(cutLinkage(linkage, 5, k))).toEqual(expected);
});

test('Ward with size weights on centroids reproduces the point-level merges above them', () => {
  // {0,1} as centroid 0.5 of size 2, {5,7} as centroid 6 of size 2, and 15 alone.
  const linkage = wardLinkage(Float64Array.from([0.5, 6, 15]), 3, 1, Float64Array.from([2, 2, 1]));
  expect(linkage[2]).toBeCloseTo(Math.sqrt(60.5), 12);
  expect(linkage[3]).toBe(4);
  expect(linkage[6]).toBeCloseTo(Math.sqrt(220.9), 12);
  expect(linkage[7]).toBe(5);
});

/** Textbook O(n^3) Ward: merge the pair with the smallest dSSE, recomputing from centroids. */
function naiveWardHeights(points: Float64Array, n: number, d: number): { heights: number[]; cut3: Int32Array } {
  const members = Array.from({ length: n }, (_, i) => [i]);
  const centroid = Array.from({ length: n }, (_, i) => Array.from(points.subarray(i * d, i * d + d)));
  const heights: number[] = [];
  let cut3 = new Int32Array(n);
  while (members.length > 1) {
    let best = [0, 1];
    let bestCost = Infinity;
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const na = members[a].length;
        const nb = members[b].length;
        const squared = centroid[a].reduce((sum, v, j) => sum + (v - centroid[b][j]) ** 2, 0);
        const cost = ((na * nb) / (na + nb)) * squared;
        if (cost < bestCost) {
          bestCost = cost;
          best = [a, b];
        }
      }
    }
    const [a, b] = best;
    const na = members[a].length;
    const nb = members[b].length;
    centroid[a] = centroid[a].map((v, j) => (na * v + nb * centroid[b][j]) / (na + nb));
    members[a] = [...members[a], ...members[b]];
    members.splice(b, 1);
    centroid.splice(b, 1);
    heights.push(Math.sqrt(2 * bestCost));
    if (members.length === 3) {
      cut3 = new Int32Array(n);
      members.forEach((group, c) => group.forEach((i) => (cut3[i] = c)));
    }
  }
  return { heights, cut3 };
}

test('nearest-neighbour chain equals textbook Ward on random 2-D points', () => {
  const rng = createRng(17);
  const n = 60;
  const points = Float64Array.from({ length: n * 2 }, () => rng.normal());
  const linkage = wardLinkage(points, n, 2);
  const naive = naiveWardHeights(points, n, 2);
  const heights = Array.from({ length: n - 1 }, (_, r) => linkage[r * 4 + 2]);
  naive.heights.forEach((height, r) => expect(heights[r]).toBeCloseTo(height, 10));
  expect(samePartition(cutLinkage(linkage, n, 3), naive.cut3)).toBe(true);
  expect(linkage[(n - 2) * 4 + 3]).toBe(n);
});
