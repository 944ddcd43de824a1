/*
 * log 2F1(1, b; c; z) for c >= b > 0 and 0 <= z < 1, the hypergeometric function of the
 * Pareto/NBD likelihood after Euler's transformation (see pareto-nbd.ts). Its series
 * sum_n (b)_n / (c)_n z^n has positive terms that shrink at least by z per step, so it is summed
 * directly for z <= 0.9 (at most about 400 terms), and for larger z when that is cheaper than the
 * integral form (c - b large, so terms also shrink like n^-(c - b)):
 *
 *   2F1(1, b; c; z) = (c - 1) (1 - z)^d z^(1 - c) Q,  d = c - 1 - b,
 *   Q = int_0^z t^(c - 2) (1 - t)^(-d - 1) dt = int_0^L (1 - e^-u)^(c - 2) e^(d u) du,  L = -ln(1 - z),
 *
 * (from the Euler integral with t -> 1 - e^-u). Q is split at z0 = 0.9: the part up to z0 is the
 * series at z0 rearranged, the rest is integrated by 16-point Gauss-Legendre on panels narrow
 * enough that the log-integrand changes slope by little within each. Both forms agree with
 * arbitrary-precision values (mpmath) to about 1e-13 (see log-hyp2f1-one.test.ts).
 */

const MAX_SERIES_TERMS = 1000;
const SPLIT_Z = 0.9;
const SPLIT_U = -Math.log1p(-SPLIT_Z);
const RELATIVE_TOLERANCE = 1e-17;
// The derivative sums' tails are bounded as loosely as the value's (t_{n+j} <= t_n z^j, far above
// the true tail when the terms fall like n^-(c - b)); 1e-13 of that bound is ample for a gradient.
const DERIVATIVE_TOLERANCE = 1e-13;

function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const legendre = (t: number): { value: number; derivative: number } => {
    let previous = 1;
    let value = t;
    for (let k = 2; k <= n; k++) {
      const next = ((2 * k - 1) * t * value - (k - 1) * previous) / k;
      previous = value;
      value = next;
    }
    return { value, derivative: (n * (t * value - previous)) / (t * t - 1) };
  };
  for (let i = 0; i < n; i++) {
    let t = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    for (let iteration = 0; iteration < 100; iteration++) {
      const { value, derivative } = legendre(t);
      const step = value / derivative;
      t -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    const { derivative } = legendre(t);
    nodes[i] = t;
    weights[i] = 2 / ((1 - t * t) * derivative * derivative);
  }
  return { nodes, weights };
}

const GL = gaussLegendre(16);
const LOG_WEIGHTS = GL.weights.map(Math.log);

/** log of the series, or NaN when it has not converged within maxTerms terms. */
function logSeries(b: number, c: number, z: number, maxTerms: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    term *= ((b + n) / (c + n)) * z;
    sum += term;
    // Later terms shrink at least by z per step: the tail is below term * z / (1 - z).
    if (term * z <= RELATIVE_TOLERANCE * sum * (1 - z)) return Math.log(sum);
  }
  return NaN;
}

/**
 * Derivatives of ln 2F1(1, b; c; z) at one argument: dB = d/db, dC = d/dc (z fixed) and dL = d/dL
 * with L = -ln(1 - z) (b, c fixed), i.e. (1 - z) d/dz.
 */
export interface LogHyp2f1OneDerivatives {
  dB: Float64Array;
  dC: Float64Array;
  dL: Float64Array;
}

interface SeriesDerivatives {
  value: number;
  dB: number;
  dC: number;
  dL: number;
}

/**
 * The series and its derivatives in one pass, term t_n = (b)_n / (c)_n z^n:
 * d t_n / db = t_n sum_{k<n} 1 / (b + k), d t_n / dc = -t_n sum_{k<n} 1 / (c + k), z d t_n / dz = n t_n.
 * The value stops at exactly the term logSeries stops at (same digits); the derivative sums run on
 * until their tails, bounded with t_{n+j} <= t_n z^j, fall below DERIVATIVE_TOLERANCE of the sums,
 * or for at most maxTerms more terms. Returns false when the value has not converged within maxTerms.
 */
