import { integer, MersenneTwister19937 } from 'random-js';
import { EngineError } from '../errors';

export interface RandomForestOptions {
  /** 32-bit seed of the Mersenne Twister chain that draws each tree's rows and features. */
  seed: number;
  trees: number;
  /** Features each tree sees, drawn without replacement (at least 2). */
  maxFeatures: number;
  maxDepth: number;
  /** A node with this many rows or fewer becomes a leaf. */
  minLeafRows: number;
}

/** One regression tree as flat arrays; node 0 is the root, a leaf has feature -1. */
export interface RegressionTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

export interface RandomForestModel {
  features: number;
  trees: RegressionTree[];
}

/**
 * The candidate splits whose fast (prefix-sum) error lies within this share of the node's sum of
 * squared targets from the smallest are scored again the slow, exact way, so rounding never picks
 * a different split than ml-cart's two-pass errors would. Both computations err by far less
 * (about rows x 1e-16 of that sum).
 */
const RESCORE_SHARE = 1e-8;

/** Growable flat tree. */
class TreeBuilder {
  feature: number[] = [];
  threshold: number[] = [];
  left: number[] = [];
  right: number[] = [];
  value: number[] = [];
  add(): number {
    this.feature.push(-1);
    this.threshold.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.value.push(0);
    return this.feature.length - 1;
  }
  done(): RegressionTree {
    return {
      feature: Int32Array.from(this.feature),
      threshold: Float64Array.from(this.threshold),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      value: Float64Array.from(this.value),
    };
  }
}

/** Work space of one tree: the bagged rows, each tree feature's rows presorted, node segments of them. */
interface TreeData {
  n: number;
  k: number;
  /** x[f][pos]: tree feature f of the bagged row at position pos. */
  x: Float64Array[];
  y: Float64Array;
  /** sorted[f]: positions by x[f] ascending, ties by position; a node owns one segment of each. */
  sorted: Int32Array[];
  /** Positions in ascending order; a node owns the same segment (the order ml-cart keeps rows in). */
  order: Int32Array;
  goesLeft: Uint8Array;
  scratch: Int32Array;
  /** Candidate buffers: tree feature, left count, threshold, fast error. */
  candFeature: Int32Array;
  candLeft: Int32Array;
  candValue: Float64Array;
  candError: Float64Array;
  centred: Float64Array;
  maxDepth: number;
  minLeafRows: number;
  /** The original column of each tree feature. */
  columns: number[];
}

function nodeMean(d: TreeData, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += d.y[d.order[i]];
  return sum / (end - start);
}

/** ml-cart's error of a split: each side's sum of squared deviations from its mean, rows in node order. */
function exactError(d: TreeData, start: number, end: number, f: number, v: number): number {
  const x = d.x[f];
  let sumL = 0;
  let sumG = 0;
  let nL = 0;
  for (let i = start; i < end; i++) {
    const pos = d.order[i];
    if (x[pos] < v) {
      sumL += d.y[pos];
      nL++;
    } else sumG += d.y[pos];
  }
  const nG = end - start - nL;
  const meanL = nL === 0 ? 0 : sumL / nL;
  const meanG = nG === 0 ? 0 : sumG / nG;
  let errL = 0;
  let errG = 0;
  for (let i = start; i < end; i++) {
    const pos = d.order[i];
    const y = d.y[pos];
    if (x[pos] < v) errL += (y - meanL) * (y - meanL);
    else errG += (y - meanG) * (y - meanG);
  }
  return 0 + errG + errL;
}

/** Stable partition of segment [start, end) of `a` by goesLeft; returns the first right index. */
function partition(a: Int32Array, start: number, end: number, goesLeft: Uint8Array, scratch: Int32Array): number {
  let l = start;
  let r = 0;
  for (let i = start; i < end; i++) {
    const pos = a[i];
    if (goesLeft[pos]) a[l++] = pos;
    else scratch[r++] = pos;
  }
  for (let i = 0; i < r; i++) a[l + i] = scratch[i];
  return l;
}

