import { EngineError } from '../errors';
import { assertSeed } from './derive-seed';
import { assertPositiveInteger, kmeans, validateK } from './kmeans';
import type { FeatureMatrix, GmmOptions, GmmResult } from './types';
import { mergeOptions } from '../merge-options';

export const DEFAULT_GMM_OPTIONS: Required<Omit<GmmOptions, 'initLabels'>> = {
  seed: 1,
  maxIterations: 100,
  tolerance: 1e-3,
  regCovar: 1e-6,
  initRestarts: 1,
};

const LOG_2PI = Math.log(2 * Math.PI);
// scikit-learn adds 10 machine epsilons to every component weight so an empty component does not divide by zero.
const WEIGHT_FLOOR = 10 * Number.EPSILON;

/**
 * Gaussian mixture with full covariances fitted by EM, started from a k-means
 * partition. Each covariance gets regCovar added to its diagonal; iterations stop
 * when the mean log-likelihood per customer changes by less than `tolerance`.
 * Parameters are counted as in scikit-learn (k - 1 + k d + k d (d + 1) / 2) for BIC and AIC.
 * @example
 * const { labels, probabilities, bic } = gmm(matrix, 3, { seed: 7 });
 */
export function gmm(matrix: FeatureMatrix, k: number, options: GmmOptions = {}): GmmResult {
  const { initLabels, ...rest } = options;
  const opts = mergeOptions(DEFAULT_GMM_OPTIONS, rest);
  assertSeed(opts.seed);
  assertPositiveInteger(opts.maxIterations, 'maxIterations');
  assertPositiveInteger(opts.initRestarts, 'initRestarts');
  if (!(opts.tolerance >= 0)) {
    throw new EngineError('INVALID_OPTION', `tolerance must be zero or more; got ${opts.tolerance}.`);
  }
  if (!(opts.regCovar >= 0)) {
    throw new EngineError('INVALID_OPTION', `regCovar must be zero or more; got ${opts.regCovar}.`);
  }
  validateK(matrix, k);
  const { n, d } = matrix;
  if (initLabels !== undefined && initLabels.length !== n) {
    throw new EngineError('INVALID_OPTION', `initLabels has ${initLabels.length} entries for ${n} customers.`);
  }

  const start =
    initLabels ??
    (k === 1 ? new Int32Array(n) : kmeans(matrix, k, { seed: opts.seed, restarts: opts.initRestarts }).labels);
  const resp = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const c = start[i];
    if (!Number.isInteger(c) || c < 0 || c >= k) {
      throw new EngineError('INVALID_OPTION', `initLabels must be cluster numbers 0..${k - 1}; found ${c}.`);
    }
    resp[i * k + c] = 1;
  }

  const weights = new Float64Array(k);
  const means = new Float64Array(k * d);
  const covariances = new Float64Array(k * d * d);
  const cholesky = new Float64Array(k * d * d);
  const logDet = new Float64Array(k);
  const logProb = new Float64Array(n * k);

  maximise(matrix, k, resp, opts.regCovar, weights, means, covariances);
  let previous = -Infinity;
  let iterations = 0;
  let converged = false;
  while (iterations < opts.maxIterations) {
    iterations++;
    const meanLogLikelihood = expectation(matrix, k, weights, means, covariances, cholesky, logDet, logProb, resp) / n;
    maximise(matrix, k, resp, opts.regCovar, weights, means, covariances);
    if (Math.abs(meanLogLikelihood - previous) < opts.tolerance) {
      converged = true;
      break;
    }
    previous = meanLogLikelihood;
  }
  // A last E-step so labels and probabilities belong to the returned parameters.
  const logLikelihood = expectation(matrix, k, weights, means, covariances, cholesky, logDet, logProb, resp);

  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (resp[i * k + c] > resp[i * k + best]) best = c;
    labels[i] = best;
  }
  const parameters = k - 1 + k * d + (k * d * (d + 1)) / 2;
  return {
    k,
    labels,
    probabilities: resp,
    weights,
    means,
    covariances,
    logLikelihood,
    bic: -2 * logLikelihood + parameters * Math.log(n),
    aic: -2 * logLikelihood + 2 * parameters,
    iterations,
    converged,
  };
}

