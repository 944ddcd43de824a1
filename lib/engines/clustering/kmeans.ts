import { kmeans as mlKmeans } from 'ml-kmeans';
import { EngineError } from '../errors';
import { createRng, sampleIndices } from '../random';
import { countDistinctRows } from './count-distinct-rows';
import { assertSeed, deriveSeed } from './derive-seed';
import { refineLloyd, squaredDistance } from './lloyd';
import { mergeOptions } from '../merge-options';
import type { FeatureMatrix, KMeansOptions, KMeansResult } from './types';

export const DEFAULT_KMEANS_OPTIONS: Required<KMeansOptions> = {
  seed: 1,
  restarts: 10,
  maxIterations: 300,
  tolerance: 1e-4,
  seedSampleSize: 300,
  seedIterations: 100,
  finalists: 3,
};

const SEED_SAMPLE_STREAM = 0x5eed;

/** Rows handed to ml-kmeans for k-means++ seeding, built once and shared by restarts and k values. */
export interface SeedRows {
  rows: number[][];
  /** Distinct rows among them. */
  distinct: number;
}

export function buildSeedRows(matrix: FeatureMatrix, sampleSize: number, seed: number): SeedRows {
  const { n, d, data } = matrix;
  const indices =
    n <= sampleSize ? null : sampleIndices(n, sampleSize, createRng(deriveSeed(seed, SEED_SAMPLE_STREAM)));
  const size = indices === null ? n : indices.length;
  const rows: number[][] = new Array(size);
  const flat = new Float64Array(size * d);
  for (let r = 0; r < size; r++) {
    const i = indices === null ? r : indices[r];
    const row: number[] = new Array(d);
    for (let j = 0; j < d; j++) {
      row[j] = data[i * d + j];
      flat[r * d + j] = row[j];
    }
    rows[r] = row;
  }
  const distinct = countDistinctRows({ n: size, d, data: flat, names: matrix.names });
  return { rows, distinct };
}

/**
 * k-means with k-means++ and seeded restarts, keeping the lowest inertia. Each
 * restart is a k-means++ start run by ml-kmeans on the seed rows (all rows when
 * n <= seedSampleSize, else a seeded sample) and scored by its inertia on all
 * rows; the `finalists` best are refined with Lloyd iterations on all rows and
 * the lowest final inertia wins. (ml-kmeans on every row costs ~8 ms per
 * restart at n = 4,400 and ~1 s at n = 400,000, hence the sample.)
 * @example
 * const { labels, centroids, inertia } = kmeans(matrix, 4, { seed: 7 });
 */
export function kmeans(matrix: FeatureMatrix, k: number, options: KMeansOptions = {}): KMeansResult {
  const opts = mergeOptions(DEFAULT_KMEANS_OPTIONS, options);
  validateKMeansOptions(opts);
  validateK(matrix, k);
  return kmeansWithSeedRows(matrix, buildSeedRows(matrix, opts.seedSampleSize, opts.seed), k, opts);
}

/** k-means on prepared seed rows; the caller has validated k and the options. */
export function kmeansWithSeedRows(
  matrix: FeatureMatrix,
  seedRows: SeedRows,
  k: number,
  opts: Required<KMeansOptions>,
): KMeansResult {
  const { n, d, data } = matrix;
  // A sample with too few distinct rows cannot seed k centres; fall back to every row.
  const rows = seedRows.distinct >= k ? seedRows.rows : buildSeedRows(matrix, n, opts.seed).rows;
  const candidates: { start: Float64Array; inertia: number }[] = [];
  for (let restart = 0; restart < opts.restarts; restart++) {
    const start = seedCentroids(rows, k, d, deriveSeed(opts.seed, k * 1009 + restart), opts.seedIterations);
    candidates.push({ start, inertia: assignmentInertia(data, n, d, start, k) });
  }
  // Stable sort: equal inertia keeps restart order, so results do not depend on engine sort details.
  candidates.sort((a, b) => a.inertia - b.inertia);
  let best: KMeansResult | null = null;
  for (const candidate of candidates.slice(0, opts.finalists)) {
    const fit = refineLloyd(data, n, d, candidate.start, k, opts.maxIterations, opts.tolerance);
    if (best === null || fit.inertia < best.inertia) best = { k, ...fit };
  }
  if (best === null) throw new EngineError('FIT_FAILED', 'k-means produced no result.');
  return best;
}

function assignmentInertia(data: Float64Array, n: number, d: number, centroids: Float64Array, k: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let c = 0; c < k; c++) {
      const dist = squaredDistance(data, i * d, centroids, c * d, d);
      if (dist < best) best = dist;
    }
    total += best;
  }
  return total;
}

function seedCentroids(rows: number[][], k: number, d: number, seed: number, iterations: number): Float64Array {
  // ml-kmeans' weighted draw can, very rarely, fall off the end of its cumulative sum; retry with a fresh seed.
  let lastError: unknown = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fit = mlKmeans(rows, k, {
        initialization: 'kmeans++',
        seed: deriveSeed(seed, attempt),
        maxIterations: iterations,
      });
      const centroids = new Float64Array(k * d);
      for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centroids[c * d + j] = fit.centroids[c][j];
      return centroids;
    } catch (error) {
      lastError = error;
    }
  }
  throw new EngineError('FIT_FAILED', 'k-means could not choose its starting centres.', {
    cause: String(lastError),
  });
}

export function validateKMeansOptions(opts: Required<KMeansOptions>): void {
  assertSeed(opts.seed);
  assertPositiveInteger(opts.restarts, 'restarts');
  assertPositiveInteger(opts.maxIterations, 'maxIterations');
  assertPositiveInteger(opts.seedSampleSize, 'seedSampleSize');
  assertPositiveInteger(opts.seedIterations, 'seedIterations');
  assertPositiveInteger(opts.finalists, 'finalists');
  if (!(opts.tolerance >= 0)) {
    throw new EngineError('INVALID_OPTION', `tolerance must be zero or more; got ${opts.tolerance}.`);
  }
}

export function validateK(matrix: FeatureMatrix, k: number): void {
  if (!Number.isInteger(k) || k < 1 || k > matrix.n) {
    throw new EngineError(
      'INVALID_OPTION',
      `The number of clusters must be a whole number between 1 and the number of customers (${matrix.n}); got ${k}.`,
    );
  }
  const distinct = countDistinctRows(matrix, k);
  if (distinct < k) {
    throw new EngineError(
      'DEGENERATE_DATA',
      `Clustering into ${k} groups needs at least ${k} customers with different values; only ${distinct} differ.`,
      { distinct, k },
    );
  }
}

export function assertPositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new EngineError('INVALID_OPTION', `${name} must be a whole number of at least 1; got ${value}.`);
  }
}