function logSeriesWithDerivatives(b: number, c: number, z: number, logOneMinusZ: number, maxTerms: number, out: SeriesDerivatives): boolean {
  let term = 1;
  let sum = 1;
  let value = NaN;
  let psiB = 0;
  let psiC = 0;
  let sumB = 0;
  let sumC = 0;
  let sumN = 0;
  const oneMinusZ = 1 - z;
  const limit = 2 * maxTerms;
  for (let n = 0; n < limit; n++) {
    psiB += 1 / (b + n);
    psiC += 1 / (c + n);
    term *= ((b + n) / (c + n)) * z;
    sum += term;
    sumB += term * psiB;
    sumC += term * psiC;
    sumN += (n + 1) * term;
    if (Number.isNaN(value)) {
      if (term * z <= RELATIVE_TOLERANCE * sum * oneMinusZ) value = Math.log(sum);
      else if (n + 1 >= maxTerms) return false;
      else continue;
    }
    const m = n + 1;
    const tail = (term * z) / oneMinusZ;
    if (
      tail * (m + 1 / oneMinusZ) <= DERIVATIVE_TOLERANCE * sumN &&
      tail * (psiB + 1 / ((b + m) * oneMinusZ)) <= DERIVATIVE_TOLERANCE * sumB &&
      tail * (psiC + 1 / ((c + m) * oneMinusZ)) <= DERIVATIVE_TOLERANCE * sumC
    ) {
      break;
    }
  }
  if (Number.isNaN(value)) return false;
  out.value = value;
  out.dB = sumB / sum;
  out.dC = -sumC / sum;
  // (1 - z) d ln(sum) / dz = (1 - z) sum_n n t_n / (z sum), with 1 - z to full precision; b / c at z = 0.
  out.dL = z === 0 ? b / c : (Math.exp(logOneMinusZ) * sumN) / (z * sum);
  return true;
}

function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

// Parts of the integrand below e^-60 times its peak are left out.
const NEGLIGIBLE = 60;

