/** Row-major numeric matrix: row i, column j lives at data[i * d + j]. */
export interface FeatureMatrix {
  n: number;
  d: number;
  data: Float64Array;
  names: string[];
}

/** Named per-customer columns, all the same length. */
export type CustomerColumns = Record<string, Float64Array>;

export interface PrepareMatrixOptions {
  /** Columns to cluster on, in this order. */
  features?: string[];
  /** Apply log1p (negative values clamped at 0) before standardising. */
  log?: boolean;
}

export interface PreparedMatrix {
  matrix: FeatureMatrix;
  /** Per-feature mean after the optional log transform. */
  means: Float64Array;
  /** Per-feature population standard deviation; 0 marks a constant column. */
  stds: Float64Array;
  log: boolean;
}

export interface KMeansOptions {
  seed?: number;
  /** Independent seeded k-means++ starts; the lowest inertia wins. */
  restarts?: number;
  /** Cap on Lloyd iterations over the full data. */
  maxIterations?: number;
  /** Convergence: summed squared centroid shift relative to the mean feature variance (scikit-learn's tol). */
  tolerance?: number;
  /** Rows handed to ml-kmeans for k-means++ seeding and its first iterations; larger inputs are sampled down. */
  seedSampleSize?: number;
  /** Lloyd iterations ml-kmeans runs on the seed rows before the full-data refinement. */
  seedIterations?: number;
  /** Restarts with the lowest start inertia that are refined on all rows. */
  finalists?: number;
}

export interface KMeansResult {
  k: number;
  labels: Int32Array;
  /** k x d, row-major. */
  centroids: Float64Array;
  /** Sum of squared distances to the assigned centroid. */
  inertia: number;
  iterations: number;
  converged: boolean;
}

export interface SilhouetteOptions {
  /** Points used when n exceeds it (a seeded sample); at or below it the score is exact. */
  sampleSize?: number;
  seed?: number;
}

export interface ClusterMetrics {
  silhouette: number;
  calinskiHarabasz: number;
  daviesBouldin: number;
}

export interface SweepKOptions {
  kMin?: number;
  kMax?: number;
  seed?: number;
  restarts?: number;
  maxIterations?: number;
  seedSampleSize?: number;
  silhouetteSampleSize?: number;
}

export interface SweepKEntry extends ClusterMetrics {
  k: number;
  inertia: number;
  iterations: number;
  converged: boolean;
}

export interface SweepKResult {
  entries: SweepKEntry[];
  /** k with the highest silhouette (smallest k on ties). */
  chosenK: number;
  /** k farthest from the straight line joining the first and last inertia points. */
  elbowK: number;
  /** Points the silhouette was computed on. */
  silhouetteSampleSize: number;
  silhouetteExact: boolean;
  /** The k-means fit behind each entry, same order as entries. */
  fits: KMeansResult[];
}

export interface GmmOptions {
  seed?: number;
  maxIterations?: number;
  /** Stop when the mean per-customer log-likelihood changes by less than this. */
  tolerance?: number;
  /** Added to every covariance diagonal to keep it positive definite. */
  regCovar?: number;
  /** k-means restarts for the starting partition. */
  initRestarts?: number;
  /** Starting partition; skips the k-means start. */
  initLabels?: Int32Array;
}

export interface GmmResult {
  k: number;
  labels: Int32Array;
  /** n x k responsibilities, row-major. */
  probabilities: Float64Array;
  weights: Float64Array;
  /** k x d. */
  means: Float64Array;
  /** k x d x d. */
  covariances: Float64Array;
  logLikelihood: number;
  bic: number;
  aic: number;
  iterations: number;
  converged: boolean;
}

export interface SelectGmmKOptions extends Omit<GmmOptions, 'initLabels'> {
  kMin?: number;
  kMax?: number;
}

export interface GmmKEntry {
  k: number;
  logLikelihood: number;
  bic: number;
  aic: number;
  converged: boolean;
}

export interface SelectGmmKResult {
  entries: GmmKEntry[];
  /** k with the lowest BIC. */
  bestK: number;
  best: GmmResult;
}

export type HierarchicalMode = 'exact' | 'micro-clusters';

