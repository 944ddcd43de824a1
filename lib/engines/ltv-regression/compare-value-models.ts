import MultivariateLinearRegression from 'ml-regression-multivariate-linear';
import { summarizeCustomers } from '../btyd/summarize';
import type { PurchaseColumns, TimeUnit } from '../btyd/types';
import { DAY_MS, isoDay as isoDayMs } from '../calendar';
import { EngineError } from '../errors';
import { mergeOptions } from '../merge-options';
import { createRng } from '../random';
import { predictRandomForest, trainRandomForest } from './random-forest';
import { valueFeatures, VALUE_FEATURES } from './value-features';
import { scoreValueForecast, type ValueForecastScore } from './value-metrics';

export const VALUE_MODELS = ['random-forest', 'linear', 'btyd', 'naive'] as const;
export type ValueModel = (typeof VALUE_MODELS)[number];

export interface CompareValueModelsOptions {
  seed: number;
  /** Most customers the regressors train on, drawn with the seed; the rest are left out of training only. */
  maxTrainingRows: number;
  /** Trees of the random forest. */
  trees: number;
  maxDepth: number;
  /** A tree node with this many customers or fewer becomes a leaf. */
  minLeafRows: number;
}

export const DEFAULT_COMPARE_VALUE_MODELS_OPTIONS: CompareValueModelsOptions = { seed: 42, maxTrainingRows: 800, trees: 20, maxDepth: 6, minLeafRows: 20 };

/** Fewest customers in the training window for the regressors to be worth training. */
export const MIN_TRAINING_CUSTOMERS = 30;

/** The holdout split and the probabilistic forecasts the holdout section already made on it (see scoreHoldoutFit). */
export interface HoldoutForecasts {
  nCustomers: number;
  unit: TimeUnit;
  /** Day boundaries (exclusive): first holdout day and end of the data. */
  calibrationEnd: number;
  observationEnd: number;
  /** Customer index of each holdout row. */
  customer: Int32Array;
  /** The purchase model + Gamma-Gamma's holdout spend per row, and its name. */
  predictedSpend: Float64Array;
  modelLabel: string;
  /** The naive baseline's holdout spend per row. */
  naiveSpend: Float64Array;
}

export interface ValueModelScore extends ValueForecastScore {
  model: ValueModel;
  label: string;
  /** Sum of the predictions over the scored customers. */
  totalPredicted: number;
}

export interface CompareValueModelsResult {
  seed: number;
  unit: TimeUnit;
  /** Day boundaries (exclusive): training features end, training target = [trainingEnd, calibrationEnd), scored on [calibrationEnd, observationEnd). */
  trainingEnd: number;
  calibrationEnd: number;
  observationEnd: number;
  holdoutDays: number;
  /** Customers scored (the holdout section's customers). */
  customers: number;
  /** Customers with a purchase before trainingEnd, and how many of them the regressors trained on. */
  trainingCustomers: number;
  trainingRows: number;
  features: readonly string[];
  /** Total actual holdout spend of the scored customers. */
  actualTotal: number;
  /** Random forest, linear regression, the purchase model + Gamma-Gamma, the naive baseline, in that order. */
  models: ValueModelScore[];
  /** E.g. "Regressors trained on 1,500 of 3,212 customers (seed 42): features up to 2011-06-01, spend in the next 91 days." */
  trainingNote: string;
}

function sameRows(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Seeded sample of `size` of `n` row indices (partial Fisher-Yates), in ascending order. */
function sampleRows(n: number, size: number, seed: number): Int32Array {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (size >= n) return all;
  const rng = createRng(seed);
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(n - i);
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, size).sort();
}

const isoDay = (day: number) => isoDayMs(day * DAY_MS);

/**
 * Holdout-period spend per customer predicted by a random forest and a linear regression on log
 * features, scored next to the purchase model + Gamma-Gamma and the naive baseline on the holdout
 * split the purchase models use. The regressors never see the holdout: they are trained one
 * holdout length earlier (features from purchases before calibrationEnd - holdout length, target
 * the spend in the following holdout-length window, which ends at calibrationEnd), then predict the
 * holdout from features at calibrationEnd. Training uses at most maxTrainingRows customers drawn
 * with the seed. Same input
 * and seed, same numbers.
 * @throws EngineError INVALID_INPUT when the forecasts do not match the holdout customers;
 *   TOO_FEW_CUSTOMERS when fewer than 30 customers bought before the training window
 * @example
 * const result = compareValueModels(purchases, { nCustomers, unit: 'weeks', calibrationEnd, observationEnd, customer, predictedSpend, modelLabel: 'BG/NBD', naiveSpend });
 * result.models.map((m) => [m.label, m.r2, m.top20]);
 */
