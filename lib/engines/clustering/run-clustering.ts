import { EngineError, isEngineError } from '../errors';
import { evaluateClustering } from './evaluate-clustering';
import { gmm } from './gmm';
import { hierarchical } from './hierarchical';
import { assertClusterable, kLimits, mixtureError, mixtureReason, partitionReason, type KLimits } from './k-limits';
import { DEFAULT_KMEANS_OPTIONS, kmeans } from './kmeans';
import { DEFAULT_FEATURES, prepareMatrix } from './prepare-matrix';
import { profileClusters, REQUIRED_PROFILE_COLUMNS } from './profile-clusters';
import { applyMapping, permuteColumns, permuteRows, valueOrder } from './relabel';
import { createSilhouetteContext, DEFAULT_SILHOUETTE_OPTIONS, type SilhouetteContext } from './silhouette';
import { DEFAULT_K_MAX, DEFAULT_K_MIN, sweepK } from './sweep-k';
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
 * (cluster 0 has the highest mean monetary), profiled and named from their
 * profile (see nameClusters). The same columns, options and seed always give
 * the same segments.
 *
 * Small or repetitive data never fail the run for asking too much: the k range
 * (or a fixed k) is lowered to what the data support, with a sentence in
 * `warnings`. k-means and Ward need k <= the number of different customers and
 * k <= n - 1 (for a silhouette); a Gaussian mixture also needs (varying
 * features + 1) different customers per component. With method 'gmm' the
 * range itself is capped by the mixture; with 'all' the range follows k-means,
 * and the mixture is run at the largest k it supports up to the chosen k, or
 * left out, with a warning each time.
 * @throws EngineError INVALID_OPTION for a bad method, k, kMin or kMax (whatever the data);
 *   MISSING_COLUMNS, NO_CUSTOMERS, INVALID_INPUT for bad columns; TOO_FEW_CUSTOMERS with fewer
 *   than 3 customers; DEGENERATE_DATA when all customers are alike; with method 'gmm', either
 *   of the last two when no two-component mixture fits.
 * @example
 * const result = runClustering({ recency, frequency, monetary }, { method: 'all', seed: 42 });
 * result.k; // e.g. 4
 * result.methods.kmeans?.profiles.clusters[0].name; // e.g. 'Very high value · very recent'
 * result.warnings; // e.g. ['Tried k from 2 to 3 instead of 2 to 10: only 3 customers differ in recency, frequency, monetary.']
 */
export function runClustering(columns: CustomerColumns, options: RunClusteringOptions = {}): RunClusteringResult {
  const { k: fixedK, kMax, profileColumns, ...rest } = options;
  const opts = mergeOptions(DEFAULT_RUN_CLUSTERING_OPTIONS, rest);
  validateOptions(opts, fixedK, kMax);
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

  const kMaxWanted = kMax ?? Math.max(opts.kMin, DEFAULT_K_MAX);
  const limits = kLimits(prepared, fixedK ?? kMaxWanted);
  assertClusterable(limits);
  const mixtureOnly = opts.method === 'gmm';
  const cap = mixtureOnly ? limits.mixture : limits.partition;
  if (cap < 2) throw mixtureError(limits, 2);
  const capReason = () => (mixtureOnly ? mixtureReason(limits, cap + 1) : partitionReason(limits));

  const warnings: string[] = [];
  let kMin: number;
  let kMaxUsed: number;
  if (fixedK !== undefined) {
    kMin = kMaxUsed = Math.min(fixedK, cap);
    if (kMin < fixedK) warnings.push(`Used k = ${kMin} instead of the requested ${fixedK}: ${capReason()}.`);
  } else {
    kMaxUsed = Math.min(kMaxWanted, cap);
    kMin = Math.min(opts.kMin, kMaxUsed);
    if (opts.kMin > cap || (kMax !== undefined && kMax > cap)) {
      warnings.push(
        `Tried k from ${kMin} to ${kMaxUsed} instead of ${opts.kMin} to ${kMaxWanted}: ${capReason()}.`,
      );
    }
  }
  const sweep = sweepK(matrix, {
    kMin,
    kMax: kMaxUsed,
    seed: opts.seed,
    restarts: opts.restarts,
    maxIterations: opts.maxIterations,
    seedSampleSize: opts.seedSampleSize,
    silhouetteSampleSize: opts.silhouetteSampleSize,
  });
  const k = fixedK === undefined ? sweep.chosenK : kMin;
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
    let result: MethodResult;
    if (method === 'gmm' && !mixtureOnly) {
      const outcome = runMixtureAlongside(context, limits);
      if (outcome.warning !== null) warnings.push(outcome.warning);
      if (outcome.result === null) continue;
      result = outcome.result;
    } else {
      result = runMethod(method, context);
    }
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
    warnings,
  };
}

