import type { FeatureMatrix } from './types';

export interface ClusterCentroids {
  /** k x d means; rows of empty clusters stay 0. */
  centroids: Float64Array;
  counts: Int32Array;
}

export function clusterCentroids(matrix: FeatureMatrix, labels: Int32Array, k: number): ClusterCentroids {
  const { n, d, data } = matrix;
  const centroids = new Float64Array(k * d);
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    counts[c]++;
    for (let j = 0; j < d; j++) centroids[c * d + j] += data[i * d + j];
  }
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) continue;
    for (let j = 0; j < d; j++) centroids[c * d + j] /= counts[c];
  }
  return { centroids, counts };
}

export function countNonEmpty(counts: Int32Array): number {
  let nonEmpty = 0;
  for (let c = 0; c < counts.length; c++) if (counts[c] > 0) nonEmpty++;
  return nonEmpty;
}
