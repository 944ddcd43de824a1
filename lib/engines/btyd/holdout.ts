import { EngineError } from '../errors';
import { requireUsablePurchaseFit } from './degenerate-fit';
import { expectedSpendPerPurchase } from './expected-spend';
import { fitSpendModel } from './gamma-gamma';
import { fitPurchaseModel, predictConditionalPurchases } from './purchase-model';
import { summarizeCustomers } from './summarize';
import type {
  CustomerSummary,
  ErrorMetrics,
  ForecastScore,
  HoldoutCalibrationRow,
  HoldoutComparison,
  HoldoutOptions,
  HoldoutPeriod,
  HoldoutResult,
  PurchaseColumns,
  PurchaseModelFit,
  SpendModelResult,
} from './types';

/** Rows of the calibration table: x = 0 .. 6 and one row for x >= 7. */
export const CALIBRATION_TABLE_TOP = 7;

export type HoldoutSummary = Pick<CustomerSummary, 'x' | 'T' | 'meanValue' | 'holdout'>;

export function errorMetrics(predicted: Float64Array, actual: Float64Array): ErrorMetrics {
  const n = predicted.length;
  let absolute = 0;
  let squared = 0;
  let signed = 0;
  for (let i = 0; i < n; i++) {
    const e = predicted[i] - actual[i];
    absolute += Math.abs(e);
    squared += e * e;
    signed += e;
  }
  return { mae: absolute / n, rmse: Math.sqrt(squared / n), bias: signed / n };
}

function total(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum;
}

/**
 * Naive baseline: each customer keeps buying at the calibration repeat rate x / T (0 when
 * T = 0) over the holdout, spending their observed mean value per purchase day (all
 * calibration purchase days, the first included).
 */
export function naiveHoldoutForecast(summary: HoldoutSummary): { purchases: Float64Array; spend: Float64Array } {
  const holdout = requireHoldout(summary);
  const n = summary.x.length;
  const purchases = new Float64Array(n);
  const spend = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    purchases[i] = summary.T[i] > 0 ? (summary.x[i] / summary.T[i]) * holdout.length : 0;
    spend[i] = purchases[i] * summary.meanValue[i];
  }
  return { purchases, spend };
}

function requireHoldout(summary: HoldoutSummary): NonNullable<CustomerSummary['holdout']> {
  if (!summary.holdout) throw new EngineError('INVALID_INPUT', 'The summary has no holdout period; summarise with a calibrationEnd.');
  return summary.holdout;
}

/** Scores per-customer holdout predictions and the naive baseline against the holdout actuals. */
export function compareHoldout(summary: HoldoutSummary, predictedPurchases: Float64Array, predictedSpend: Float64Array): HoldoutComparison {
  const holdout = requireHoldout(summary);
  const n = summary.x.length;
  if (n === 0) throw new EngineError('NO_CUSTOMERS', 'There are no customers to compare.');
  if (predictedPurchases.length !== n || predictedSpend.length !== n || holdout.purchases.length !== n || summary.meanValue.length !== n) {
    throw new EngineError('INVALID_INPUT', `Predictions and actuals must have one entry per customer (${n}).`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(predictedPurchases[i]) || !Number.isFinite(predictedSpend[i])) {
      throw new EngineError('INVALID_INPUT', `Customer row ${i} has a non-finite prediction.`, { row: i });
    }
  }
  const naive = naiveHoldoutForecast(summary);
  const score = (purchases: Float64Array, spend: Float64Array): ForecastScore => ({
    purchases: errorMetrics(purchases, holdout.purchases),
    spend: errorMetrics(spend, holdout.spend),
    totalPurchases: total(purchases),
    totalSpend: total(spend),
  });

  const buckets = CALIBRATION_TABLE_TOP + 1;
  const customers = new Float64Array(buckets);
  const actual = new Float64Array(buckets);
  const predicted = new Float64Array(buckets);
  const naiveSum = new Float64Array(buckets);
  for (let i = 0; i < n; i++) {
    const k = Math.min(summary.x[i], CALIBRATION_TABLE_TOP);
    customers[k]++;
    actual[k] += holdout.purchases[i];
    predicted[k] += predictedPurchases[i];
    naiveSum[k] += naive.purchases[i];
  }
  const calibrationTable: HoldoutCalibrationRow[] = [];
  for (let k = 0; k < buckets; k++) {
    if (customers[k] === 0) continue;
    calibrationTable.push({
      x: k,
      label: k === CALIBRATION_TABLE_TOP ? `${k}+` : String(k),
      customers: customers[k],
      meanActual: actual[k] / customers[k],
      meanPredicted: predicted[k] / customers[k],
      meanNaive: naiveSum[k] / customers[k],
    });
  }
  return {
    holdoutLength: holdout.length,
    model: score(predictedPurchases, predictedSpend),
    naive: score(naive.purchases, naive.spend),
    actual: { totalPurchases: total(holdout.purchases), totalSpend: total(holdout.spend) },
    calibrationTable,
    naivePurchases: naive.purchases,
    naiveSpend: naive.spend,
  };
}