export function compareValueModels(
  purchases: PurchaseColumns,
  holdout: HoldoutForecasts,
  options: Partial<CompareValueModelsOptions> = {},
): CompareValueModelsResult {
  const o = mergeOptions(DEFAULT_COMPARE_VALUE_MODELS_OPTIONS, options);
  if (!Number.isInteger(o.maxTrainingRows) || o.maxTrainingRows < MIN_TRAINING_CUSTOMERS) {
    throw new EngineError('INVALID_OPTION', `maxTrainingRows must be a whole number of at least ${MIN_TRAINING_CUSTOMERS}.`);
  }
  if (!Number.isInteger(o.trees) || o.trees < 1) throw new EngineError('INVALID_OPTION', 'trees must be a whole number of at least 1.');
  const { nCustomers, unit, calibrationEnd, observationEnd } = holdout;
  const scored = summarizeCustomers(purchases, { nCustomers, unit, calibrationEnd, observationEnd });
  const actual = scored.holdout!.spend;
  if (!sameRows(scored.customer, holdout.customer) || holdout.predictedSpend.length !== actual.length || holdout.naiveSpend.length !== actual.length) {
    throw new EngineError('INVALID_INPUT', 'The holdout forecasts do not belong to these purchases and this holdout split.');
  }
  const holdoutDays = scored.observationEnd - scored.periodEnd;
  const trainingEnd = scored.periodEnd - holdoutDays;
  let training;
  try {
    training = summarizeCustomers(purchases, { nCustomers, unit, calibrationEnd: trainingEnd, observationEnd: scored.periodEnd });
  } catch (error) {
    if (error instanceof EngineError && error.code === 'NO_CUSTOMERS') training = null;
    else throw error;
  }
  if (training === null || training.x.length < MIN_TRAINING_CUSTOMERS) {
    throw new EngineError(
      'TOO_FEW_CUSTOMERS',
      `Only ${training?.x.length ?? 0} customers bought before ${isoDay(trainingEnd)}, one holdout length before the calibration end; the regressors need at least ${MIN_TRAINING_CUSTOMERS} to learn from.`,
    );
  }
  const rows = sampleRows(training.x.length, Math.min(o.maxTrainingRows, training.x.length), o.seed);
  const trainX = valueFeatures(training, rows);
  const trainY = Array.from(rows, (i) => training.holdout!.spend[i]);
  const scoreX = valueFeatures(scored);

  // Grows ml-random-forest's trees (maxFeatures 4 of 6, rows bagged with replacement) in less time.
  const forest = trainRandomForest(trainX.raw, trainY, {
    seed: Math.abs(Math.floor(o.seed)) % 2_147_483_647,
    trees: o.trees,
    maxFeatures: 4,
    maxDepth: o.maxDepth,
    minLeafRows: o.minLeafRows,
  });
  const forestSpend = predictRandomForest(forest, scoreX.raw);

  const linear = new MultivariateLinearRegression(trainX.log, trainY.map((y) => [y]));
  // A spend forecast below zero means nothing; the floor keeps it a forecast.
  const linearSpend = Float64Array.from(linear.predict(scoreX.log), (row) => Math.max(0, row[0]));

  const forecasts: [ValueModel, string, Float64Array][] = [
    ['random-forest', 'Random forest', forestSpend],
    ['linear', 'Linear regression (log features)', linearSpend],
    ['btyd', `${holdout.modelLabel} + Gamma-Gamma`, holdout.predictedSpend],
    ['naive', 'Naive baseline (past rate)', holdout.naiveSpend],
  ];
  let actualTotal = 0;
  for (const v of actual) actualTotal += v;
  const models = forecasts.map(([model, label, predicted]): ValueModelScore => {
    let totalPredicted = 0;
    for (const v of predicted) totalPredicted += v;
    return { model, label, ...scoreValueForecast(predicted, actual, scored.customer), totalPredicted };
  });
  const count = (n: number) => n.toLocaleString('en-US');
  return {
    seed: o.seed,
    unit,
    trainingEnd,
    calibrationEnd: scored.periodEnd,
    observationEnd: scored.observationEnd,
    holdoutDays,
    customers: actual.length,
    trainingCustomers: training.x.length,
    trainingRows: rows.length,
    features: VALUE_FEATURES,
    actualTotal,
    models,
    trainingNote:
      `Regressors trained on ${count(rows.length)} of ${count(training.x.length)} customers (seed ${o.seed}): ` +
      `features from purchases before ${isoDay(trainingEnd)}, target their spend from ${isoDay(trainingEnd)} to ${isoDay(scored.periodEnd - 1)}; ` +
      `then scored on ${count(actual.length)} customers' spend from ${isoDay(scored.periodEnd)} to ${isoDay(scored.observationEnd - 1)}.`,
  };
}
