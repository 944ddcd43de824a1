import { EngineError } from '../errors';
import { createRng, sampleIndices } from '../random';
import { assertSeed, deriveSeed } from './derive-seed';
import { mergeOptions } from '../merge-options';
import type { FeatureMatrix, SilhouetteOptions } from './types';

export const DEFAULT_SILHOUETTE_OPTIONS: Required<SilhouetteOptions> = {
  sampleSize: 10_000,
  seed: 1,
};

const SILHOUETTE_STREAM = 0x5111;
/** Cap on per-point partial sums held at once (two Float64Arrays of this size). */
const MAX_PARTIAL_SUMS = 4_000_000;
/** More cells mean shorter blocks and costlier scoring; past about this many a second pass is cheaper (measured). */
const MAX_CELLS_PER_PASS = 160;

/** The points a silhouette is computed on, prepared once and reused for every labelling. */
export interface SilhouetteContext {
  d: number;
  /** Points used (n, or the sample size). */
  m: number;
  exact: boolean;
  /** Rows of the full matrix in the sample, ascending; null when every row is used. */
  indices: Int32Array | null;
  /** m x d. */
  points: Float64Array;
}

export function createSilhouetteContext(matrix: FeatureMatrix, options: SilhouetteOptions = {}): SilhouetteContext {
  const opts = mergeOptions(DEFAULT_SILHOUETTE_OPTIONS, options);
  assertSeed(opts.seed);
  if (!Number.isInteger(opts.sampleSize) || opts.sampleSize < 2) {
    throw new EngineError(
      'INVALID_OPTION',
      `The silhouette sample size must be a whole number of at least 2; got ${opts.sampleSize}.`,
    );
  }
  const { n, d, data } = matrix;
  const indices =
    n > opts.sampleSize ? sampleIndices(n, opts.sampleSize, createRng(deriveSeed(opts.seed, SILHOUETTE_STREAM))) : null;
  const m = indices === null ? n : indices.length;
  let points = data;
  if (indices !== null) {
    points = new Float64Array(m * d);
    for (let q = 0; q < m; q++) for (let j = 0; j < d; j++) points[q * d + j] = data[indices[q] * d + j];
  }
  return { d, m, exact: indices === null, indices, points };
}

/**
 * Mean silhouette coefficient (scikit-learn definition) of several labellings
 * of the same points: s = (b - a) / max(a, b), a the mean distance to the rest
 * of the own cluster, b the lowest mean distance to another cluster; members of
 * single-point clusters score 0, and a labelling with fewer than two clusters
 * among the points scores 0. The labellings are overlaid into their common
 * refinement ("cells"), so each pairwise distance is computed once for all of them.
 */
export function silhouetteScores(
  context: SilhouetteContext,
  labelings: readonly Int32Array[],
  ks: readonly number[],
): number[] {
  const { m, indices } = context;
  const subLabels = labelings.map((labels) => {
    const sub = new Int32Array(m);
    for (let q = 0; q < m; q++) sub[q] = labels[indices === null ? q : indices[q]];
    return sub;
  });
  const scores = new Array<number>(labelings.length).fill(0);
  const memoryCap = Math.floor(MAX_PARTIAL_SUMS / Math.max(1, m));
  const maxCells = Math.max(Math.max(0, ...ks), Math.min(MAX_CELLS_PER_PASS, memoryCap));
  let t = 0;
  while (t < labelings.length) {
    const group = [t];
    let cells = refineCells(new Int32Array(m), 1, subLabels[t], ks[t], m);
    t++;
    while (t < labelings.length) {
      const next = refineCells(cells.cellOf, cells.count, subLabels[t], ks[t], m);
      if (next.count > maxCells) break;
      cells = next;
      group.push(t);
      t++;
    }
    const partial = cellDistanceSums(context, cells.cellOf, cells.count);
    for (const member of group) scores[member] = scoreLabelling(partial, cells, subLabels[member], ks[member], m);
  }
  return scores;
}

/** Silhouette of one labelling; see silhouetteScores. */
export function silhouetteScore(context: SilhouetteContext, labels: Int32Array, k: number): number {
  return silhouetteScores(context, [labels], [k])[0];
}

/** One-off silhouette; prefer a shared context when scoring several labellings of the same data. */
export function silhouette(
  matrix: FeatureMatrix,
  labels: Int32Array,
  k: number,
  options: SilhouetteOptions = {},
): number {
  return silhouetteScore(createSilhouetteContext(matrix, options), labels, k);
}

interface Cells {
  cellOf: Int32Array;
  count: number;
}

function refineCells(cellOf: Int32Array, count: number, labels: Int32Array, k: number, m: number): Cells {
  const ids = new Int32Array(count * k).fill(-1);
  const refined = new Int32Array(m);
  let next = 0;
  for (let q = 0; q < m; q++) {
    const key = cellOf[q] * k + labels[q];
    if (ids[key] < 0) ids[key] = next++;
    refined[q] = ids[key];
  }
  return { cellOf: refined, count: next };
}

