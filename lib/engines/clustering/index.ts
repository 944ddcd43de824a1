export type {
  ClusteringMethod,
  ClusterMetrics,
  ClusterProfile,
  ClusterProfiles,
  CustomerColumns,
  FeatureMatrix,
  GmmKEntry,
  GmmMethodResult,
  GmmOptions,
  GmmResult,
  HierarchicalMethodResult,
  HierarchicalMode,
  HierarchicalOptions,
  HierarchicalResult,
  KMeansMethodResult,
  KMeansOptions,
  KMeansResult,
  MethodResult,
  OverallProfile,
  PreparedMatrix,
  PrepareMatrixOptions,
  RunClusteringOptions,
  RunClusteringResult,
  SelectGmmKOptions,
  SelectGmmKResult,
  SilhouetteOptions,
  SweepKEntry,
  SweepKOptions,
  SweepKResult,
} from './types';
export { runClustering, DEFAULT_RUN_CLUSTERING_OPTIONS } from './run-clustering';
export { prepareMatrix, DEFAULT_FEATURES } from './prepare-matrix';
export { kmeans, DEFAULT_KMEANS_OPTIONS } from './kmeans';
export { sweepK } from './sweep-k';
export { findElbow } from './elbow';
export { gmm, DEFAULT_GMM_OPTIONS } from './gmm';
export { selectGmmK } from './select-gmm-k';
export { hierarchical, DEFAULT_HIERARCHICAL_OPTIONS } from './hierarchical';
export { wardLinkage } from './ward-linkage';
export { cutLinkage } from './cut-linkage';
export {
  createSilhouetteContext,
  silhouette,
  silhouetteScore,
  silhouetteScores,
  type SilhouetteContext,
} from './silhouette';
export { calinskiHarabasz } from './calinski-harabasz';
export { daviesBouldin } from './davies-bouldin';
export { evaluateClustering } from './evaluate-clustering';
export { profileClusters, percentileRanks } from './profile-clusters';
export { nameClusters, EMPTY_CLUSTER_NAME, type ClusterRanks } from './name-clusters';
export { kLimits, MIN_CLUSTERING_CUSTOMERS, type KLimits } from './k-limits';
export { applyMapping, permuteColumns, permuteRows, relabelByValue, valueOrder } from './relabel';
