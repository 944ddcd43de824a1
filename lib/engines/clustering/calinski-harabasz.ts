import { clusterCentroids, countNonEmpty } from './cluster-centroids';
import { squaredDistance } from './lloyd';
import type { FeatureMatrix } from './types';

/**
 * Calinski-Harabasz index (scikit-learn): between-cluster over within-cluster
 * dispersion, each divided by its degrees of freedom; 1 when every cluster is a
 * single repeated point, 0 with fewer than two non-empty clusters.
 */
export function calinskiHarabasz(matrix: FeatureMatrix, labels: Int32Array, k: number): number {
  const { n, d, data } = matrix;
  const { centroids, counts } = clusterCentroids(matrix, labels, k);
  const clusters = countNonEmpty(counts);
  if (clusters < 2 || clusters >= n) return 0;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  let between = 0;
  for (let c = 0; c < k; c++) {
    if (counts[c] > 0) between += counts[c] * squaredDistance(centroids, c * d, mean, 0, d);
  }
  let within = 0;
  for (let i = 0; i < n; i++) within += squaredDistance(data, i * d, centroids, labels[i] * d, d);
  if (within === 0) return 1;
  return (between * (n - clusters)) / (within * (clusters - 1));
}
