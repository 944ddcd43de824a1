import { EngineError } from '../errors';
import { assertSeed, deriveSeed } from './derive-seed';
import { cutLinkage } from './cut-linkage';
import { assertPositiveInteger, validateK } from './kmeans';
import { reduceToMicroClusters } from './micro-clusters';
import type { FeatureMatrix, HierarchicalOptions, HierarchicalResult } from './types';
import { wardLinkage } from './ward-linkage';
import { mergeOptions } from '../merge-options';

export const DEFAULT_HIERARCHICAL_OPTIONS: Required<HierarchicalOptions> = {
  seed: 1,
  exactLimit: 10_000,
  microClusters: 1_000,
  microIterations: 30,
};

const MICRO_STREAM = 0x3a7d;

/**
 * Agglomerative clustering with Ward linkage. Up to `exactLimit` customers it
 * is exact (nearest-neighbour chain) and returns the full linkage; above that
 * the customers are first compressed into seeded k-means micro-clusters and
 * Ward runs on their centroids weighted by size (`mode: 'micro-clusters'`).
 * @example
 * const { labels, mode, linkage } = hierarchical(matrix, 4);
 */
export function hierarchical(matrix: FeatureMatrix, k: number, options: HierarchicalOptions = {}): HierarchicalResult {
  const opts = mergeOptions(DEFAULT_HIERARCHICAL_OPTIONS, options);
  assertSeed(opts.seed);
  assertPositiveInteger(opts.exactLimit, 'exactLimit');
  assertPositiveInteger(opts.microClusters, 'microClusters');
  assertPositiveInteger(opts.microIterations, 'microIterations');
  validateK(matrix, k);
  const { n, d, data } = matrix;

  if (n <= opts.exactLimit) {
    const linkage = wardLinkage(data, n, d);
    return { k, labels: cutLinkage(linkage, n, k), mode: 'exact', microClusters: null, linkage };
  }
  if (opts.microClusters < k) {
    throw new EngineError(
      'INVALID_OPTION',
      `microClusters (${opts.microClusters}) must be at least the number of clusters (${k}).`,
    );
  }
  const microSeed = deriveSeed(opts.seed, MICRO_STREAM);
  const micro = reduceToMicroClusters(matrix, opts.microClusters, microSeed, opts.microIterations);
  const microLabels = cutLinkage(wardLinkage(micro.centroids, micro.count, d, micro.sizes), micro.count, k);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = microLabels[micro.labels[i]];
  return { k, labels, mode: 'micro-clusters', microClusters: micro.count, linkage: null };
}
