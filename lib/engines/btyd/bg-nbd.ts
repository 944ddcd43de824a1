import { EngineError } from '../errors';
import { logSumExp } from '../log-sum-exp';
import { expectedPurchasesKernel } from './expected-purchases-kernel';
import { findDegeneracy } from './degenerate-fit';
import { fitRepeatPurchaseModel } from './fit-repeat-purchase-model';
import type { NegLogLikelihood } from './maximum-likelihood';
import { assertHorizon, assertPositiveParameters, BG_NBD_PARAM_NAMES } from './parameters';
import {
  fillDigammaDifferences,
  repeatDataLogLikelihood,
  type PreparedRepeatData,
} from './repeat-data';
import { logBeta, logGamma } from './special-functions';
import type { BgNbdFit, BgNbdParams, FitOptions, RepeatPurchaseData, TimeUnit } from './types';

/** BG/NBD log-likelihood of one customer (Fader, Hardie & Lee 2005, eq. 6). */
function customerLogLikelihood(params: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const base = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + logBeta(a, b + x) - logBeta(a, b);
  const alive = -(r + x) * Math.log(alpha + T);
  if (x === 0) return base + alive;
  const dropped = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return base + logSumExp(alive, dropped);
}

/** BG/NBD log-likelihood per customer and in total. */
export function bgNbdLogLikelihood(params: BgNbdParams, data: RepeatPurchaseData): { total: number; perCustomer: Float64Array } {
  return repeatDataLogLikelihood(params, BG_NBD_PARAM_NAMES, 'BG/NBD', data, customerLogLikelihood);
}

/**
 * Total negative log-likelihood over log-parameters theta = ln(r, alpha, a, b), with x-dependent
 * gamma terms built by recurrence; with `gradient` (length 4) also its analytic gradient in theta.
 *
 * Per customer (Fader, Hardie & Lee 2005, eq. 6) LL = ln Gamma(r + x) - ln Gamma(r) + r ln alpha
 * + ln B(a, b + x) - ln B(a, b) + ln(e^A + [x > 0] e^D), A = -(r + x) ln(alpha + T) and
 * D = ln a - ln(b + x - 1) - (r + x) ln(alpha + tx). With w = e^D / (e^A + e^D) (0 when x = 0):
 *
 *   dLL/dr = sum_{j<x} 1 / (r + j) + ln alpha - (1 - w) ln(alpha + T) - w ln(alpha + tx)
 *   dLL/dalpha = r / alpha - (r + x) ((1 - w) / (alpha + T) + w / (alpha + tx))
 *   dLL/da = -sum_{j<x} 1 / (a + b + j) + w / a
 *   dLL/db = sum_{j<x} (1 / (b + j) - 1 / (a + b + j)) - w / (b + x - 1)
 *
 * (ln B(a, b + x) - ln B(a, b) = sum_{j<x} ln((b + j) / (a + b + j))); then d/dtheta = p d/dp.
 */
export function bgNbdNegLogLikelihood(data: PreparedRepeatData): NegLogLikelihood {
  const { n, x, maxX, T, tx } = data;
  const logGammaRatio = new Float64Array(maxX + 1);
  const logBetaRatio = new Float64Array(maxX + 1);
  const logBPlusXMinusOne = new Float64Array(maxX + 1);
  const logAlphaT = new Float64Array(T.values.length);
  const logAlphaTx = new Float64Array(tx.values.length);
  // Sums over j < x of 1 / (r + j), 1 / (a + b + j) and 1 / (b + j), for the gradient.
  const sumR = new Float64Array(maxX + 1);
  const sumAB = new Float64Array(maxX + 1);
  const sumB = new Float64Array(maxX + 1);
  return (theta, gradient) => {
    const r = Math.exp(theta[0]);
    const alpha = Math.exp(theta[1]);
    const a = Math.exp(theta[2]);
    const b = Math.exp(theta[3]);
    for (let j = 0; j < maxX; j++) {
      logGammaRatio[j + 1] = logGammaRatio[j] + Math.log(r + j);
      logBetaRatio[j + 1] = logBetaRatio[j] + Math.log((b + j) / (a + b + j));
      logBPlusXMinusOne[j + 1] = Math.log(b + j);
    }
    for (let k = 0; k < logAlphaT.length; k++) logAlphaT[k] = Math.log(alpha + T.values[k]);
    for (let k = 0; k < logAlphaTx.length; k++) logAlphaTx[k] = Math.log(alpha + tx.values[k]);
    const rLogAlpha = r * theta[1];
    const logA = theta[2];
    let ll = 0;
    if (!gradient) {
      for (let i = 0; i < n; i++) {
        const xi = x[i];
        const rx = r + xi;
        const alive = -rx * logAlphaT[T.index[i]];
        const base = logGammaRatio[xi] + logBetaRatio[xi] + rLogAlpha;
        if (xi === 0) {
          ll += base + alive;
        } else {
          const dropped = logA - logBPlusXMinusOne[xi] - rx * logAlphaTx[tx.index[i]];
          ll += base + logSumExp(alive, dropped);
        }
      }
      return -ll;
    }
    fillDigammaDifferences(sumR, r);
    fillDigammaDifferences(sumAB, a + b);
    fillDigammaDifferences(sumB, b);
    let dR = n * theta[1];
    let dAlpha = (n * r) / alpha;
    let dA = 0;
    let dB = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      const rx = r + xi;
      const logT = logAlphaT[T.index[i]];
      const alive = -rx * logT;
      const base = logGammaRatio[xi] + logBetaRatio[xi] + rLogAlpha;
      dR += sumR[xi];
      dA -= sumAB[xi];
      dB += sumB[xi] - sumAB[xi];
      const alphaT = alpha + T.values[T.index[i]];
      if (xi === 0) {
        ll += base + alive;
        dR -= logT;
        dAlpha -= rx / alphaT;
        continue;
      }
      const logTx = logAlphaTx[tx.index[i]];
      const dropped = logA - logBPlusXMinusOne[xi] - rx * logTx;
      ll += base + logSumExp(alive, dropped);
      const w = 1 / (1 + Math.exp(alive - dropped));
      dR -= (1 - w) * logT + w * logTx;
      dAlpha -= rx * ((1 - w) / alphaT + w / (alpha + tx.values[tx.index[i]]));
      dA += w / a;
      dB -= w / (b + xi - 1);
    }
    gradient[0] = -r * dR;
    gradient[1] = -alpha * dAlpha;
    gradient[2] = -a * dA;
    gradient[3] = -b * dB;
    return -ll;
  };
}

