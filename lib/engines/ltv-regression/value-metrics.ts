import { EngineError } from '../errors';
import { errorMetrics } from '../btyd/holdout';

/** How one forecast of holdout-period spend per customer scores against what customers spent. */
export interface ValueForecastScore {
  /** 1 - residual sum of squares / total sum of squares around the mean actual; null when every actual is the same. */
  r2: number | null;
  mae: number;
  rmse: number;
  /** Mean predicted minus mean actual spend per customer. */
  bias: number;
  /** Share of the holdout revenue bought by the top 10 % of customers by prediction; null when the revenue is not positive. */
  top10: number | null;
  /** The same for the top 20 %. */
  top20: number | null;
}

function requireAligned(predicted: Float64Array, actual: Float64Array): void {
  if (predicted.length === 0) throw new EngineError('NO_CUSTOMERS', 'There are no customers to score.');
  if (predicted.length !== actual.length) {
    throw new EngineError('INVALID_INPUT', `Predictions and actuals must have one entry per customer (got ${predicted.length} and ${actual.length}).`);
  }
  for (let i = 0; i < predicted.length; i++) {
    if (!Number.isFinite(predicted[i]) || !Number.isFinite(actual[i])) {
      throw new EngineError('INVALID_INPUT', `Customer row ${i} has a non-finite prediction or actual.`, { row: i });
    }
  }
}

/**
 * Coefficient of determination of predictions against actuals: 1 - SS_res / SS_tot. Negative when
 * the forecast is worse than predicting the mean actual for everyone; null when SS_tot is 0.
 * @throws EngineError NO_CUSTOMERS for empty input, INVALID_INPUT for unequal lengths or non-finite values
 * @example
 * rSquared(Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 4)); // 1 - 1 / (14 / 3) = 0.7857
 */
export function rSquared(predicted: Float64Array, actual: Float64Array): number | null {
  requireAligned(predicted, actual);
  const n = actual.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += actual[i];
  mean /= n;
  let residual = 0;
  let totalSquares = 0;
  for (let i = 0; i < n; i++) {
    residual += (actual[i] - predicted[i]) ** 2;
    totalSquares += (actual[i] - mean) ** 2;
  }
  return totalSquares > 0 ? 1 - residual / totalSquares : null;
}

/**
 * Share of the total actual value bought by the top `share` of customers ranked by prediction
 * (ceil(share x n) customers; equal predictions ranked by `order`, lower first, e.g. the customer
 * index, which follows the customer id). Null when the total actual value is not positive.
 * @throws EngineError INVALID_OPTION when share is not in (0, 1]; as rSquared for the arrays
 * @example
 * topShareCaptured(Float64Array.of(9, 1, 5), Float64Array.of(10, 0, 30), 0.5); // top 2 of 3: (10 + 30) / 40 = 1
 */
export function topShareCaptured(predicted: Float64Array, actual: Float64Array, share: number, order?: Int32Array): number | null {
  requireAligned(predicted, actual);
  if (!(share > 0 && share <= 1)) throw new EngineError('INVALID_OPTION', `share must be in (0, 1], got ${share}.`);
  const n = actual.length;
  if (order !== undefined && order.length !== n) throw new EngineError('INVALID_INPUT', `order must have one entry per customer (${n}).`);
  let total = 0;
  for (let i = 0; i < n; i++) total += actual[i];
  if (!(total > 0)) return null;
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const key = order ?? rows;
  rows.sort((i, j) => predicted[j] - predicted[i] || key[i] - key[j]);
  const top = Math.ceil(share * n - 1e-9);
  let captured = 0;
  for (let k = 0; k < top; k++) captured += actual[rows[k]];
  return captured / total;
}

/** R², MAE, RMSE, bias and the top 10 % / 20 % revenue capture of one spend forecast. */
export function scoreValueForecast(predicted: Float64Array, actual: Float64Array, order?: Int32Array): ValueForecastScore {
  const r2 = rSquared(predicted, actual);
  const { mae, rmse, bias } = errorMetrics(predicted, actual);
  return { r2, mae, rmse, bias, top10: topShareCaptured(predicted, actual, 0.1, order), top20: topShareCaptured(predicted, actual, 0.2, order) };
}
