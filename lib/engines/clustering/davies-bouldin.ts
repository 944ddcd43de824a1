import { clusterCentroids, countNonEmpty } from './cluster-centroids';
import { squaredDistance } from './lloyd';
import type { FeatureMatrix } from './types';

/**
 * Davies-Bouldin index (scikit-learn): mean over clusters of the worst
 * (s_i + s_j) / |c_i - c_j|, where s is the mean distance of members to their
 * centroid. Lower is better; 0 with fewer than two non-empty clusters.
 */
export function daviesBouldin(matrix: FeatureMatrix, labels: Int32Array, k: number): number {
  const { n, d, data } = matrix;
  const { centroids, counts } = clusterCentroids(matrix, labels, k);
  if (countNonEmpty(counts) < 2) return 0;
  const scatter = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    scatter[labels[i]] += Math.sqrt(squaredDistance(data, i * d, centroids, labels[i] * d, d));
  }
  let anyScatter = false;
  for (let c = 0; c < k; c++) {
    if (counts[c] > 0) scatter[c] /= counts[c];
    if (scatter[c] > 0) anyScatter = true;
  }
  if (!anyScatter) return 0;
  let total = 0;
  let clusters = 0;
  for (let a = 0; a < k; a++) {
    if (counts[a] === 0) continue;
    clusters++;
    let worst = 0;
    for (let b = 0; b < k; b++) {
      if (b === a || counts[b] === 0) continue;
      const separation = Math.sqrt(squaredDistance(centroids, a * d, centroids, b * d, d));
      // Coinciding centroids count as infinitely far apart, as in scikit-learn.
      if (separation === 0) continue;
      const ratio = (scatter[a] + scatter[b]) / separation;
      if (ratio > worst) worst = ratio;
    }
    total += worst;
  }
  return total / clusters;
}