/**
 * Holdout validation: summarise calibration and holdout, fit the purchase and spend models on
 * the calibration period, predict each customer's holdout purchases (conditional expectation
 * over the holdout length) and spend (purchases x expected value per purchase), and score them
 * and the naive baseline. A degenerate calibration fit (see findDegeneracy) throws EngineError
 * DEGENERATE_DATA with the reason, as fitLifetimeValue does.
 * @throws EngineError NO_CUSTOMERS, TOO_FEW_CUSTOMERS, DEGENERATE_DATA, INVALID_INPUT, INVALID_OPTION
 * @example
 * const result = evaluateHoldout(purchases, { nCustomers, calibrationEnd, observationEnd, unit: 'weeks' });
 * result.model.purchases.mae; result.naive.purchases.mae; result.calibrationTable;
 */
export function evaluateHoldout(purchases: PurchaseColumns, period: HoldoutPeriod, options: HoldoutOptions = {}): HoldoutResult {
  const { model = 'bgnbd', spendPenalizer = 0, ...fitOptions } = options;
  const summary = summarizeCustomers(purchases, period);
  requireHoldout(summary);
  const purchaseFit = requireUsablePurchaseFit(fitPurchaseModel(model, summary, fitOptions));
  const spend = fitSpendModel(summary, { ...fitOptions, penalizer: spendPenalizer });
  return scoreHoldoutFit(summary, purchaseFit, spend);
}

/**
 * The holdout part of evaluateHoldout for a purchase fit and spend model already fitted on the
 * summary's calibration period: predictions over the holdout length, scores and warnings.
 * @throws EngineError INVALID_INPUT when the summary has no holdout period
 */
export function scoreHoldoutFit(summary: CustomerSummary, purchaseFit: PurchaseModelFit, spend: SpendModelResult): HoldoutResult {
  const holdout = requireHoldout(summary);
  const predictedPurchases = predictConditionalPurchases(purchaseFit, summary, holdout.length);
  const spendPerPurchase = new Float64Array(predictedPurchases.length);
  const fallbacks = expectedSpendPerPurchase(spend.status === 'fitted' ? spend.fit.params : null, summary, spendPerPurchase);
  const predictedSpend = predictedPurchases.map((p, i) => p * spendPerPurchase[i]);
  const warnings = [...purchaseFit.warnings];
  if (spend.status === 'fitted') warnings.push(...spend.fit.warnings);
  else warnings.push(`Spend model skipped (${spend.reason}); holdout spend uses each customer's observed mean purchase value.`);
  if (spend.status === 'fitted' && fallbacks > 0) warnings.push(`${fallbacks} customers use their observed mean purchase value for spend.`);
  return {
    unit: summary.unit,
    calibrationEnd: summary.periodEnd,
    observationEnd: summary.observationEnd,
    nCustomers: summary.x.length,
    excludedLateCustomers: summary.excludedLateCustomers,
    purchaseFit,
    spend,
    customer: summary.customer,
    predictedPurchases,
    predictedSpend,
    warnings,
    ...compareHoldout(summary, predictedPurchases, predictedSpend),
  };
}
