/*
 * Conditional expected purchases of BG/NBD and MBG/NBD share the numerator
 *
 *   K = C / (a - 1) * [1 - (1 - z)^(r + x) * 2F1(r + x, B; C; z)],   z = t / (alpha + T + t),
 *
 * with (B, C) = (b + x, a + b + x - 1) for BG/NBD and (b + x + 1, a + b + x) for MBG/NBD; in
 * both B = C - a + 1, so K depends on (r + x, a, C, z) only. It is summed in one of two forms,
 * both written as K = F0(z) - W(z) * sum_{n >= 1} c_n z^n with
 * c_(n+1) / c_n = (P1 + n)(P2 + n) / ((C + n)(n + 1)):
 *
 * - Euler form, from 2F1(p, q; c; z) = (1 - z)^(c - p - q) 2F1(c - p, c - q; c; z):
 *   F0 = C [1 - (1 - z)^(a - 1)] / (a - 1), W = (1 - z)^(a - 1), c_1 = A = C - r - x,
 *   (P1, P2) = (A, a - 1). The factor (a - 1) is divided out analytically (a = 1 is fine) and the
 *   terms shrink faster as x grows, but a large a makes them grow for about a z / (1 - z) terms.
 * - Original form: F0 = C [1 - (1 - z)^(r + x)] / (a - 1), W = C (1 - z)^(r + x) / (a - 1),
 *   c_1 = (r + x) B / C, (P1, P2) = (r + x, B): the terms are damped by B / C = 1 - E[p], so it
 *   suits a large a (nearly homogeneous dropout, where the Euler form would need ~a terms).
 *
 * The original form is used when a > r + x + 10 (also keeping a - 1 far from 0).
 */

const TOLERANCE = 1e-14;
const MAX_TERMS = 1_000_000;
// Below this many expected purchases, absolute error does not matter.
const ABSOLUTE_TOLERANCE = 1e-17;

export function usesOriginalForm(rx: number, a: number): boolean {
  return a > rx + 10;
}

/**
 * An upper bound on every later coefficient ratio |c_(m+1) / c_m|, m >= n (and at least 1):
 * ratio_m - 1 = (k m + d) / ((C + m)(1 + m)) with k = P1 + P2 - C - 1 and d = P1 P2 - C, which
 * for m >= n is at most (k' + d' / (1 + n)) / (C + n) (C > -1, so C + n > 0), where k', d' are
 * max(k, 0), max(d, 0) once every factor is positive (n > -P1, -P2) and |k|, |d| before.
 */
function tailGrowth(P1: number, P2: number, C: number, n: number, ratio: number): number {
  const k = P1 + P2 - C - 1;
  const d = P1 * P2 - C;
  const positive = n + Math.min(P1, P2) > 0;
  const kBound = positive ? Math.max(k, 0) : Math.abs(k);
  const dBound = positive ? Math.max(d, 0) : Math.abs(d);
  return Math.max(1, Math.abs(ratio), 1 + (kBound + dBound / (1 + n)) / (C + n));
}

/** [1 - (1 - z)^exponent] / divisor from log(1 - z), without cancellation when exponent is near 0. */
function oneMinusPower(exponent: number, divisor: number, logOneMinusZ: number): number {
  const e = exponent * logOneMinusZ;
  if (Math.abs(e) < 1e-9) return (-logOneMinusZ * (1 + e / 2) * exponent) / divisor;
  return -Math.expm1(e) / divisor;
}

/**
 * Series coefficients c_n for one (r + x, a, C), grown on demand and shared by every z evaluated
 * with them: customers with the same x share them within a parameter draw.
 */
export interface SeriesCoefficients {
  rx: number;
  a: number;
  C: number;
  original: boolean;
  P1: number;
  P2: number;
  coefficient: Float64Array;
  /** Bound on the coefficient ratios after n: later terms shrink at least by growth * z per step. */
  growth: Float64Array;
  filled: number;
}

export function createSeriesCoefficients(): SeriesCoefficients {
  return {
    rx: NaN,
    a: NaN,
    C: NaN,
    original: false,
    P1: NaN,
    P2: NaN,
    coefficient: new Float64Array(256),
    growth: new Float64Array(256),
    filled: 0,
  };
}

export function resetSeriesCoefficients(series: SeriesCoefficients, rx: number, a: number, C: number): void {
  series.rx = rx;
  series.a = a;
  series.C = C;
  series.original = usesOriginalForm(rx, a);
  series.P1 = series.original ? rx : C - rx;
  series.P2 = series.original ? C - a + 1 : a - 1;
  series.coefficient[0] = 0;
  series.coefficient[1] = series.original ? (rx * series.P2) / C : series.P1;
  series.growth[1] = tailGrowth(series.P1, series.P2, C, 1, 1);
  series.filled = 2;
}