/**
 * Fits BG/NBD by maximum likelihood over log-parameters (several seeded starts).
 * @example
 * const fit = fitBgNbd({ x, tx, T, unit: 'weeks' }, { seed: 1 });
 * fit.params; // { r, alpha, a, b }
 * fit.standardErrors.alpha;
 */
export function fitBgNbd(data: RepeatPurchaseData & { unit: TimeUnit }, options: FitOptions = {}): BgNbdFit {
  const fit = fitRepeatPurchaseModel<BgNbdParams>({ label: 'BG/NBD', names: BG_NBD_PARAM_NAMES, dropout: ['a', 'b'], negLogLikelihood: bgNbdNegLogLikelihood }, data, options);
  const degenerate = findDegeneracy(
    {
      label: 'BG/NBD',
      unit: data.unit,
      pAlive: Float64Array.from(data.x, (x, i) => bgNbdProbabilityAlive(fit.params, x, data.tx[i], data.T[i])),
      meanPurchaseRate: fit.params.r / fit.params.alpha,
      meanDropoutProbability: fit.params.a / (fit.params.a + fit.params.b),
    },
    data,
  );
  return { model: 'bgnbd', unit: data.unit, ...fit, degenerate };
}

/** P(alive | x, tx, T); exactly 1 for x = 0, a known property of BG/NBD. */
export function bgNbdProbabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  return 1 / (1 + (a / (b + x - 1)) * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))));
}

/** E[purchases in (T, T + t] | x, tx, T] (Fader, Hardie & Lee 2005, eq. 10). */
export function bgNbdConditionalExpectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = params;
  const numerator = expectedPurchasesKernel(r + x, a, a + b + x - 1, t / (alpha + T + t));
  if (x === 0) return numerator;
  return numerator / (1 + (a / (b + x - 1)) * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))));
}

/** E[X(t)]: expected repeat purchases in (0, t] for a customer who made a first purchase at 0. */
export function bgNbdExpectedPurchases(params: BgNbdParams, t: number): number {
  assertPositiveParameters(params, BG_NBD_PARAM_NAMES, 'BG/NBD');
  assertHorizon(t);
  const { r, alpha, a, b } = params;
  return expectedPurchasesKernel(r, a, a + b - 1, t / (alpha + t));
}

/** P(X(t) = n): probability of exactly n repeat purchases in (0, t] (Fader, Hardie & Lee 2005, eq. 8). */
export function bgNbdProbabilityOfPurchases(params: BgNbdParams, t: number, n: number): number {
  assertPositiveParameters(params, BG_NBD_PARAM_NAMES, 'BG/NBD');
  assertHorizon(t);
  if (!Number.isInteger(n) || n < 0) throw new EngineError('INVALID_INPUT', `The purchase count must be a whole number of at least 0, got ${n}.`);
  const { r, alpha, a, b } = params;
  const logStay = Math.log(alpha / (alpha + t));
  const logRate = t > 0 ? Math.log(t / (alpha + t)) : -Infinity;
  const nbd = (j: number) => Math.exp(logGamma(r + j) - logGamma(r) - logGamma(j + 1) + r * logStay + (j === 0 ? 0 : j * logRate));
  const stillActive = Math.exp(logBeta(a, b + n) - logBeta(a, b)) * nbd(n);
  if (n === 0) return stillActive;
  let below = 0;
  for (let j = 0; j < n; j++) below += nbd(j);
  return stillActive + Math.exp(logBeta(a + 1, b + n - 1) - logBeta(a, b)) * Math.max(0, 1 - below);
}
