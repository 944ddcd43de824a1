import { EngineError } from '../errors';
import { gmm } from './gmm';
import type { FeatureMatrix, GmmKEntry, GmmResult, SelectGmmKOptions, SelectGmmKResult } from './types';

/**
 * Fit a Gaussian mixture for every k in kMin..kMax (default 1..10, capped at n)
 * and keep the one with the lowest BIC (the smaller k on ties).
 * @example
 * const { bestK, best } = selectGmmK(matrix, { kMin: 1, kMax: 6, seed: 3 });
 */
export function selectGmmK(matrix: FeatureMatrix, options: SelectGmmKOptions = {}): SelectGmmKResult {
  const { kMin = 1, kMax = Math.max(kMin, Math.min(10, matrix.n)), ...gmmOptions } = options;
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 1 || kMax < kMin) {
    throw new EngineError(
      'INVALID_OPTION',
      `The k range for the Gaussian mixture must be whole numbers with 1 <= kMin <= kMax; got ${kMin}..${kMax}.`,
    );
  }
  const entries: GmmKEntry[] = [];
  let best: GmmResult | null = null;
  for (let k = kMin; k <= kMax; k++) {
    const fit = gmm(matrix, k, gmmOptions);
    entries.push({ k, logLikelihood: fit.logLikelihood, bic: fit.bic, aic: fit.aic, converged: fit.converged });
    if (best === null || fit.bic < best.bic) best = fit;
  }
  if (best === null) throw new EngineError('FIT_FAILED', 'No Gaussian mixture was fitted.');
  return { entries, bestK: best.k, best };
}
