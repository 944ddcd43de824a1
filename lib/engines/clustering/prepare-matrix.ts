import { EngineError } from '../errors';
import type { CustomerColumns, PreparedMatrix, PrepareMatrixOptions } from './types';

export const DEFAULT_FEATURES: readonly string[] = ['recency', 'frequency', 'monetary'];

/**
 * Build the standardised feature matrix clustering runs on: optional log1p
 * (negatives clamped at 0), then z-scores; a constant column becomes all zeros.
 * @example
 * const { matrix } = prepareMatrix({ recency, frequency, monetary }, { log: true });
 */
export function prepareMatrix(columns: CustomerColumns, options: PrepareMatrixOptions = {}): PreparedMatrix {
  const features = options.features ?? [...DEFAULT_FEATURES];
  const log = options.log ?? true;
  if (features.length === 0) {
    throw new EngineError('INVALID_OPTION', 'Choose at least one feature to cluster on.');
  }
  if (new Set(features).size !== features.length) {
    throw new EngineError('INVALID_OPTION', `Each feature may be chosen once; got ${features.join(', ')}.`);
  }
  const missing = features.filter((name) => !(name in columns));
  if (missing.length > 0) {
    throw new EngineError('MISSING_COLUMNS', `No column named ${missing.join(', ')} to cluster on.`, { missing });
  }
  const n = columns[features[0]].length;
  for (const name of features) {
    if (columns[name].length !== n) {
      throw new EngineError(
        'INVALID_INPUT',
        `Column ${name} has ${columns[name].length} values but ${features[0]} has ${n}.`,
      );
    }
  }
  if (n === 0) throw new EngineError('NO_CUSTOMERS', 'There are no customers to cluster.');

  const d = features.length;
  const data = new Float64Array(n * d);
  const means = new Float64Array(d);
  const stds = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const column = columns[features[j]];
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let v = column[i];
      if (!Number.isFinite(v)) {
        throw new EngineError('INVALID_INPUT', `Column ${features[j]} has a missing or infinite value at row ${i}.`);
      }
      if (log) v = Math.log1p(v > 0 ? v : 0);
      data[i * d + j] = v;
      sum += v;
    }
    const mean = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const diff = data[i * d + j] - mean;
      squares += diff * diff;
    }
    const std = Math.sqrt(squares / n);
    // Rounding leaves a tiny spread on constant columns; treat it as none.
    const constant = std <= 1e-12 * Math.max(1, Math.abs(mean));
    means[j] = mean;
    stds[j] = constant ? 0 : std;
    for (let i = 0; i < n; i++) {
      data[i * d + j] = constant ? 0 : (data[i * d + j] - mean) / std;
    }
  }
  return { matrix: { n, d, data, names: [...features] }, means, stds, log };
}
