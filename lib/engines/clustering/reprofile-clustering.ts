import { profileClusters } from './profile-clusters';
import type { CustomerColumns, RunClusteringResult } from './types';

/**
 * The clustering result with every method's profiles (and so its cluster names) made again from
 * `columns` and `profileColumns`: what runClustering returns when given those profile columns,
 * since nothing else in its result depends on them. Lets the clustering start before a profile
 * column (the lifetime value) exists.
 */
export function reprofileClustering(result: RunClusteringResult, columns: CustomerColumns, profileColumns: readonly string[]): RunClusteringResult {
  const methods: RunClusteringResult['methods'] = {};
  if (result.methods.kmeans) methods.kmeans = { ...result.methods.kmeans, profiles: profileClusters(result.methods.kmeans.labels, result.methods.kmeans.k, columns, profileColumns) };
  if (result.methods.gmm) methods.gmm = { ...result.methods.gmm, profiles: profileClusters(result.methods.gmm.labels, result.methods.gmm.k, columns, profileColumns) };
  if (result.methods.hierarchical) {
    const h = result.methods.hierarchical;
    methods.hierarchical = { ...h, profiles: profileClusters(h.labels, h.k, columns, profileColumns) };
  }
  return { ...result, methods };
}
