import { createRng } from '../random';
import { createRowSet } from './count-distinct-rows';
import { deriveSeed } from './derive-seed';
import { refineLloyd } from './lloyd';
import type { FeatureMatrix } from './types';

export interface MicroClusters {
  /** Micro-cluster of each row, 0..count-1. */
  labels: Int32Array;
  /** count x d. */
  centroids: Float64Array;
  sizes: Float64Array;
  count: number;
}

const MICRO_TOLERANCE = 1e-4;

/**
 * Compress rows into about `target` k-means micro-clusters in two levels:
 * sqrt(target) coarse clusters, then each coarse cluster split into a share of
 * the target proportional to its size. Every k-means starts from seeded
 * distinct rows and runs at most `maxIterations` Lloyd iterations. Two levels
 * cost about n (sqrt(target) + target / sqrt(target)) distances per iteration
 * instead of n * target.
 */
export function reduceToMicroClusters(
  matrix: FeatureMatrix,
  target: number,
  seed: number,
  maxIterations: number,
): MicroClusters {
  const { n, d } = matrix;
  const coarseCount = Math.min(target, Math.ceil(Math.sqrt(target)));
  const coarse = fitFromDistinctRows(matrix, coarseCount, seed, maxIterations);

  // Rows grouped by coarse cluster: group g owns order[start[g]..start[g + 1]).
  const start = new Int32Array(coarse.k + 1);
  for (let i = 0; i < n; i++) start[coarse.labels[i] + 1]++;
  for (let g = 0; g < coarse.k; g++) start[g + 1] += start[g];
  const fill = start.slice(0, coarse.k);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[coarse.labels[i]]++] = i;

  const labels = new Int32Array(n);
  const centroids: number[] = [];
  const sizes: number[] = [];
  for (let group = 0; group < coarse.k; group++) {
    const rows = order.subarray(start[group], start[group + 1]);
    if (rows.length === 0) continue;
    const share = Math.max(1, Math.round((target * rows.length) / n));
    const sub = new Float64Array(rows.length * d);
    for (let r = 0; r < rows.length; r++) for (let j = 0; j < d; j++) sub[r * d + j] = matrix.data[rows[r] * d + j];
    const fine = fitFromDistinctRows(
      { n: rows.length, d, data: sub, names: matrix.names },
      share,
      deriveSeed(seed, group + 1),
      maxIterations,
    );
    const remap = new Int32Array(fine.k).fill(-1);
    for (let r = 0; r < rows.length; r++) {
      const c = fine.labels[r];
      if (remap[c] < 0) {
        remap[c] = sizes.length;
        sizes.push(0);
        for (let j = 0; j < d; j++) centroids.push(fine.centroids[c * d + j]);
      }
      labels[rows[r]] = remap[c];
      sizes[remap[c]]++;
    }
  }
  return { labels, centroids: Float64Array.from(centroids), sizes: Float64Array.from(sizes), count: sizes.length };
}

interface Fit {
  k: number;
  labels: Int32Array;
  centroids: Float64Array;
}

function fitFromDistinctRows(matrix: FeatureMatrix, target: number, seed: number, maxIterations: number): Fit {
  const { n, d, data } = matrix;
  const starts = pickDistinctRows(matrix, target, seed);
  const initial = new Float64Array(starts.length * d);
  for (let c = 0; c < starts.length; c++) for (let j = 0; j < d; j++) initial[c * d + j] = data[starts[c] * d + j];
  const fit = refineLloyd(data, n, d, initial, starts.length, maxIterations, MICRO_TOLERANCE);
  return { k: starts.length, labels: fit.labels, centroids: fit.centroids };
}

/** Up to `count` row indices with distinct values, in a seeded random order. */
function pickDistinctRows(matrix: FeatureMatrix, count: number, seed: number): Int32Array {
  const { n } = matrix;
  const rng = createRng(seed);
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  const rows = createRowSet(matrix, count);
  const picked: number[] = [];
  for (let i = 0; i < n && picked.length < count; i++) {
    const j = i + rng.int(n - i);
    const row = pool[j];
    pool[j] = pool[i];
    pool[i] = row;
    if (rows.add(row)) picked.push(row);
  }
  return Int32Array.from(picked);
}
