import { EngineError } from '../errors';
import { evaluateClustering } from './evaluate-clustering';
import { gmm } from './gmm';
import { hierarchical } from './hierarchical';
import { DEFAULT_KMEANS_OPTIONS } from './kmeans';
import { DEFAULT_FEATURES, prepareMatrix } from './prepare-matrix';
import { profileClusters, REQUIRED_PROFILE_COLUMNS } from './profile-clusters';
import { applyMapping, permuteColumns, permuteRows, valueOrder } from './relabel';
import { createSilhouetteContext, DEFAULT_SILHOUETTE_OPTIONS, type SilhouetteContext } from './silhouette';
import { DEFAULT_K_MIN, sweepK } from './sweep-k';
import type {
  ClusterMetrics,
  ClusteringMethod,
  CustomerColumns,
  FeatureMatrix,
  GmmMethodResult,
  HierarchicalMethodResult,
  KMeansMethodResult,
  KMeansResult,
  MethodResult,
  RunClusteringOptions,
  RunClusteringResult,
  SweepKResult,
} from './types';
import { mergeOptions } from '../merge-options';

type DefaultedOptions = Omit<RunClusteringOptions, 'k' | 'kMax' | 'profileColumns'>;

export const DEFAULT_RUN_CLUSTERING_OPTIONS: Required<DefaultedOptions> = {
  method: 'kmeans',
  features: [...DEFAULT_FEATURES],
  log: true,
  kMin: DEFAULT_K_MIN,
  seed: DEFAULT_KMEANS_OPTIONS.seed,
  restarts: DEFAULT_KMEANS_OPTIONS.restarts,
  silhouetteSampleSize: DEFAULT_SILHOUETTE_OPTIONS.sampleSize,
  maxIterations: DEFAULT_KMEANS_OPTIONS.maxIterations,
  seedSampleSize: DEFAULT_KMEANS_OPTIONS.seedSampleSize,
  gmm: {},
  hierarchical: {},
};

const ALL_METHODS: readonly ClusteringMethod[] = ['kmeans', 'gmm', 'hierarchical'];

interface RunContext {
  columns: CustomerColumns;
  matrix: FeatureMatrix;
  k: number;
  fit: KMeansResult;
  sweep: SweepKResult;
  silhouette: SilhouetteContext;
  profileColumns: readonly string[];
  opts: Required<DefaultedOptions>;
}

/**
 * Segment customers: standardise the chosen features, choose k by the best
 * k-means silhouette over kMin..kMax (unless k is given), then run the requested
 * method(s) with that k. Each method's clusters are renumbered by value
 * (cluster 0 has the highest mean monetary), profiled and named. The same
 * columns, options and seed always give the same segments.
 * @example
 * const result = runClustering({ recency, frequency, monetary }, { method: 'all', seed: 42 });
 * result.k; // e.g. 4
 * result.methods.kmeans?.profiles.clusters[0].name; // e.g. 'Champions'
 */