/** M-step: weights, means and regularised covariances from responsibilities. */
function maximise(
  matrix: FeatureMatrix,
  k: number,
  resp: Float64Array,
  regCovar: number,
  weights: Float64Array,
  means: Float64Array,
  covariances: Float64Array,
): void {
  const { n, d, data } = matrix;
  weights.fill(WEIGHT_FLOOR);
  means.fill(0);
  covariances.fill(0);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c];
      if (r === 0) continue;
      weights[c] += r;
      for (let j = 0; j < d; j++) means[c * d + j] += r * data[i * d + j];
    }
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) means[c * d + j] /= weights[c];
  const diff = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c];
      if (r === 0) continue;
      for (let j = 0; j < d; j++) diff[j] = data[i * d + j] - means[c * d + j];
      const base = c * d * d;
      for (let a = 0; a < d; a++) {
        const ra = r * diff[a];
        for (let b = 0; b <= a; b++) covariances[base + a * d + b] += ra * diff[b];
      }
    }
  }
  let total = 0;
  for (let c = 0; c < k; c++) {
    const base = c * d * d;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        const value = covariances[base + a * d + b] / weights[c] + (a === b ? regCovar : 0);
        covariances[base + a * d + b] = value;
        covariances[base + b * d + a] = value;
      }
    }
    total += weights[c];
  }
  for (let c = 0; c < k; c++) weights[c] /= total;
}

/** E-step: responsibilities in place; returns the total log-likelihood. */
function expectation(
  matrix: FeatureMatrix,
  k: number,
  weights: Float64Array,
  means: Float64Array,
  covariances: Float64Array,
  cholesky: Float64Array,
  logDet: Float64Array,
  logProb: Float64Array,
  resp: Float64Array,
): number {
  const { n, d, data } = matrix;
  for (let c = 0; c < k; c++) logDet[c] = choleskyInto(covariances, cholesky, c * d * d, d, c);
  const z = new Float64Array(d);
  for (let c = 0; c < k; c++) {
    const base = c * d * d;
    const constant = Math.log(weights[c]) - 0.5 * (d * LOG_2PI + logDet[c]);
    for (let i = 0; i < n; i++) {
      // Solve L z = x - mean; |z|^2 is the squared Mahalanobis distance.
      let mahalanobis = 0;
      for (let a = 0; a < d; a++) {
        let value = data[i * d + a] - means[c * d + a];
        for (let b = 0; b < a; b++) value -= cholesky[base + a * d + b] * z[b];
        z[a] = value / cholesky[base + a * d + a];
        mahalanobis += z[a] * z[a];
      }
      logProb[i * k + c] = constant - 0.5 * mahalanobis;
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (logProb[i * k + c] > max) max = logProb[i * k + c];
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(logProb[i * k + c] - max);
    const logSum = max + Math.log(sum);
    total += logSum;
    for (let c = 0; c < k; c++) resp[i * k + c] = Math.exp(logProb[i * k + c] - logSum);
  }
  return total;
}

/** Lower Cholesky factor of the d x d block at `base`, written to `out`; returns log det. */
function choleskyInto(source: Float64Array, out: Float64Array, base: number, d: number, component: number): number {
  let logDet = 0;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      let sum = source[base + a * d + b];
      for (let t = 0; t < b; t++) sum -= out[base + a * d + t] * out[base + b * d + t];
      if (a === b) {
        if (!(sum > 0)) {
          throw new EngineError(
            'FIT_FAILED',
            `Gaussian mixture component ${component} collapsed onto too few distinct customers; ` +
              'increase regCovar or lower k.',
            { component },
          );
        }
        out[base + a * d + a] = Math.sqrt(sum);
        logDet += 2 * Math.log(out[base + a * d + a]);
      } else {
        out[base + a * d + b] = sum / out[base + b * d + b];
      }
    }
  }
  return logDet;
}
