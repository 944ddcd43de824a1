import { EngineError } from '../errors';
import { maximizeLikelihood, resolveFitOptions, toNamedFit } from './maximum-likelihood';
import { assertPositiveParameters, GAMMA_GAMMA_PARAM_NAMES } from './parameters';
import { distinctColumn } from './repeat-data';
import { digamma, logGamma } from './special-functions';
import type { GammaGammaFit, GammaGammaFitOptions, GammaGammaParams, SpendData, SpendModelResult } from './types';

/** Fewest repeat customers (x > 0, mean repeat value > 0) the three-parameter spend model is fitted to. */
export const MIN_SPEND_MODEL_CUSTOMERS = 4;
export const DEFAULT_CORRELATION_WARNING_THRESHOLD = 0.3;

function validateSpendData(data: SpendData): number {
  const n = data.x.length;
  if (data.meanRepeatValue.length !== n) {
    throw new EngineError('INVALID_INPUT', `x and meanRepeatValue must have the same length (got ${n} and ${data.meanRepeatValue.length}).`);
  }
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    if (!Number.isFinite(x) || x < 0 || !Number.isInteger(x)) {
      throw new EngineError('INVALID_INPUT', `Customer row ${i}: x must be a whole number of at least 0, got ${x}.`, { row: i });
    }
    if (!Number.isFinite(data.meanRepeatValue[i])) {
      throw new EngineError('INVALID_INPUT', `Customer row ${i} has a missing or non-finite mean repeat value.`, { row: i });
    }
  }
  return n;
}

/** Customers the spend model uses: at least one repeat purchase and a positive mean repeat value. */
export function isSpendModelCustomer(x: number, meanRepeatValue: number): boolean {
  return x > 0 && meanRepeatValue > 0;
}

/**
 * Log-density of a customer's mean repeat value m given x (Fader & Hardie 2013, the density of
 * the mean z-bar, including the Jacobian terms (px - 1) ln m + px ln x). This is the form of
 * lifetimes' GammaGammaFitter and CLVTools, and it reproduces the published CDNOW value -4055.92.
 */
function customerLogLikelihood(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = params;
  const px = p * x;
  return (
    logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(gamma) + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(x * m + gamma)
  );
}

/** Gamma-Gamma log-likelihood per customer (NaN for customers outside the model) and in total. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: SpendData): { total: number; perCustomer: Float64Array } {
  assertPositiveParameters(params, GAMMA_GAMMA_PARAM_NAMES, 'Gamma-Gamma');
  const n = validateSpendData(data);
  const perCustomer = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const m = data.meanRepeatValue[i];
    perCustomer[i] = isSpendModelCustomer(x, m) ? customerLogLikelihood(params, x, m) : NaN;
    if (isSpendModelCustomer(x, m)) total += perCustomer[i];
  }
  return { total, perCustomer };
}

function pearson(u: Float64Array, v: Float64Array): number {
  const n = u.length;
  let su = 0;
  let sv = 0;
  for (let i = 0; i < n; i++) {
    su += u[i];
    sv += v[i];
  }
  const mu = su / n;
  const mv = sv / n;
  let cuv = 0;
  let cuu = 0;
  let cvv = 0;
  for (let i = 0; i < n; i++) {
    cuv += (u[i] - mu) * (v[i] - mv);
    cuu += (u[i] - mu) ** 2;
    cvv += (v[i] - mv) ** 2;
  }
  return cuu > 0 && cvv > 0 ? cuv / Math.sqrt(cuu * cvv) : NaN;
}

/**
 * The Gamma-Gamma negative log-likelihood over log-parameters (ln p, ln q, ln gamma) of customers
 * with x > 0 and m > 0, with its analytic gradient. The gamma-function terms depend on x alone, so
 * they are taken once per distinct x; each customer costs one logarithm and one division. The
 * likelihood is customerLogLikelihood's (Fader & Hardie 2013; lifetimes' GammaGammaFitter), rearranged:
 *
 *   ll = sum_i [ln Gamma(p x + q) - ln Gamma(p x) - ln Gamma(q) - ln m + p x ln(x m / (x m + gamma))
 *        + q ln(gamma / (x m + gamma))]
 *   d ll / d ln p = p sum_i x [psi(p x + q) - psi(p x) + ln(x m / (x m + gamma))]
 *   d ll / d ln q = q sum_i [psi(p x + q) - psi(q) + ln(gamma / (x m + gamma))]
 *   d ll / d ln gamma = sum_i x (q m - gamma p) / (x m + gamma)
 *
 * Each customer's terms are combined before summing (no large sums that cancel), so the optimiser
 * can go as close to the optimum as the per-customer form allowed.
 */