function grow(d: TreeData, tree: TreeBuilder, node: number, start: number, end: number, depth: number, parentError: number): void {
  const m = end - start;
  if (m <= d.minLeafRows) {
    tree.value[node] = nodeMean(d, start, end);
    return;
  }
  const mean = nodeMean(d, start, end);
  let sumSquares = 0;
  for (let i = start; i < end; i++) {
    const pos = d.order[i];
    const c = d.y[pos] - mean;
    d.centred[pos] = c;
    sumSquares += d.y[pos] * d.y[pos];
  }
  // Fast pass: every candidate ml-cart would try (a boundary in sorted order where the target
  // changes, threshold the midpoint), one per distinct left set, with prefix sums of centred targets.
  let count = 0;
  let fastBest = Infinity;
  for (let f = 0; f < d.k; f++) {
    const s = d.sorted[f];
    const x = d.x[f];
    let totalC = 0;
    let totalQ = 0;
    for (let i = start; i < end; i++) {
      const c = d.centred[s[i]];
      totalC += c;
      totalQ += c * c;
    }
    let c = 0;
    let q = 0;
    let groupStart = 0;
    let groupC = 0;
    let groupQ = 0;
    let lastLeft = -1;
    for (let i = 1; i < m; i++) {
      const prev = s[start + i - 1];
      const cPrev = d.centred[prev];
      c += cPrev;
      q += cPrev * cPrev;
      const cur = s[start + i];
      const xPrev = x[prev];
      const xCur = x[cur];
      if (d.y[prev] !== d.y[cur]) {
        const v = (xPrev + xCur) / 2;
        // Normally the left side is everything before i; when the midpoint rounds down to xPrev
        // (equal neighbours, or neighbours one float apart) it stops before xPrev's run of equal values.
        const whole = xPrev < v;
        const nL = whole ? i : groupStart;
        if (nL !== lastLeft) {
          lastLeft = nL;
          const cL = whole ? c : groupC;
          const qL = whole ? q : groupQ;
          const nG = m - nL;
          const cG = totalC - cL;
          const qG = totalQ - qL;
          const error = (nL === 0 ? 0 : qL - (cL * cL) / nL) + (qG - (cG * cG) / nG);
          d.candFeature[count] = f;
          d.candLeft[count] = nL;
          d.candValue[count] = v;
          d.candError[count] = error;
          count++;
          if (error < fastBest) fastBest = error;
        }
      }
      if (xPrev < xCur) {
        groupStart = i;
        groupC = c;
        groupQ = q;
      }
    }
  }
  // Exact pass over the near-best candidates, in ml-cart's order: the first strictly smallest wins.
  let bestError = Infinity;
  let bestFeature = -1;
  let bestValue = 0;
  let bestLeft = 0;
  const limit = fastBest + RESCORE_SHARE * sumSquares;
  for (let j = 0; j < count; j++) {
    if (!(d.candError[j] <= limit)) continue;
    const error = exactError(d, start, end, d.candFeature[j], d.candValue[j]);
    if (error < bestError) {
      bestError = error;
      bestFeature = d.candFeature[j];
      bestValue = d.candValue[j];
      bestLeft = d.candLeft[j];
    }
  }
  if (bestFeature < 0 || !(depth < d.maxDepth && bestError > 0 && bestError !== parentError && bestLeft > 0 && bestLeft < m)) {
    tree.value[node] = mean;
    return;
  }
  const x = d.x[bestFeature];
  for (let i = start; i < end; i++) {
    const pos = d.order[i];
    d.goesLeft[pos] = x[pos] < bestValue ? 1 : 0;
  }
  const mid = partition(d.order, start, end, d.goesLeft, d.scratch);
  for (let f = 0; f < d.k; f++) partition(d.sorted[f], start, end, d.goesLeft, d.scratch);
  tree.feature[node] = d.columns[bestFeature];
  tree.threshold[node] = bestValue;
  const left = tree.add();
  const right = tree.add();
  tree.left[node] = left;
  tree.right[node] = right;
  grow(d, tree, left, start, mid, depth + 1, bestError);
  grow(d, tree, right, mid, end, depth + 1, bestError);
}

/**
 * A regression random forest that grows the same trees and predicts the same numbers, bit for bit,
 * as ml-random-forest 2.1 (RandomForestRegression with useSampleBagging, replacement: false, an
 * integer maxFeatures, noOOB) over ml-cart 2.1: the same Mersenne Twister draws of rows and
 * features, the same candidate splits and tie order, the same sums in the same order. It presorts
 * each feature once per tree and scores candidates with prefix sums instead of sorting and
 * splitting the rows at every candidate.
 * @throws EngineError INVALID_INPUT for ragged, empty or non-finite input, INVALID_OPTION for bad options
 * @example
 * const model = trainRandomForest([[1, 2], [2, 1], [3, 5]], [10, 20, 30], { seed: 42, trees: 5, maxFeatures: 2, maxDepth: 4, minLeafRows: 1 });
 * predictRandomForest(model, [[2, 2]]);
 */
