import { EngineError } from '../errors';
import { logSumExp } from '../log-sum-exp';
import { expectedPurchasesKernel } from './expected-purchases-kernel';
import { findDegeneracy } from './degenerate-fit';
import { fitRepeatPurchaseModel } from './fit-repeat-purchase-model';
import { assertHorizon, assertPositiveParameters, BG_NBD_PARAM_NAMES } from './parameters';
import {
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

function negLogLikelihoodFunction(data: PreparedRepeatData): (theta: Float64Array) => number {
  const { n, x, maxX, T, tx } = data;
  const logGammaRatio = new Float64Array(maxX + 1);
  // logBetaRatio[k] = log B(a, b + k) - log B(a, b), needed up to k = maxX + 1.
  const logBetaRatio = new Float64Array(maxX + 2);
  const logBPlusX = new Float64Array(maxX + 1);
  const logAlphaT = new Float64Array(T.values.length);
  const logAlphaTx = new Float64Array(tx.values.length);
  return (theta) => {
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
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      const rx = r + xi;
      const logT = logAlphaT[T.index[i]];
      ll +=
        logGammaRatio[xi] + logBetaRatio[xi + 1] + rLogAlpha - rx * logT + logSumExp(0, logA - logBPlusX[xi] + rx * (logT - logAlphaTx[tx.index[i]]));
    }
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
  const fit = fitRepeatPurchaseModel<BgNbdParams>({ label: 'MBG/NBD', names: BG_NBD_PARAM_NAMES, dropout: ['a', 'b'], negLogLikelihood: negLogLikelihoodFunction }, data, options);
  const degenerate = findDegeneracy(
    {
      label: 'MBG/NBD',
      unit: data.unit,
      alive: (x, tx, T) => mbgNbdProbabilityAlive(fit.params, x, tx, T),
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