function validateOptions(opts: Required<DefaultedOptions>, fixedK: number | undefined, kMax: number | undefined): void {
  if (fixedK !== undefined && (!Number.isInteger(fixedK) || fixedK < 2)) {
    throw new EngineError(
      'INVALID_OPTION',
      `The number of clusters k must be a whole number of at least 2; got ${fixedK}.`,
    );
  }
  if (!Number.isInteger(opts.kMin) || opts.kMin < 2) {
    throw new EngineError(
      'INVALID_OPTION',
      `The smallest number of clusters must be a whole number of at least 2; got ${opts.kMin}.`,
    );
  }
  if (kMax !== undefined && (!Number.isInteger(kMax) || kMax < opts.kMin)) {
    throw new EngineError(
      'INVALID_OPTION',
      `The largest number of clusters must be a whole number of at least ${opts.kMin}; got ${kMax}.`,
    );
  }
  if (opts.method !== 'all' && !ALL_METHODS.includes(opts.method)) {
    throw new EngineError(
      'INVALID_OPTION',
      `Unknown clustering method "${String(opts.method)}"; use kmeans, gmm, hierarchical or all.`,
    );
  }
}

/**
 * The mixture run beside k-means and Ward: at the chosen k when the data support it, else at
 * the largest k they do, else not at all; a mixture that cannot be fitted is left out too.
 */
function runMixtureAlongside(
  context: RunContext,
  limits: KLimits,
): { result: GmmMethodResult | null; warning: string | null } {
  const { k } = context;
  const mixtureK = Math.min(k, limits.mixture);
  if (mixtureK < 2) {
    return { result: null, warning: `The Gaussian mixture was left out: ${mixtureReason(limits, 2, 'it')}.` };
  }
  const fit =
    mixtureK === k
      ? context.fit
      : (context.sweep.fits.find((candidate) => candidate.k === mixtureK) ?? kmeansStart(context, mixtureK));
  try {
    const result = runMixture({ ...context, k: mixtureK, fit });
    const warning =
      mixtureK < k
        ? `The Gaussian mixture used k = ${mixtureK} instead of ${k}: ${mixtureReason(limits, k, 'it')}.`
        : null;
    return { result, warning };
  } catch (error) {
    if (!isEngineError(error) || error.code !== 'FIT_FAILED') throw error;
    return { result: null, warning: `The Gaussian mixture was left out: ${error.message}` };
  }
}

function kmeansStart(context: RunContext, k: number): KMeansResult {
  const { opts } = context;
  return kmeans(context.matrix, k, {
    seed: opts.seed,
    restarts: opts.restarts,
    maxIterations: opts.maxIterations,
    seedSampleSize: opts.seedSampleSize,
  });
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
    case 'gmm':
      return runMixture(context);
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

function runMixture(context: RunContext): GmmMethodResult {
  const { matrix, k, fit, opts } = context;
  const mixture = gmm(matrix, k, { ...opts.gmm, seed: opts.seed, initLabels: fit.labels });
  const mapping = valueOrder(mixture.labels, k, context.columns.monetary);
  return {
    method: 'gmm',
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
