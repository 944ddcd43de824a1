import { calinskiHarabasz } from './calinski-harabasz';
import { countNonEmpty } from './cluster-centroids';
import { daviesBouldin } from './davies-bouldin';
import { silhouetteScore, type SilhouetteContext } from './silhouette';
import type { ClusterMetrics, FeatureMatrix } from './types';

/** Silhouette, Calinski-Harabasz and Davies-Bouldin for one labelling; null unless 2..n-1 clusters are non-empty. */
export function evaluateClustering(
  matrix: FeatureMatrix,
  labels: Int32Array,
  k: number,
  context: SilhouetteContext,
): ClusterMetrics | null {
  const counts = new Int32Array(k);
  for (let i = 0; i < matrix.n; i++) counts[labels[i]]++;
  const clusters = countNonEmpty(counts);
  if (clusters < 2 || clusters > matrix.n - 1) return null;
  return {
    silhouette: silhouetteScore(context, labels, k),
    calinskiHarabasz: calinskiHarabasz(matrix, labels, k),
    daviesBouldin: daviesBouldin(matrix, labels, k),
  };
}