export function runClustering(columns: CustomerColumns, options: RunClusteringOptions = {}): RunClusteringResult {
  const { k: fixedK, kMax, profileColumns, ...rest } = options;
  const opts = mergeOptions(DEFAULT_RUN_CLUSTERING_OPTIONS, rest);
  if (fixedK !== undefined && (!Number.isInteger(fixedK) || fixedK < 2)) {
    throw new EngineError(
      'INVALID_OPTION',
      `The number of clusters k must be a whole number of at least 2; got ${fixedK}.`,
    );
  }
  if (opts.method !== 'all' && !ALL_METHODS.includes(opts.method)) {
    throw new EngineError(
      'INVALID_OPTION',
      `Unknown clustering method "${String(opts.method)}"; use kmeans, gmm, hierarchical or all.`,
    );
  }
  const missing = REQUIRED_PROFILE_COLUMNS.filter((name) => !(name in columns));
  if (missing.length > 0) {
    throw new EngineError(
      'MISSING_COLUMNS',
      `Clustering needs recency, frequency and monetary for every customer; missing ${missing.join(', ')}.`,
      { missing },
    );
  }
  const prepared = prepareMatrix(columns, { features: opts.features, log: opts.log });
  const { matrix } = prepared;
  const sweep = sweepK(matrix, {
    kMin: fixedK ?? opts.kMin,
    kMax: fixedK ?? kMax,
    seed: opts.seed,
    restarts: opts.restarts,
    maxIterations: opts.maxIterations,
    seedSampleSize: opts.seedSampleSize,
    silhouetteSampleSize: opts.silhouetteSampleSize,
  });
  const k = fixedK ?? sweep.chosenK;
  const fit = sweep.fits.find((candidate) => candidate.k === k);
  if (fit === undefined) throw new EngineError('FIT_FAILED', `No k-means fit for k = ${k}.`);

  const context: RunContext = {
    columns,
    matrix,
    k,
    fit,
    sweep,
    silhouette: createSilhouetteContext(matrix, { sampleSize: opts.silhouetteSampleSize, seed: opts.seed }),
    profileColumns: profileColumns ?? Object.keys(columns),
    opts,
  };
  const methods: RunClusteringResult['methods'] = {};
  for (const method of opts.method === 'all' ? ALL_METHODS : [opts.method]) {
    const result = runMethod(method, context);
    switch (result.method) {
      case 'kmeans':
        methods.kmeans = result;
        break;
      case 'gmm':
        methods.gmm = result;
        break;
      case 'hierarchical':
        methods.hierarchical = result;
        break;
      default:
        return assertNever(result);
    }
  }
  return {
    n: matrix.n,
    features: matrix.names,
    log: prepared.log,
    seed: opts.seed,
    means: prepared.means,
    stds: prepared.stds,
    k,
    kFixed: fixedK !== undefined,
    sweep,
    silhouetteSampleSize: sweep.silhouetteSampleSize,
    methods,
  };
}

function runMethod(method: ClusteringMethod, context: RunContext): MethodResult {
  const { matrix, k, fit, opts } = context;
  const monetary = context.columns.monetary;
  switch (method) {
    case 'kmeans': {
      const mapping = valueOrder(fit.labels, k, monetary);
      const entry = context.sweep.entries.find((candidate) => candidate.k === k);
      const result: KMeansMethodResult = {
        method,
        // The sweep already scored this fit; relabelling does not change the scores.
        ...describe(
          context,
          applyMapping(fit.labels, mapping),
          entry === undefined
            ? undefined
            : {
                silhouette: entry.silhouette,
                calinskiHarabasz: entry.calinskiHarabasz,
                daviesBouldin: entry.daviesBouldin,
              },
        ),
        centroids: permuteRows(fit.centroids, matrix.d, mapping),
        inertia: fit.inertia,
        iterations: fit.iterations,
        converged: fit.converged,
      };
      return result;
    }
    case 'gmm': {
      const mixture = gmm(matrix, k, { ...opts.gmm, seed: opts.seed, initLabels: fit.labels });
      const mapping = valueOrder(mixture.labels, k, monetary);
      const result: GmmMethodResult = {
        method,
        ...describe(context, applyMapping(mixture.labels, mapping)),
        probabilities: permuteColumns(mixture.probabilities, matrix.n, mapping),
        weights: permuteRows(mixture.weights, 1, mapping),
        means: permuteRows(mixture.means, matrix.d, mapping),
        covariances: permuteRows(mixture.covariances, matrix.d * matrix.d, mapping),
        logLikelihood: mixture.logLikelihood,
        bic: mixture.bic,
        aic: mixture.aic,
        iterations: mixture.iterations,
        converged: mixture.converged,
      };
      return result;
    }
    case 'hierarchical': {
      const tree = hierarchical(matrix, k, { ...opts.hierarchical, seed: opts.seed });
      const mapping = valueOrder(tree.labels, k, monetary);
      const result: HierarchicalMethodResult = {
        method,
        ...describe(context, applyMapping(tree.labels, mapping)),
        mode: tree.mode,
        microClusters: tree.microClusters,
        linkage: tree.linkage,
      };
      return result;
    }
    default:
      return assertNever(method);
  }
}

function describe(context: RunContext, labels: Int32Array, metrics?: ClusterMetrics) {
  const { matrix, k } = context;
  return {
    k,
    labels,
    profiles: profileClusters(labels, k, context.columns, context.profileColumns),
    metrics: metrics ?? evaluateClustering(matrix, labels, k, context.silhouette),
  };
}

function assertNever(value: never): never {
  throw new EngineError('INVALID_OPTION', `Unknown clustering method "${String(value)}".`);
}