function extendSeriesCoefficients(series: SeriesCoefficients, upTo: number): void {
  if (upTo > series.coefficient.length) {
    const size = Math.min(Math.max(upTo, series.coefficient.length * 2), MAX_TERMS + 1);
    const coefficient = new Float64Array(size);
    const growth = new Float64Array(size);
    coefficient.set(series.coefficient.subarray(0, series.filled));
    growth.set(series.growth.subarray(0, series.filled));
    series.coefficient = coefficient;
    series.growth = growth;
  }
  const { P1, P2, C, coefficient, growth } = series;
  const end = Math.min(upTo, coefficient.length);
  for (let n = series.filled; n < end; n++) {
    const m = n - 1;
    const ratio = ((P1 + m) * (P2 + m)) / ((C + m) * (m + 1));
    coefficient[n] = coefficient[n - 1] * ratio;
    growth[n] = tailGrowth(P1, P2, C, n, ratio);
  }
  series.filled = Math.max(series.filled, end);
}

/**
 * The Euler-form factors, which depend on a and z only: eulerFront[i] = [1 - (1 - z)^(a - 1)] / (a - 1)
 * (times C gives F0) and eulerPower[i] = (1 - z)^(a - 1) = W.
 */
export function eulerFactors(a: number, logOneMinusZ: Float64Array, count: number, eulerFront: Float64Array, eulerPower: Float64Array): void {
  const exponent = a - 1;
  for (let i = 0; i < count; i++) {
    const L = logOneMinusZ[i];
    const e = exponent * L;
    const em1 = Math.expm1(e);
    eulerFront[i] = Math.abs(e) < 1e-9 ? -L * (1 + e / 2) : -em1 / exponent;
    // 1 + expm1(e) saves an exp but cancels badly once e^e is small.
    eulerPower[i] = e > -0.5 ? 1 + em1 : Math.exp(e);
  }
}

/** Sums F0 - W * sum c_n z^n until the geometric tail bound is below tolerance times the leading terms. */
function sumSeries(series: SeriesCoefficients, z: number, F0: number, W: number, tolerance: number): number {
  const first = series.coefficient[1] * z;
  const limit = tolerance * (Math.abs(F0) + Math.abs(W * first)) + ABSOLUTE_TOLERANCE;
  let zPower = z;
  let sum = first;
  for (let n = 2; ; n++) {
    // Not converged within MAX_TERMS (z extremely close to 1): no number rather than a wrong one.
    if (n > MAX_TERMS) return NaN;
    if (n >= series.filled) extendSeriesCoefficients(series, n + 64);
    zPower *= z;
    const term = series.coefficient[n] * zPower;
    sum += term;
    if (series.coefficient[n] === 0) break;
    // Checking every fourth term is cheaper than checking every term.
    if ((n & 3) === 0) {
      const bound = series.growth[n] * z;
      if (bound < 1 && Math.abs(W * term) * bound <= limit * (1 - bound)) break;
    }
  }
  return F0 - W * sum;
}

/** The expected-purchases numerator K at several z (each in [0, 1)) sharing one set of coefficients. */
export function expectedPurchasesKernelMany(
  series: SeriesCoefficients,
  z: Float64Array,
  logOneMinusZ: Float64Array,
  eulerFront: Float64Array,
  eulerPower: Float64Array,
  count: number,
  out: Float64Array,
  tolerance: number,
): void {
  const { rx, a, C, original } = series;
  for (let i = 0; i < count; i++) {
    if (z[i] <= 0) {
      out[i] = 0;
      continue;
    }
    if (!(z[i] < 1)) {
      out[i] = NaN;
      continue;
    }
    if (original) {
      const L = logOneMinusZ[i];
      out[i] = sumSeries(series, z[i], C * oneMinusPower(rx, a - 1, L), (C * Math.exp(rx * L)) / (a - 1), tolerance);
    } else {
      out[i] = sumSeries(series, z[i], C * eulerFront[i], eulerPower[i], tolerance);
    }
  }
}

// Scratch for the single-z kernel; it never carries results from one call to the next.
const scratch = {
  series: createSeriesCoefficients(),
  z: new Float64Array(1),
  L: new Float64Array(1),
  front: new Float64Array(1),
  power: new Float64Array(1),
  out: new Float64Array(1),
};

/** The expected-purchases numerator K(r + x, a, C, z) at a single z in [0, 1). */
export function expectedPurchasesKernel(rx: number, a: number, C: number, z: number): number {
  if (z <= 0) return 0;
  const { series, L, front, power, out } = scratch;
  resetSeriesCoefficients(series, rx, a, C);
  scratch.z[0] = z;
  L[0] = Math.log1p(-z);
  if (!series.original) eulerFactors(a, L, 1, front, power);
  expectedPurchasesKernelMany(series, scratch.z, L, front, power, 1, out, TOLERANCE);
  return out[0];
}