export function trainRandomForest(rows: readonly (readonly number[])[], target: ArrayLike<number>, options: RandomForestOptions): RandomForestModel {
  const n = rows.length;
  if (n === 0 || target.length !== n) throw new EngineError('INVALID_INPUT', 'The forest needs one target per training row and at least one row.');
  const columns = rows[0].length;
  // ml-random-forest reads maxFeatures 1 as the share 1.0 (every feature); 2 and up are counts.
  if (!Number.isInteger(options.maxFeatures) || options.maxFeatures < 2 || options.maxFeatures > columns) {
    throw new EngineError('INVALID_OPTION', `maxFeatures must be a whole number from 2 to ${columns}.`);
  }
  if (!Number.isInteger(options.trees) || options.trees < 1) throw new EngineError('INVALID_OPTION', 'trees must be a whole number of at least 1.');
  if (!Number.isInteger(options.seed)) throw new EngineError('INVALID_OPTION', 'seed must be a whole number.');
  const byColumn = Array.from({ length: columns }, () => new Float64Array(n));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (rows[i].length !== columns) throw new EngineError('INVALID_INPUT', `Training row ${i} has ${rows[i].length} features, not ${columns}.`, { row: i });
    for (let c = 0; c < columns; c++) byColumn[c][i] = rows[i][c];
    y[i] = target[i];
    for (let c = 0; c < columns; c++) {
      if (!Number.isFinite(byColumn[c][i])) throw new EngineError('INVALID_INPUT', `Training row ${i} has a non-finite feature.`, { row: i });
    }
    if (!Number.isFinite(y[i])) throw new EngineError('INVALID_INPUT', `Training row ${i} has a non-finite target.`, { row: i });
  }
  const k = options.maxFeatures;
  const d: TreeData = {
    n,
    k,
    x: Array.from({ length: k }, () => new Float64Array(n)),
    y: new Float64Array(n),
    sorted: Array.from({ length: k }, () => new Int32Array(n)),
    order: new Int32Array(n),
    goesLeft: new Uint8Array(n),
    scratch: new Int32Array(n),
    candFeature: new Int32Array(k * n),
    candLeft: new Int32Array(k * n),
    candValue: new Float64Array(k * n),
    candError: new Float64Array(k * n),
    centred: new Float64Array(n),
    maxDepth: options.maxDepth,
    minLeafRows: options.minLeafRows,
    columns: [],
  };
  const sample = new Int32Array(n);
  const trees: RegressionTree[] = [];
  let seed = options.seed;
  for (let t = 0; t < options.trees; t++) {
    // Rows with replacement, then features without, each from a twister seeded by the previous one's next draw.
    let engine = MersenneTwister19937.seed(seed);
    const drawRow = integer(0, n - 1);
    for (let i = 0; i < n; i++) sample[i] = drawRow(engine);
    seed = engine.next();
    engine = MersenneTwister19937.seed(seed);
    const drawColumn = integer(0, columns - 1);
    const used = new Set<number>();
    let index = drawColumn(engine);
    for (let i = 0; i < k; i++) {
      while (used.has(index)) index = drawColumn(engine);
      used.add(index);
    }
    seed = engine.next();
    d.columns = Array.from(used);
    for (let i = 0; i < n; i++) d.y[i] = y[sample[i]];
    for (let f = 0; f < k; f++) {
      const source = byColumn[d.columns[f]];
      const x = d.x[f];
      for (let i = 0; i < n; i++) x[i] = source[sample[i]];
      const s = d.sorted[f];
      for (let i = 0; i < n; i++) s[i] = i;
      s.sort((a, b) => x[a] - x[b] || a - b);
    }
    for (let i = 0; i < n; i++) d.order[i] = i;
    const tree = new TreeBuilder();
    grow(d, tree, tree.add(), 0, n, 0, 0);
    trees.push(tree.done());
  }
  return { features: columns, trees };
}

/** Mean of the trees' predictions for each row, summed in tree order like ml-random-forest. */
export function predictRandomForest(model: RandomForestModel, rows: readonly (readonly number[])[]): Float64Array {
  const out = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let sum = 0;
    for (const tree of model.trees) {
      let node = 0;
      while (tree.feature[node] >= 0) node = row[tree.feature[node]] < tree.threshold[node] ? tree.left[node] : tree.right[node];
      sum += tree.value[node];
    }
    out[r] = sum / model.trees.length;
  }
  return out;
}
