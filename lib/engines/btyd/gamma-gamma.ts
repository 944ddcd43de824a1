import { EngineError } from '../errors';
import { maximizeLikelihood, resolveFitOptions, toNamedFit } from './maximum-likelihood';
import { assertPositiveParameters, GAMMA_GAMMA_PARAM_NAMES } from './parameters';
import { logGamma } from './special-functions';
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
  const logM = m.map(Math.log);
  const logX = x.map(Math.log);
  let sumLogM = 0;
  let meanM = 0;
  for (let i = 0; i < n; i++) {
    sumLogM += logM[i];
    meanM += m[i] / n;
  }
  const negLogLikelihood = (theta: Float64Array): number => {
    const p = Math.exp(theta[0]);
    const q = Math.exp(theta[1]);
    const gamma = Math.exp(theta[2]);
    let ll = n * (q * theta[2] - logGamma(q)) - sumLogM;
    let previousX = -1;
    let gammaTerms = 0;
    for (let i = 0; i < n; i++) {
      const px = p * x[i];
      // Rows are not sorted, but runs of equal x are common enough to reuse the gamma terms.
      if (x[i] !== previousX) {
        gammaTerms = logGamma(px + q) - logGamma(px);
        previousX = x[i];
      }
      ll += gammaTerms + px * (logM[i] + logX[i]) - (px + q) * Math.log(x[i] * m[i] + gamma);
    }
    return -ll;
  };
  const estimate = maximizeLikelihood(
    { negLogLikelihood, nCustomers: n, start: Float64Array.from([0, Math.log(2), Math.log(meanM)]) },
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