export interface HierarchicalOptions {
  seed?: number;
  /** Largest n clustered point by point; above it Ward runs on k-means micro-clusters. */
  exactLimit?: number;
  microClusters?: number;
  /** Lloyd iterations for building the micro-clusters. */
  microIterations?: number;
}

export interface HierarchicalResult {
  k: number;
  labels: Int32Array;
  mode: HierarchicalMode;
  microClusters: number | null;
  /** scipy layout, (n - 1) x 4 rows of [a, b, height, size]; null in micro-cluster mode. */
  linkage: Float64Array | null;
}

export interface ClusterProfile {
  cluster: number;
  name: string;
  size: number;
  /** Share of customers, 0..1. */
  share: number;
  /** Share of total monetary value, 0..1. */
  revenueShare: number;
  means: Record<string, number>;
  medians: Record<string, number>;
  /** Mean percentile rank (0..1, 0.5 = typical customer) of members for each column. */
  ranks: Record<string, number>;
}

export interface OverallProfile {
  size: number;
  means: Record<string, number>;
  medians: Record<string, number>;
}

export interface ClusterProfiles {
  clusters: ClusterProfile[];
  overall: OverallProfile;
}

export type ClusteringMethod = 'kmeans' | 'gmm' | 'hierarchical';

export interface RunClusteringOptions {
  method?: ClusteringMethod | 'all';
  features?: string[];
  log?: boolean;
  /** Smallest k tried; lowered (with a warning) when the data support fewer clusters. */
  kMin?: number;
  /** Largest k tried (default 10); lowered (with a warning) to what the data support. */
  kMax?: number;
  /** Fixes k and skips choosing it by silhouette; lowered (with a warning) to what the data support. */
  k?: number;
  seed?: number;
  restarts?: number;
  silhouetteSampleSize?: number;
  maxIterations?: number;
  seedSampleSize?: number;
  /** Raw columns summarised per cluster; defaults to every column given. */
  profileColumns?: string[];
  gmm?: Pick<GmmOptions, 'maxIterations' | 'tolerance' | 'regCovar'>;
  hierarchical?: Pick<HierarchicalOptions, 'exactLimit' | 'microClusters' | 'microIterations'>;
}

interface MethodResultBase {
  /** The run's k, except for a Gaussian mixture the data support only at fewer clusters. */
  k: number;
  /** Renumbered by value: cluster 0 has the highest mean monetary. */
  labels: Int32Array;
  profiles: ClusterProfiles;
  /** Null when fewer than two clusters are non-empty. */
  metrics: ClusterMetrics | null;
}

export interface KMeansMethodResult extends MethodResultBase {
  method: 'kmeans';
  centroids: Float64Array;
  inertia: number;
  iterations: number;
  converged: boolean;
}

export interface GmmMethodResult extends MethodResultBase {
  method: 'gmm';
  probabilities: Float64Array;
  weights: Float64Array;
  means: Float64Array;
  covariances: Float64Array;
  logLikelihood: number;
  bic: number;
  aic: number;
  iterations: number;
  converged: boolean;
}

export interface HierarchicalMethodResult extends MethodResultBase {
  method: 'hierarchical';
  mode: HierarchicalMode;
  microClusters: number | null;
  linkage: Float64Array | null;
}

export type MethodResult = KMeansMethodResult | GmmMethodResult | HierarchicalMethodResult;

export interface RunClusteringResult {
  n: number;
  features: string[];
  log: boolean;
  seed: number;
  /** Per-feature mean and std used to standardise. */
  means: Float64Array;
  stds: Float64Array;
  k: number;
  /** True when the caller fixed k (possibly lowered to what the data support; see warnings). */
  kFixed: boolean;
  sweep: SweepKResult;
  silhouetteSampleSize: number;
  methods: {
    kmeans?: KMeansMethodResult;
    gmm?: GmmMethodResult;
    hierarchical?: HierarchicalMethodResult;
  };
  /**
   * Plain sentences on what the data did not support: a k range or fixed k lowered to what
   * can be scored, a Gaussian mixture run at a smaller k than the others or left out. Empty
   * when everything ran as asked.
   */
  warnings: string[];
}
