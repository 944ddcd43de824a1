import { EngineError } from '../errors';
import { calinskiHarabasz } from './calinski-harabasz';
import { countDistinctRows } from './count-distinct-rows';
import { daviesBouldin } from './davies-bouldin';
import { findElbow } from './elbow';
import { buildSeedRows, DEFAULT_KMEANS_OPTIONS, kmeansWithSeedRows, validateKMeansOptions } from './kmeans';
import { createSilhouetteContext, DEFAULT_SILHOUETTE_OPTIONS, silhouetteScores } from './silhouette';
import { mergeOptions } from '../merge-options';
import type { FeatureMatrix, KMeansResult, SweepKEntry, SweepKOptions, SweepKResult } from './types';

export const DEFAULT_K_MIN = 2;
export const DEFAULT_K_MAX = 10;

/**
 * Run k-means for every k in kMin..kMax and score each fit by inertia,
 * silhouette, Calinski-Harabasz and Davies-Bouldin; chosenK has the highest
 * silhouette, elbowK is reported for information. Without an explicit kMax the
 * range stops at n - 1 and at the number of distinct customers.
 * @example
 * const { chosenK, entries } = sweepK(matrix, { kMin: 2, kMax: 8, seed: 42 });
 */
export function sweepK(matrix: FeatureMatrix, options: SweepKOptions = {}): SweepKResult {
  const kmOpts = mergeOptions(DEFAULT_KMEANS_OPTIONS, {
    seed: options.seed,
    restarts: options.restarts,
    maxIterations: options.maxIterations,
    seedSampleSize: options.seedSampleSize,
  });
  validateKMeansOptions(kmOpts);
  const { kMin, kMax } = resolveKRange(matrix, options.kMin, options.kMax);

  const seedRows = buildSeedRows(matrix, kmOpts.seedSampleSize, kmOpts.seed);
  const fits: KMeansResult[] = [];
  for (let k = kMin; k <= kMax; k++) fits.push(kmeansWithSeedRows(matrix, seedRows, k, kmOpts));

  const context = createSilhouetteContext(matrix, {
    sampleSize: options.silhouetteSampleSize ?? DEFAULT_SILHOUETTE_OPTIONS.sampleSize,
    seed: kmOpts.seed,
  });
  const silhouettes = silhouetteScores(
    context,
    fits.map((fit) => fit.labels),
    fits.map((fit) => fit.k),
  );
  const entries: SweepKEntry[] = fits.map((fit, i) => ({
    k: fit.k,
    inertia: fit.inertia,
    silhouette: silhouettes[i],
    calinskiHarabasz: calinskiHarabasz(matrix, fit.labels, fit.k),
    daviesBouldin: daviesBouldin(matrix, fit.labels, fit.k),
    iterations: fit.iterations,
    converged: fit.converged,
  }));

  let chosen = entries[0];
  for (const entry of entries) if (entry.silhouette > chosen.silhouette) chosen = entry;
  return {
    entries,
    chosenK: chosen.k,
    elbowK: findElbow(
      entries.map((entry) => entry.k),
      entries.map((entry) => entry.inertia),
    ),
    silhouetteSampleSize: context.m,
    silhouetteExact: context.exact,
    fits,
  };
}

/** Check the k range against the data; an omitted kMax shrinks to what the data allow. */
export function resolveKRange(
  matrix: FeatureMatrix,
  kMinOption: number | undefined,
  kMaxOption: number | undefined,
): { kMin: number; kMax: number } {
  const { n } = matrix;
  if (n < 3) {
    throw new EngineError(
      'TOO_FEW_CUSTOMERS',
      `Clustering needs at least 3 customers; there ${n === 1 ? 'is' : 'are'} ${n}.`,
      { n },
    );
  }
  const kMin = kMinOption ?? DEFAULT_K_MIN;
  if (!Number.isInteger(kMin) || kMin < 2) {
    throw new EngineError(
      'INVALID_OPTION',
      `The smallest number of clusters must be a whole number of at least 2; got ${kMin}.`,
    );
  }
  if (kMaxOption !== undefined) {
    if (!Number.isInteger(kMaxOption) || kMaxOption < kMin) {
      throw new EngineError(
        'INVALID_OPTION',
        `The largest number of clusters must be a whole number of at least ${kMin}; got ${kMaxOption}.`,
      );
    }
    if (kMaxOption > n - 1) {
      throw new EngineError(
        'INVALID_OPTION',
        `With ${n} customers at most ${n - 1} clusters can be scored; got a largest k of ${kMaxOption}.`,
      );
    }
  }
  if (kMin > n - 1) {
    throw new EngineError(
      'INVALID_OPTION',
      `With ${n} customers at most ${n - 1} clusters can be scored; got ${kMin}.`,
    );
  }
  const wanted = kMaxOption ?? Math.max(kMin, Math.min(DEFAULT_K_MAX, n - 1));
  const distinct = countDistinctRows(matrix, wanted);
  const features = matrix.names.join(', ');
  if (distinct < kMin) {
    throw new EngineError(
      'DEGENERATE_DATA',
      distinct === 1
        ? `All customers have the same ${features}; clustering needs at least ${kMin} customers that differ.`
        : `Only ${distinct} customers differ in ${features}; clustering into ${kMin} groups needs at least ${kMin}.`,
      { distinct, kMin },
    );
  }
  if (distinct < wanted && kMaxOption !== undefined) {
    throw new EngineError(
      'DEGENERATE_DATA',
      `Only ${distinct} customers differ in ${features}, too few for ${kMaxOption} clusters; ` +
        `lower the largest k to ${distinct}.`,
      { distinct, kMax: kMaxOption },
    );
  }
  return { kMin, kMax: Math.min(wanted, distinct) };
}
