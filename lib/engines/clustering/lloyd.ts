export interface LloydResult {
  labels: Int32Array;
  centroids: Float64Array;
  inertia: number;
  iterations: number;
  converged: boolean;
}

/**
 * Lloyd's k-means iterations from given centroids, using Hamerly's distance
 * bounds to skip points whose nearest centroid cannot have changed (same steps
 * as plain Lloyd, far fewer distance computations). Stops when no label changes
 * or, as in scikit-learn, when the summed squared centroid shift falls to
 * `tolerance` times the mean feature variance. An empty cluster is moved to the
 * point farthest from its own centroid.
 */
export function refineLloyd(
  data: Float64Array,
  n: number,
  d: number,
  initial: Float64Array,
  k: number,
  maxIterations: number,
  tolerance: number,
): LloydResult {
  const shiftLimit = tolerance * meanVariance(data, n, d);
  const centroids = Float64Array.from(initial);
  const counts = new Int32Array(k);
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const move = new Float64Array(k);
  const half = new Float64Array(k);

  const sums = new Float64Array(k * d);
  assignAll(data, n, d, centroids, k, labels, upper, lower);
  accumulate(data, n, d, labels, sums, counts);
  let iterations = 0;
  let converged = false;
  let relocations = 0;
  while (iterations < maxIterations) {
    iterations++;
    let maxMove = 0;
    let maxMoveIndex = -1;
    let secondMove = 0;
    let shift = 0;
    for (let c = 0; c < k; c++) {
      const base = c * d;
      let dist = 0;
      for (let j = 0; j < d; j++) {
        // An empty cluster keeps its centroid until it is relocated.
        const value = counts[c] > 0 ? sums[base + j] / counts[c] : centroids[base + j];
        const diff = value - centroids[base + j];
        dist += diff * diff;
        centroids[base + j] = value;
      }
      shift += dist;
      move[c] = Math.sqrt(dist);
      if (move[c] > maxMove) {
        secondMove = maxMove;
        maxMove = move[c];
        maxMoveIndex = c;
      } else if (move[c] > secondMove) {
        secondMove = move[c];
      }
    }
    halfNearestCentroid(centroids, k, d, half);
    const changed = hamerlyPass(
      data, n, d, centroids, k, labels, upper, lower, move, half, maxMove, maxMoveIndex, secondMove, sums, counts,
    );

    if (changed === 0 || shift <= shiftLimit) {
      if (counts.every((count) => count > 0) || relocations >= k) {
        converged = true;
        break;
      }
      if (!relocateEmpty(data, n, d, centroids, k, labels, counts)) {
        converged = true;
        break;
      }
      relocations++;
      assignAll(data, n, d, centroids, k, labels, upper, lower);
      accumulate(data, n, d, labels, sums, counts);
    }
  }

  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += squaredDistance(data, i * d, centroids, labels[i] * d, d);
  return { labels, centroids, inertia, iterations, converged };
}

function assignAll(
  data: Float64Array,
  n: number,
  d: number,
  centroids: Float64Array,
  k: number,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const row = i * d;
    let best = Infinity;
    let second = Infinity;
    let bestIndex = 0;
    for (let c = 0; c < k; c++) {
      const dist = squaredDistance(data, row, centroids, c * d, d);
      if (dist < best) {
        second = best;
        best = dist;
        bestIndex = c;
      } else if (dist < second) {
        second = dist;
      }
    }
    labels[i] = bestIndex;
    upper[i] = Math.sqrt(best);
    lower[i] = Math.sqrt(second);
  }
}

function hamerlyPass(
  data: Float64Array,
  n: number,
  d: number,
  centroids: Float64Array,
  k: number,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  move: Float64Array,
  half: Float64Array,
  maxMove: number,
  maxMoveIndex: number,
  secondMove: number,
  sums: Float64Array,
  counts: Int32Array,
): number {
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const a = labels[i];
    const up = upper[i] + move[a];
    const low = lower[i] - (a === maxMoveIndex ? secondMove : maxMove);
    const bound = half[a] > low ? half[a] : low;
    if (up <= bound) {
      upper[i] = up;
      lower[i] = low;
      continue;
    }
    const row = i * d;
    const tight = Math.sqrt(squaredDistance(data, row, centroids, a * d, d));
    if (tight <= bound) {
      upper[i] = tight;
      lower[i] = low;
      continue;
    }
    let best = Infinity;
    let second = Infinity;
    let bestIndex = 0;
    for (let c = 0; c < k; c++) {
      const dist = squaredDistance(data, row, centroids, c * d, d);
      if (dist < best) {
        second = best;
        best = dist;
        bestIndex = c;
      } else if (dist < second) {
        second = dist;
      }
    }
    upper[i] = Math.sqrt(best);
    lower[i] = Math.sqrt(second);
    if (bestIndex !== a) {
      labels[i] = bestIndex;
      counts[a]--;
      counts[bestIndex]++;
      const from = a * d;
      const to = bestIndex * d;
      for (let j = 0; j < d; j++) {
        sums[from + j] -= data[row + j];
        sums[to + j] += data[row + j];
      }
      changed++;
    }
  }
  return changed;
}

function accumulate(
  data: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  sums: Float64Array,
  counts: Int32Array,
): void {
  sums.fill(0);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    counts[c]++;
    const base = c * d;
    const row = i * d;
    for (let j = 0; j < d; j++) sums[base + j] += data[row + j];
  }
}

function halfNearestCentroid(centroids: Float64Array, k: number, d: number, half: Float64Array): void {
  for (let c = 0; c < k; c++) {
    let nearest = Infinity;
    for (let other = 0; other < k; other++) {
      if (other === c) continue;
      const dist = squaredDistance(centroids, c * d, centroids, other * d, d);
      if (dist < nearest) nearest = dist;
    }
    half[c] = 0.5 * Math.sqrt(nearest);
  }
}

function relocateEmpty(
  data: Float64Array,
  n: number,
  d: number,
  centroids: Float64Array,
  k: number,
  labels: Int32Array,
  counts: Int32Array,
): boolean {
  let moved = false;
  for (let c = 0; c < k; c++) {
    if (counts[c] > 0) continue;
    let far = -1;
    let farDist = 0;
    for (let i = 0; i < n; i++) {
      if (counts[labels[i]] < 2) continue;
      const dist = squaredDistance(data, i * d, centroids, labels[i] * d, d);
      if (dist > farDist) {
        farDist = dist;
        far = i;
      }
    }
    if (far < 0) return moved;
    counts[labels[far]]--;
    counts[c]++;
    labels[far] = c;
    for (let j = 0; j < d; j++) centroids[c * d + j] = data[far * d + j];
    moved = true;
  }
  return moved;
}

function meanVariance(data: Float64Array, n: number, d: number): number {
  let total = 0;
  for (let j = 0; j < d; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += data[i * d + j];
    const mean = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const diff = data[i * d + j] - mean;
      squares += diff * diff;
    }
    total += squares / n;
  }
  return total / d;
}

export function squaredDistance(a: Float64Array, aStart: number, b: Float64Array, bStart: number, d: number): number {
  // Three features (recency, frequency, monetary) is the common case; unrolled it runs about twice as fast.
  if (d === 3) {
    const x = a[aStart] - b[bStart];
    const y = a[aStart + 1] - b[bStart + 1];
    const z = a[aStart + 2] - b[bStart + 2];
    return x * x + y * y + z * z;
  }
  let sum = 0;
  for (let j = 0; j < d; j++) {
    const diff = a[aStart + j] - b[bStart + j];
    sum += diff * diff;
  }
  return sum;
}