/** The point in [lo, hi] where the monotone f crosses level (f(lo) and f(hi) on either side), by bisection. */
function crossing(f: (u: number) => number, lo: number, hi: number, level: number): number {
  const rising = f(lo) < f(hi);
  for (let i = 0; i < 200 && hi - lo > 1e-12 * (1 + Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < level === rising) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const NODE_SCRATCH = { values: new Float64Array(GL.nodes.length), nodeU: new Float64Array(GL.nodes.length), nodeLogS: new Float64Array(GL.nodes.length) };

/**
 * Means of u and of ln(1 - e^-u) under the integrand over the tail integral of each L_k (the
 * derivatives of the log-integral in d and in p - 1).
 */
interface TailMoments {
  u: Float64Array;
  logS: Float64Array;
}

/**
 * The tail integrals int_{u0}^{L_k} exp(d u + (p - 1) log(1 - e^-u)) du, in logs, for ascending
 * L_k, by one sweep of Gauss-Legendre panels: each L_k adds only the panels between the previous
 * one and itself. Parts where the integrand is below e^-60 of its peak are left out: for p >= 1 the
 * log-integrand is concave, so for every L_k that part lies below the cut for the smallest L_k and
 * beyond the cut after an interior peak; this keeps huge p or |d| (a steep rise or fall) cheap.
 * With `moments`, also the integrand-weighted means of u and ln(1 - e^-u) over the same nodes.
 */
function logTailIntegrals(p: number, d: number, L: Float64Array, order: Int32Array, count: number, out: Float64Array, moments?: TailMoments): void {
  const logIntegrand = (u: number) => d * u + (p - 1) * Math.log1p(-Math.exp(-u));
  const slopeAt = (u: number) => d + (p - 1) / Math.expm1(u);
  const smallest = L[order[0]];
  let from = SPLIT_U;
  let to = Infinity;
  if (p >= 1) {
    const peakFor = (end: number) => (slopeAt(end) >= 0 ? end : slopeAt(SPLIT_U) <= 0 ? SPLIT_U : Math.log1p((p - 1) / -d));
    const peak = peakFor(smallest);
    const floor = logIntegrand(peak) - NEGLIGIBLE;
    if (logIntegrand(SPLIT_U) < floor) from = crossing(logIntegrand, SPLIT_U, peak, floor);
    const largest = L[order[count - 1]];
    const lastPeak = peakFor(largest);
    if (lastPeak < largest) {
      const lastFloor = logIntegrand(lastPeak) - NEGLIGIBLE;
      if (logIntegrand(largest) < lastFloor) to = crossing(logIntegrand, lastPeak, largest, lastFloor);
    }
  }
  let total = -Infinity;
  let meanU = 0;
  let meanLogS = 0;
  let u = from;
  const { values, nodeU, nodeLogS } = NODE_SCRATCH;
  for (let k = 0; k < count; k++) {
    const target = Math.min(L[order[k]], to);
    while (u < target) {
      // The slope d + (p - 1) / (e^u - 1) moves monotonically toward d as u grows.
      const slope = Math.max(Math.abs(slopeAt(u)), Math.abs(d));
      const width = Math.min(1, 6 / slope, target - u);
      const half = width / 2;
      const mid = u + half;
      let max = -Infinity;
      if (moments) {
        for (let i = 0; i < values.length; i++) {
          const node = mid + half * GL.nodes[i];
          const logS = Math.log1p(-Math.exp(-node));
          nodeU[i] = node;
          nodeLogS[i] = logS;
          // The same arithmetic as logIntegrand, so the value does not depend on `moments`.
          values[i] = d * node + (p - 1) * logS + LOG_WEIGHTS[i];
          if (values[i] > max) max = values[i];
        }
      } else {
        for (let i = 0; i < values.length; i++) {
          values[i] = logIntegrand(mid + half * GL.nodes[i]) + LOG_WEIGHTS[i];
          if (values[i] > max) max = values[i];
        }
      }
      let sum = 0;
      let sumU = 0;
      let sumLogS = 0;
      if (moments) {
        for (let i = 0; i < values.length; i++) {
          const w = Math.exp(values[i] - max);
          sum += w;
          sumU += w * nodeU[i];
          sumLogS += w * nodeLogS[i];
        }
      } else {
        for (let i = 0; i < values.length; i++) sum += Math.exp(values[i] - max);
      }
      const panel = max + Math.log(sum * half);
      const merged = logAddExp(total, panel);
      if (moments) {
        const previousWeight = Math.exp(total - merged);
        const panelWeight = Math.exp(panel - merged);
        meanU = previousWeight * meanU + (panelWeight * sumU) / sum;
        meanLogS = previousWeight * meanLogS + (panelWeight * sumLogS) / sum;
      }
      total = merged;
      u = width === target - u ? target : u + width;
    }
    out[order[k]] = total;
    if (moments) {
      moments.u[order[k]] = meanU;
      moments.logS[order[k]] = meanLogS;
    }
  }
}

/**
 * Puts order[0 .. count - 1] in ascending L. Callers often pass arguments already in monotone L
 * (Pareto/NBD: its slots ascend in y, and L falls as y grows), which is checked for and costs no sort.
 */
function sortByL(order: Int32Array, count: number, L: Float64Array): void {
  let ascending = true;
  let descending = true;
  for (let j = 1; j < count && (ascending || descending); j++) {
    const step = L[order[j]] - L[order[j - 1]];
    if (step < 0) ascending = false;
    if (step > 0) descending = false;
  }
  if (ascending) return;
  if (descending) {
    order.subarray(0, count).reverse();
    return;
  }
  order.subarray(0, count).sort((i, j) => L[i] - L[j]);
}

/** Reusable scratch for logHyp2f1OneMany: indices, tail integrals and their moments of the arguments that need the integral form. */
interface Scratch {
  order: Int32Array;
  L: Float64Array;
  tail: Float64Array;
  moments: TailMoments;
}

function createScratch(size: number): Scratch {
  return {
    order: new Int32Array(size),
    L: new Float64Array(size),
    tail: new Float64Array(size),
    moments: { u: new Float64Array(size), logS: new Float64Array(size) },
  };
}

let scratch = createScratch(64);
const seriesDerivatives: SeriesDerivatives = { value: 0, dB: 0, dC: 0, dL: 0 };

/**
 * Natural logs of the Gauss hypergeometric function 2F1(1, b; c; z) at several z sharing (b, c):
 * out[k] = ln 2F1(1, b; c; z[k]) for k < count. Arguments near 1 that need the integral form share
 * one sweep of the integral (cheap when many customers share b, c: the same x in Pareto/NBD).
 *
 * With `derivatives`, also d/db, d/dc and d/dL (L = -ln(1 - z)) of each ln 2F1, from the same pass
 * and with the same values in `out`. The series form differentiates term by term (see
 * logSeriesWithDerivatives). The integral form ln 2F1 = ln p + d ln(1 - z) - p ln z + ln Q(p, d, L),
 * p = c - 1, d = c - 1 - b, differentiates under the integral: dQ/dd = int u f, dQ/dp =
 * int ln(1 - e^-u) f (f the integrand, over the same Gauss-Legendre nodes, plus the derivatives of
 * the series part up to z0) and dQ/dL = f(L); then d/db = -d/dd and d/dc = d/dp + d/dd.
 * @param b first numerator parameter after the 1, above 0
 * @param c denominator parameter, at least b (above 1 in the Pareto/NBD uses)
 * @param z arguments in [0, 1)
 * @param logOneMinusZ ln(1 - z[k]), passed separately because callers know it to full precision
 *   when z is close to 1 (ln((beta + y) / (alpha + y)) rather than ln(1 - z))
 * @param out receives NaN where the arguments are outside these ranges
 * @param derivatives receives the three derivatives at k < count (NaN where `out` is NaN)
 */
export function logHyp2f1OneMany(
  b: number,
  c: number,
  z: Float64Array,
  logOneMinusZ: Float64Array,
  count: number,
  out: Float64Array,
  derivatives?: LogHyp2f1OneDerivatives,
): void {
  const valid = b > 0 && c >= b;
  const p = c - 1;
  const d = c - 1 - b;
  let integrals = 0;
  if (scratch.order.length < count) scratch = createScratch(Math.max(count, 2 * scratch.order.length));
  const { order, L, tail, moments } = scratch;
  const series = (zk: number, maxTerms: number, k: number): number => {
    if (!derivatives) return logSeries(b, c, zk, maxTerms);
    if (!logSeriesWithDerivatives(b, c, zk, logOneMinusZ[k], maxTerms, seriesDerivatives)) return NaN;
    derivatives.dB[k] = seriesDerivatives.dB;
    derivatives.dC[k] = seriesDerivatives.dC;
    derivatives.dL[k] = seriesDerivatives.dL;
    return seriesDerivatives.value;
  };
  for (let k = 0; k < count; k++) {
    const zk = z[k];
    if (!(valid && zk >= 0 && zk < 1)) {
      out[k] = NaN;
      if (derivatives) derivatives.dB[k] = derivatives.dC[k] = derivatives.dL[k] = NaN;
      continue;
    }
    if (zk === 0) {
      out[k] = 0;
      if (derivatives) {
        derivatives.dB[k] = derivatives.dC[k] = 0;
        derivatives.dL[k] = b / c;
      }
      continue;
    }
    if (zk <= SPLIT_Z) {
      out[k] = series(zk, MAX_SERIES_TERMS, k);
      continue;
    }
    const Lk = -logOneMinusZ[k];
    // Rough costs in terms: the integral form sums the series at z0 and 16 nodes per panel; the
    // series at z needs about (37 + L) / (1 - z) terms, fewer when c - b is large (terms ~ n^-(c - b)).
    const integralCost = 400 + 16 * (Math.min(Lk - SPLIT_U, NEGLIGIBLE / Math.abs(d)) * (1 + Math.abs(d) / 6) + 10 + Math.log(p));
    const seriesCost = Math.min((37 + Lk) / Math.exp(logOneMinusZ[k]), Math.exp(Math.min((37 + Lk) / (c - b), 50)));
    if (seriesCost <= integralCost) {
      const direct = series(zk, Math.min(2 * integralCost, 20_000), k);
      if (!Number.isNaN(direct)) {
        out[k] = direct;
        continue;
      }
    }
    L[k] = Lk;
    order[integrals++] = k;
  }
  if (integrals === 0) return;
  sortByL(order, integrals, L);
  // The part of Q up to z0, from the series there: Q(z0) = 2F1(z0) z0^(c-1) / ((c-1) (1-z0)^d).
  const logH0 = derivatives && logSeriesWithDerivatives(b, c, SPLIT_Z, Math.log1p(-SPLIT_Z), MAX_SERIES_TERMS, seriesDerivatives) ? seriesDerivatives.value : logSeries(b, c, SPLIT_Z, MAX_SERIES_TERMS);
  const head = logH0 + p * Math.log(SPLIT_Z) - Math.log(p) - d * Math.log1p(-SPLIT_Z);
  logTailIntegrals(p, d, L, order, integrals, tail, derivatives ? moments : undefined);
  // d ln Q(z0) / dp at fixed d (b and c both move with p) and d ln Q(z0) / dd at fixed p (b moves against d).
  const headDp = seriesDerivatives.dB + seriesDerivatives.dC + Math.log(SPLIT_Z) - 1 / p;
  const headDd = -seriesDerivatives.dB - Math.log1p(-SPLIT_Z);
  for (let j = 0; j < integrals; j++) {
    const k = order[j];
    // ln z from ln(1 - z), exact where z itself has lost the digits of 1 - z.
    const logZ = Math.log1p(-Math.exp(logOneMinusZ[k]));
    const logQ = logAddExp(head, tail[k]);
    out[k] = Math.log(p) + d * logOneMinusZ[k] - p * logZ + logQ;
    if (!derivatives) continue;
    const headShare = Math.exp(head - logQ);
    const tailShare = Math.exp(tail[k] - logQ);
    const dLogQdP = headShare * headDp + tailShare * moments.logS[k];
    const dLogQdD = headShare * headDd + tailShare * moments.u[k];
    const dP = 1 / p - logZ + dLogQdP;
    const dD = logOneMinusZ[k] + dLogQdD;
    derivatives.dB[k] = -dD;
    derivatives.dC[k] = dP + dD;
    // d/dL of -d L - p ln(1 - e^-L) + ln Q, with dQ/dL the integrand at L: e^(d L + (p - 1) ln z).
    derivatives.dL[k] = -d - p * Math.exp(logOneMinusZ[k] - logZ) + Math.exp(d * L[k] + (p - 1) * logZ - logQ);
  }
}

const single = { z: new Float64Array(1), logOneMinusZ: new Float64Array(1), out: new Float64Array(1) };

/**
 * Natural log of the Gauss hypergeometric function 2F1(1, b; c; z); see logHyp2f1OneMany.
 * @returns NaN for arguments outside c >= b > 0, 0 <= z < 1
 * @example
 * logHyp2f1One(1, 2, 0.5, Math.log(0.5)); // ln(-ln(1 - z) / z) = ln(2 ln 2)
 */
export function logHyp2f1One(b: number, c: number, z: number, logOneMinusZ: number): number {
  single.z[0] = z;
  single.logOneMinusZ[0] = logOneMinusZ;
  logHyp2f1OneMany(b, c, single.z, single.logOneMinusZ, 1, single.out);
  return single.out[0];
}
