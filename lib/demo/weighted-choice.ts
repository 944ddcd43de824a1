import type { Rng } from '../engines/random';

/** Running sums of non-negative weights, for drawing an index in proportion to its weight. */
export function cumulativeSum(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let running = 0;
  for (let i = 0; i < weights.length; i++) {
    running += weights[i];
    out[i] = running;
  }
  return out;
}

/** Smallest index in [from, to) whose running sum exceeds `target`. */
export function searchCumulative(cumulative: ArrayLike<number>, target: number, from = 0, to = cumulative.length): number {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** An index in [from, to) drawn in proportion to its weight, given the running sums of the weights. */
export function pickWeighted(cumulative: ArrayLike<number>, rng: Rng, from = 0, to = cumulative.length): number {
  const base = from > 0 ? cumulative[from - 1] : 0;
  return searchCumulative(cumulative, base + rng.next() * (cumulative[to - 1] - base), from, to);
}