export function gammaGammaNegLogLikelihood(
  x: Float64Array,
  m: Float64Array,
): { negLogLikelihood: (theta: Float64Array) => number; negLogLikelihoodWithGradient: (theta: Float64Array, gradient: Float64Array) => number } {
  const n = x.length;
  const distinct = distinctColumn(x);
  const groups = distinct.values.length;
  const groupCount = new Float64Array(groups);
  for (let i = 0; i < n; i++) groupCount[distinct.index[i]]++;
  let sumLogM = 0;
  for (let i = 0; i < n; i++) sumLogM += Math.log(m[i]);
  const xm = new Float64Array(n);
  const logXM = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xm[i] = x[i] * m[i];
    logXM[i] = Math.log(xm[i]);
  }
  const value = (theta: Float64Array, gradient?: Float64Array): number => {
    const p = Math.exp(theta[0]);
    const q = Math.exp(theta[1]);
    const gamma = Math.exp(theta[2]);
    let groupPart = 0;
    let groupPsiX = 0;
    let groupPsiSum = 0;
    for (let g = 0; g < groups; g++) {
      const px = p * distinct.values[g];
      groupPart += groupCount[g] * (logGamma(px + q) - logGamma(px));
      if (!gradient) continue;
      const psiSum = digamma(px + q);
      groupPsiX += groupCount[g] * distinct.values[g] * (psiSum - digamma(px));
      groupPsiSum += groupCount[g] * psiSum;
    }
    let customerPart = 0;
    let sumXShare = 0;
    let sumGammaShare = 0;
    let sumScale = 0;
    for (let i = 0; i < n; i++) {
      const log = Math.log(xm[i] + gamma);
      const ownShare = logXM[i] - log;
      const gammaShare = theta[2] - log;
      customerPart += p * x[i] * ownShare + q * gammaShare;
      if (!gradient) continue;
      sumXShare += x[i] * ownShare;
      sumGammaShare += gammaShare;
      sumScale += (x[i] * (q * m[i] - gamma * p)) / (xm[i] + gamma);
    }
    const ll = groupPart - n * logGamma(q) - sumLogM + customerPart;
    if (gradient) {
      gradient[0] = -p * (groupPsiX + sumXShare);
      gradient[1] = -q * (groupPsiSum - n * digamma(q) + sumGammaShare);
      gradient[2] = -sumScale;
    }
    return -ll;
  };
  return { negLogLikelihood: (theta) => value(theta), negLogLikelihoodWithGradient: value };
}

/**
 * Fits the Gamma-Gamma spend model on customers with x > 0 and mean repeat value > 0.
 * Throws TOO_FEW_CUSTOMERS below 4 such customers (e.g. when nobody bought twice).
 * @example
 * const fit = fitGammaGamma({ x, meanRepeatValue }, { seed: 1 });
 * fit.params; // { p, q, gamma }
 * fit.populationMeanSpend; // p * gamma / (q - 1)
 */
