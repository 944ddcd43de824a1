import type { ClusterMethodFilter } from '../../../schemas/dashboard-filters-schema';

/** customer_result's label and name columns of each clustering method. */
export const CLUSTER_COLUMNS: Readonly<Record<ClusterMethodFilter, { label: string; name: string }>> = Object.freeze({
  kmeans: { label: 'cluster_kmeans', name: 'cluster_kmeans_name' },
  gmm: { label: 'cluster_gmm', name: 'cluster_gmm_name' },
  hierarchical: { label: 'cluster_hierarchical', name: 'cluster_hierarchical_name' },
});

export const CLUSTER_METHOD_LABELS: Readonly<Record<ClusterMethodFilter, string>> = Object.freeze({
  kmeans: 'k-means',
  gmm: 'Gaussian mixture',
  hierarchical: 'Hierarchical (Ward)',
});

/** Every clustering method, in the order the page offers them (and falls back through). */
export const CLUSTER_METHOD_ORDER: readonly ClusterMethodFilter[] = Object.freeze(Object.keys(CLUSTER_METHOD_LABELS) as ClusterMethodFilter[]);