/** sums[q * cells + c]: summed distance from point q to the points of cell c. */
function cellDistanceSums(context: SilhouetteContext, cellOf: Int32Array, cells: number): Float64Array {
  const { m, d, points } = context;
  // Visit points grouped by cell so each (point, cell) sum runs over one contiguous block.
  const start = new Int32Array(cells + 1);
  for (let q = 0; q < m; q++) start[cellOf[q] + 1]++;
  for (let c = 0; c < cells; c++) start[c + 1] += start[c];
  const fill = start.slice(0, cells);
  const order = new Int32Array(m);
  for (let q = 0; q < m; q++) order[fill[cellOf[q]]++] = q;
  const sorted = new Float64Array(m * d);
  for (let s = 0; s < m; s++) for (let t = 0; t < d; t++) sorted[s * d + t] = points[order[s] * d + t];

  // Each pair (s < j) is visited once: its distance goes to s's sum over j's cell
  // (rowSums, row per point) and to j's sum over s's cell (columnSums, row per cell).
  const rowSums = new Float64Array(m * cells);
  const columnSums = new Float64Array(cells * m);
  let own = 0;
  for (let s = 0; s < m; s++) {
    while (s >= start[own + 1]) own++;
    const ownBase = own * m;
    const rowBase = order[s] * cells;
    for (let c = own; c < cells; c++) {
      const from = Math.max(s + 1, start[c]);
      rowSums[rowBase + c] +=
        d === 3
          ? blockSum3(sorted, s, from, start[c + 1], columnSums, ownBase)
          : blockSum(sorted, d, s, from, start[c + 1], columnSums, ownBase);
    }
  }
  // One addition per entry, so the loop order is free: write each point's row contiguously.
  for (let s = 0; s < m; s++) {
    const rowBase = order[s] * cells;
    for (let c = 0; c < cells; c++) rowSums[rowBase + c] += columnSums[c * m + s];
  }
  return rowSums;
}

/** Sum of distances from sorted point s to points from..to-1, each also added to out[outBase + j]. */
function blockSum(
  sorted: Float64Array,
  d: number,
  s: number,
  from: number,
  to: number,
  out: Float64Array,
  outBase: number,
): number {
  let acc = 0;
  const row = s * d;
  for (let j = from; j < to; j++) {
    const other = j * d;
    let sum = 0;
    for (let t = 0; t < d; t++) {
      const diff = sorted[row + t] - sorted[other + t];
      sum += diff * diff;
    }
    const dist = Math.sqrt(sum);
    acc += dist;
    out[outBase + j] += dist;
  }
  return acc;
}

/** blockSum unrolled for three features (the usual recency, frequency, monetary): the hot loop. */
function blockSum3(
  sorted: Float64Array,
  s: number,
  from: number,
  to: number,
  out: Float64Array,
  outBase: number,
): number {
  let acc = 0;
  const x = sorted[s * 3];
  const y = sorted[s * 3 + 1];
  const z = sorted[s * 3 + 2];
  for (let j = from; j < to; j++) {
    const dx = x - sorted[j * 3];
    const dy = y - sorted[j * 3 + 1];
    const dz = z - sorted[j * 3 + 2];
    const dist = Math.sqrt(dx * dx + dy * dy + dz * dz);
    acc += dist;
    out[outBase + j] += dist;
  }
  return acc;
}

function scoreLabelling(partial: Float64Array, cells: Cells, labels: Int32Array, k: number, m: number): number {
  const counts = new Int32Array(k);
  for (let q = 0; q < m; q++) counts[labels[q]]++;
  let present = 0;
  for (let c = 0; c < k; c++) if (counts[c] > 0) present++;
  if (present < 2) return 0;
  // Cells ordered by their cluster, so each cluster's sum is one run of cells.
  const cellLabel = new Int32Array(cells.count);
  for (let q = 0; q < m; q++) cellLabel[cells.cellOf[q]] = labels[q];
  const runStart = new Int32Array(k + 1);
  for (let c = 0; c < cells.count; c++) runStart[cellLabel[c] + 1]++;
  for (let c = 0; c < k; c++) runStart[c + 1] += runStart[c];
  const fill = runStart.slice(0, k);
  const cellOrder = new Int32Array(cells.count);
  for (let c = 0; c < cells.count; c++) cellOrder[fill[cellLabel[c]]++] = c;

  const sums = new Float64Array(k);
  let total = 0;
  for (let q = 0; q < m; q++) {
    const own = labels[q];
    if (counts[own] < 2) continue;
    const base = q * cells.count;
    for (let c = 0; c < k; c++) {
      let acc = 0;
      for (let r = runStart[c]; r < runStart[c + 1]; r++) acc += partial[base + cellOrder[r]];
      sums[c] = acc;
    }
    const a = sums[own] / (counts[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === own || counts[c] === 0) continue;
      const mean = sums[c] / counts[c];
      if (mean < b) b = mean;
    }
    const scale = a > b ? a : b;
    if (scale > 0) total += (b - a) / scale;
  }
  return total / m;
}
