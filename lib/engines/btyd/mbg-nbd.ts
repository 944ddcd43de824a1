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
import type { BgNbdParams, FitOptions, MbgNbdFit, RepeatPurchaseData, TimeUnit } from './types';

/**
 * MBG/NBD log-likelihood of one customer (Batislam, Denizel & Filiztekin 2007; the form of
 * lifetimes' ModifiedBetaGeoFitter): unlike BG/NBD the customer may drop out right after the
 * first purchase, so the dropout term is present for x = 0 as well.
 */
function customerLogLikelihood(params: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const base = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + logBeta(a, b + x + 1) - logBeta(a, b) - (r + x) * Math.log(alpha + T);
  return base + logSumExp(0, Math.log(a) - Math.log(b + x) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)));
}

/** MBG/NBD log-likelihood per customer and in total. */
export function mbgNbdLogLikelihood(params: BgNbdParams, data: RepeatPurchaseData): { total: number; perCustomer: Float64Array } {
  return repeatDataLogLikelihood(params, BG_NBD_PARAM_NAMES, 'MBG/NBD', data, customerLogLikelihood);
}

/**
 * Total negative log-likelihood over log-parameters theta = ln(r, alpha, a, b); with `gradient`
 * (length 4) also its analytic gradient in theta. Per customer LL = ln Gamma(r + x) - ln Gamma(r)
 * + r ln alpha + ln B(a, b + x + 1) - ln B(a, b) - (r + x) ln(alpha + T) + ln(1 + e^V),
 * V = ln a - ln(b + x) + (r + x) (ln(alpha + T) - ln(alpha + tx)) (customerLogLikelihood above).
 * With w = e^V / (1 + e^V):
 *
 *   dLL/dr = sum_{j<x} 1 / (r + j) + ln alpha - ln(alpha + T) + w (ln(alpha + T) - ln(alpha + tx))
 *   dLL/dalpha = r / alpha - (r + x) / (alpha + T) + w (r + x) (1 / (alpha + T) - 1 / (alpha + tx))
 *   dLL/da = -sum_{j<=x} 1 / (a + b + j) + w / a
 *   dLL/db = sum_{j<=x} (1 / (b + j) - 1 / (a + b + j)) - w / (b + x)
 *
 * then d/dtheta = p d/dp.
 */
export function mbgNbdNegLogLikelihood(data: PreparedRepeatData): NegLogLikelihood {
  const { n, x, maxX, T, tx } = data;
  const logGammaRatio = new Float64Array(maxX + 1);
  // logBetaRatio[k] = log B(a, b + k) - log B(a, b), needed up to k = maxX + 1.
  const logBetaRatio = new Float64Array(maxX + 2);
  const logBPlusX = new Float64Array(maxX + 1);
  const logAlphaT = new Float64Array(T.values.length);
  const logAlphaTx = new Float64Array(tx.values.length);
  // Sums over j < k of 1 / (r + j), 1 / (a + b + j) and 1 / (b + j), for the gradient.
  const sumR = new Float64Array(maxX + 1);
  const sumAB = new Float64Array(maxX + 2);
  const sumB = new Float64Array(maxX + 2);
  return (theta, gradient) => {
    const r = Math.exp(theta[0]);
    const alpha = Math.exp(theta[1]);
    const a = Math.exp(theta[2]);
    const b = Math.exp(theta[3]);
    for (let j = 0; j <= maxX; j++) {
      if (j < maxX) logGammaRatio[j + 1] = logGammaRatio[j] + Math.log(r + j);
      logBetaRatio[j + 1] = logBetaRatio[j] + Math.log((b + j) / (a + b + j));
      logBPlusX[j] = Math.log(b + j);
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
        const logT = logAlphaT[T.index[i]];
        ll +=
          logGammaRatio[xi] + logBetaRatio[xi + 1] + rLogAlpha - rx * logT + logSumExp(0, logA - logBPlusX[xi] + rx * (logT - logAlphaTx[tx.index[i]]));
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
      const logTx = logAlphaTx[tx.index[i]];
      const v = logA - logBPlusX[xi] + rx * (logT - logTx);
      ll += logGammaRatio[xi] + logBetaRatio[xi + 1] + rLogAlpha - rx * logT + logSumExp(0, v);
      const w = 1 / (1 + Math.exp(-v));
      const inverseT = 1 / (alpha + T.values[T.index[i]]);
      dR += sumR[xi] - logT + w * (logT - logTx);
      dAlpha += -rx * inverseT + w * rx * (inverseT - 1 / (alpha + tx.values[tx.index[i]]));
      dA += w / a - sumAB[xi + 1];
      dB += sumB[xi + 1] - sumAB[xi + 1] - w / (b + xi);
    }
    gradient[0] = -r * dR;
    gradient[1] = -alpha * dAlpha;
    gradient[2] = -a * dA;
    gradient[3] = -b * dB;
    return -ll;
  };
}