export function fitGammaGamma(data: SpendData, options: GammaGammaFitOptions = {}): GammaGammaFit {
  const { correlationWarningThreshold = DEFAULT_CORRELATION_WARNING_THRESHOLD, ...fitOptions } = options;
  if (!(correlationWarningThreshold >= 0 && correlationWarningThreshold <= 1)) {
    throw new EngineError('INVALID_OPTION', `correlationWarningThreshold must be between 0 and 1, got ${correlationWarningThreshold}.`);
  }
  const resolved = resolveFitOptions(fitOptions);
  const total = validateSpendData(data);
  const xs: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < total; i++) {
    if (isSpendModelCustomer(data.x[i], data.meanRepeatValue[i])) {
      xs.push(data.x[i]);
      ms.push(data.meanRepeatValue[i]);
    }
  }
  const n = xs.length;
  if (n < MIN_SPEND_MODEL_CUSTOMERS) {
    throw new EngineError(
      'TOO_FEW_CUSTOMERS',
      `The Gamma-Gamma spend model needs at least ${MIN_SPEND_MODEL_CUSTOMERS} customers with a repeat purchase of positive value, got ${n}.`,
      { customers: n },
    );
  }
  const x = Float64Array.from(xs);
  const m = Float64Array.from(ms);
  let meanM = 0;
  for (let i = 0; i < n; i++) meanM += m[i] / n;
  const estimate = maximizeLikelihood(
    { ...gammaGammaNegLogLikelihood(x, m), nCustomers: n, start: Float64Array.from([0, Math.log(2), Math.log(meanM)]) },
    resolved,
  );
  const correlation = pearson(x, m);
  const warnings: string[] = [];
  if (Math.abs(correlation) >= correlationWarningThreshold) {
    warnings.push(
      `Purchase frequency and mean repeat value are correlated (r = ${correlation.toFixed(2)}); the Gamma-Gamma model assumes they are independent.`,
    );
  }
  const fit = toNamedFit<GammaGammaParams>(GAMMA_GAMMA_PARAM_NAMES, estimate, { penalizer: resolved.penalizer, nCustomers: n, warnings });
  const { p, q, gamma } = fit.params;
  if (q <= 1) fit.warnings.push(`q = ${q.toFixed(3)} <= 1: the population mean spend is infinite; customers without repeat purchases get no model-based spend.`);
  return {
    model: 'gamma-gamma',
    ...fit,
    excludedCustomers: total - n,
    frequencyValueCorrelation: correlation,
    populationMeanSpend: q > 1 ? (p * gamma) / (q - 1) : NaN,
  };
}

/**
 * E[value per purchase | x, mean repeat value]: a weighted mean of the population mean
 * p * gamma / (q - 1) and the customer's own mean. Customers outside the model (x = 0 or
 * mean repeat value <= 0) get the population mean; NaN when that is infinite (q <= 1).
 */
export function gammaGammaConditionalExpectedSpend(params: GammaGammaParams, x: number, meanRepeatValue: number): number {
  const { p, q, gamma } = params;
  if (isSpendModelCustomer(x, meanRepeatValue)) {
    const denominator = p * x + q - 1;
    return denominator > 0 ? (p * (gamma + x * meanRepeatValue)) / denominator : NaN;
  }
  return q > 1 ? (p * gamma) / (q - 1) : NaN;
}

/**
 * The spend model's data from a customer summary: repeat days of positive value (spendX) when the
 * summary counts them, so zero-value orders count as purchases but not as spend.
 */
export function spendDataOf(data: SpendData & { spendX?: Float64Array }): SpendData {
  return data.spendX ? { x: data.spendX, meanRepeatValue: data.meanRepeatValue } : data;
}

/**
 * Fits the spend model, or reports it as skipped when too few customers bought twice (every
 * other error still throws), so a lifetime-value pipeline can go on without it.
 */
export function fitSpendModel(data: SpendData & { spendX?: Float64Array }, options: GammaGammaFitOptions = {}): SpendModelResult {
  try {
    return { status: 'fitted', fit: fitGammaGamma(spendDataOf(data), options) };
  } catch (error) {
    if (error instanceof EngineError && error.code === 'TOO_FEW_CUSTOMERS') return { status: 'skipped', reason: error.message };
    throw error;
  }
}
