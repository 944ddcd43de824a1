import { EngineError } from '../errors';

const HALF_LOG_TWO_PI = 0.9189385332046728;
const EULER_GAMMA = 0.5772156649015329;

/** Natural log of the gamma function for x > 0 (Stirling series after shifting x above 10). */
export function logGamma(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return Infinity;
  if (x === Infinity) return Infinity;
  if (x < 1e-10) return -Math.log(x) - EULER_GAMMA * x;
  let z = x;
  let product = 1;
  while (z < 10) {
    product *= z;
    z += 1;
  }
  const inv = 1 / z;
  const inv2 = inv * inv;
  const series =
    inv *
    (1 / 12 +
      inv2 *
        (-1 / 360 + inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 * (1 / 156)))))));
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + series - Math.log(product);
}

/**
 * Digamma psi(x) = d ln Gamma(x) / dx for x > 0: the recurrence psi(x) = psi(x + 1) - 1 / x up to
 * x >= 6, then the asymptotic series ln x - 1 / (2x) - sum B_2k / (2k x^2k) (Abramowitz & Stegun
 * 6.3.5 and 6.3.18); absolute error below 1e-14 there.
 * @returns NaN for x <= 0 or NaN, Infinity for Infinity
 */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  let z = x;
  let shift = 0;
  while (z < 6) {
    shift += 1 / z;
    z += 1;
  }
  const inv2 = 1 / (z * z);
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))));
  return Math.log(z) - 0.5 / z - series - shift;
}

export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

const HYP2F1_MAX_TERMS = 1_000_000;

/**
 * Gauss hypergeometric 2F1(a, b; c; z) by its power series, for 0 <= z < 1 (or |z| < 1).
 * Converges geometrically at rate |z|; z close to 1 needs many terms.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite)) throw new EngineError('INVALID_INPUT', 'hyp2f1 needs finite arguments.');
  if (Math.abs(z) >= 1) throw new EngineError('INVALID_INPUT', `hyp2f1 series needs |z| < 1, got ${z}.`);
  if (c <= 0 && Number.isInteger(c)) throw new EngineError('INVALID_INPUT', `hyp2f1 is undefined for c = ${c}.`);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < HYP2F1_MAX_TERMS; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    if (term === 0) return sum;
    const ratio = Math.abs(((a + n + 1) * (b + n + 1) * z) / ((c + n + 1) * (n + 2)));
    // Once terms shrink geometrically, the tail is at most term * ratio / (1 - ratio).
    if (ratio < 1 && Math.abs(term) * ratio <= 1e-16 * Math.abs(sum) * (1 - ratio)) return sum;
  }
  throw new EngineError('FIT_FAILED', `hyp2f1 series did not converge for z = ${z}.`);
}