/**
 * Fits MBG/NBD by maximum likelihood over log-parameters (several seeded starts).
 * @example
 * const fit = fitMbgNbd({ x, tx, T, unit: 'weeks' });
 * mbgNbdProbabilityAlive(fit.params, 0, 0, 30); // below 1, unlike BG/NBD
 */
export function fitMbgNbd(data: RepeatPurchaseData & { unit: TimeUnit }, options: FitOptions = {}): MbgNbdFit {
  const fit = fitRepeatPurchaseModel<BgNbdParams>({ label: 'MBG/NBD', names: BG_NBD_PARAM_NAMES, dropout: ['a', 'b'], negLogLikelihood: mbgNbdNegLogLikelihood }, data, options);
  const degenerate = findDegeneracy(
    {
      label: 'MBG/NBD',
      unit: data.unit,
      pAlive: Float64Array.from(data.x, (x, i) => mbgNbdProbabilityAlive(fit.params, x, data.tx[i], data.T[i])),
      meanPurchaseRate: fit.params.r / fit.params.alpha,
      meanDropoutProbability: fit.params.a / (fit.params.a + fit.params.b),
    },
    data,
  );
  return { model: 'mbgnbd', unit: data.unit, ...fit, degenerate };
}

/** P(alive | x, tx, T); below 1 also for one-time buyers. */
export function mbgNbdProbabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  return 1 / (1 + (a / (b + x)) * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))));
}

/** E[purchases in (T, T + t] | x, tx, T] (Wagner & Hoppe 2008 erratum form). */
export function mbgNbdConditionalExpectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = params;
  const numerator = expectedPurchasesKernel(r + x, a, a + b + x, t / (alpha + T + t));
  return numerator / (1 + (a / (b + x)) * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))));
}

/** E[X(t)] = b / (a - 1) * [1 - (alpha / (alpha + t))^r 2F1(r, b + 1; a + b; t / (alpha + t))]. */
export function mbgNbdExpectedPurchases(params: BgNbdParams, t: number): number {
  assertPositiveParameters(params, BG_NBD_PARAM_NAMES, 'MBG/NBD');
  assertHorizon(t);
  return mbgNbdConditionalExpectedPurchases(params, t, 0, 0, 0);
}

/** P(X(t) = n) under MBG/NBD. */
export function mbgNbdProbabilityOfPurchases(params: BgNbdParams, t: number, n: number): number {
  assertPositiveParameters(params, BG_NBD_PARAM_NAMES, 'MBG/NBD');
  assertHorizon(t);
  if (!Number.isInteger(n) || n < 0) throw new EngineError('INVALID_INPUT', `The purchase count must be a whole number of at least 0, got ${n}.`);
  const { r, alpha, a, b } = params;
  const logStay = Math.log(alpha / (alpha + t));
  const logRate = t > 0 ? Math.log(t / (alpha + t)) : -Infinity;
  const nbd = (j: number) => Math.exp(logGamma(r + j) - logGamma(r) - logGamma(j + 1) + r * logStay + (j === 0 ? 0 : j * logRate));
  let below = 0;
  for (let j = 0; j < n; j++) below += nbd(j);
  return Math.exp(logBeta(a, b + n + 1) - logBeta(a, b)) * nbd(n) + Math.exp(logBeta(a + 1, b + n) - logBeta(a, b)) * Math.max(0, 1 - below);
}
