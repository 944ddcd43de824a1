import { EngineError, isEngineError, type EngineErrorCode } from '../errors';
import { requireUsablePurchaseFit } from './degenerate-fit';
import { fitSpendModel } from './gamma-gamma';
import { scoreHoldoutFit } from './holdout';
import { fitPurchaseModel, PURCHASE_MODEL_LABEL, PURCHASE_MODEL_NAMES } from './purchase-model';
import { summarizeCustomers } from './summarize';
import type {
  CustomerSummary,
  FitOptions,
  HoldoutPeriod,
  HoldoutResult,
  PurchaseColumns,
  PurchaseModel,
  PurchaseModelFit,
  SpendModelResult,
  TimeUnit,
} from './types';

// MAEs within this relative distance of the lowest count as tied: differences at the level of the
// optimiser's tolerance (models that reach the same no-dropout limit) should not pick the winner.
/** Holdout MAEs within this relative distance of the lowest count as a tie (broken by model order). */
export const TIE_TOLERANCE = 1e-6;

export interface ComparePurchaseModelsOptions extends FitOptions {
  /** Models to compare, in the order that breaks ties. Default: BG/NBD, MBG/NBD, Pareto/NBD. */
  models?: readonly PurchaseModel[];
  /** Penalty for the Gamma-Gamma fit. Default 0. */
  spendPenalizer?: number;
  /** Fits a model on the calibration summary; default fitPurchaseModel (a caller may have fitted them already, e.g. on other threads). */
  fitModel?: (model: PurchaseModel, summary: CustomerSummary, options: FitOptions) => PurchaseModelFit;
}

/** Whether a forecast's mean absolute error is below the naive baseline's. */
export interface BeatsNaive {
  purchases: boolean;
  spend: boolean;
}

/** One model on the holdout: scored (its calibration fit and holdout result), or failed with the reason. */
export type PurchaseModelComparison =
  | { model: PurchaseModel; status: 'done'; result: HoldoutResult; beatsNaive: BeatsNaive }
  | { model: PurchaseModel; status: 'failed'; reason: string; code: EngineErrorCode };

export interface ComparePurchaseModelsResult {
  unit: TimeUnit;
  /** Day boundaries (exclusive) of the calibration period and of the data, as summarised. */
  calibrationEnd: number;
  observationEnd: number;
  /** Holdout length in `unit`. */
  holdoutLength: number;
  /** Customers with a purchase in the calibration period. */
  nCustomers: number;
  /** The spend model, fitted once on the calibration period and shared by every model's spend forecast. */
  spend: SpendModelResult;
  /** One entry per requested model, in the requested order. */
  models: PurchaseModelComparison[];
  /**
   * The scored model with the lowest holdout purchase MAE; ties (MAEs within a relative 1e-6 of
   * the lowest) go to the earlier model in `models`.
   */
  best: { model: PurchaseModel; beatsNaive: BeatsNaive };
}

function resolveModels(models: readonly PurchaseModel[]): readonly PurchaseModel[] {
  if (models.length === 0) throw new EngineError('INVALID_OPTION', 'models must name at least one purchase model.');
  for (const model of models) {
    if (!(PURCHASE_MODEL_NAMES as readonly string[]).includes(model)) {
      throw new EngineError('INVALID_OPTION', `Unknown purchase model ${JSON.stringify(model)}; use 'bgnbd', 'mbgnbd' or 'pnbd'.`);
    }
  }
  if (new Set(models).size !== models.length) throw new EngineError('INVALID_OPTION', 'models must not name a purchase model twice.');
  return models;
}

/**
 * Scores several purchase models on one holdout split: summarises calibration and holdout once,
 * fits the spend model once, fits each purchase model on the calibration period and predicts each
 * customer's holdout purchases and spend exactly as evaluateHoldout does (same numbers), then
 * picks the model with the lowest holdout purchase MAE (mean absolute error per customer; MAEs
 * within a relative 1e-6 of the lowest are ties, won by the earlier model in `options.models`).
 * A model whose fit throws an EngineError (too few customers, degenerate fit, ...) is reported as
 * failed with its reason; an INVALID_OPTION or non-engine error still throws.
 * @throws EngineError DEGENERATE_DATA (every reason listed) when no model could be scored, or the models' own code when they all failed for one reason (e.g. TOO_FEW_CUSTOMERS); as
 *   summarizeCustomers for the period; INVALID_OPTION for an empty, repeated or unknown model list
 * @example
 * const comparison = comparePurchaseModels(purchases, { nCustomers, calibrationEnd, observationEnd, unit: 'weeks' }, { seed: 1 });
 * comparison.best.model; // e.g. 'mbgnbd'
 * comparison.models.map((m) => (m.status === 'done' ? m.result.model.purchases.mae : m.reason));
 */
export function comparePurchaseModels(
  purchases: PurchaseColumns,
  period: HoldoutPeriod,
  options: ComparePurchaseModelsOptions = {},
): ComparePurchaseModelsResult {
  const { models = PURCHASE_MODEL_NAMES, spendPenalizer = 0, fitModel = fitPurchaseModel, ...fitOptions } = options;
  const order = resolveModels(models);
  const summary = summarizeCustomers(purchases, period);
  if (!summary.holdout) throw new EngineError('INVALID_INPUT', 'The summary has no holdout period; give a calibrationEnd.');
  const spend = fitSpendModel(summary, { ...fitOptions, penalizer: spendPenalizer });
  const compared = order.map((model): PurchaseModelComparison => {
    try {
      const fit = requireUsablePurchaseFit(fitModel(model, summary, fitOptions));
      const result = scoreHoldoutFit(summary, fit, spend);
      const beatsNaive = { purchases: result.model.purchases.mae < result.naive.purchases.mae, spend: result.model.spend.mae < result.naive.spend.mae };
      return { model, status: 'done', result, beatsNaive };
    } catch (error) {
      if (isEngineError(error) && error.code !== 'INVALID_OPTION') return { model, status: 'failed', reason: error.message, code: error.code };
      throw error;
    }
  });
  let lowest = Infinity;
  for (const entry of compared) if (entry.status === 'done') lowest = Math.min(lowest, entry.result.model.purchases.mae);
  const best = compared.find(
    (entry): entry is Extract<PurchaseModelComparison, { status: 'done' }> =>
      entry.status === 'done' && entry.result.model.purchases.mae <= lowest * (1 + TIE_TOLERANCE),
  );
  if (best === undefined) {
    const reasons = compared.map((entry) => (entry.status === 'failed' ? `${PURCHASE_MODEL_LABEL[entry.model]}: ${entry.reason}` : '')).join(' ');
    // One cause for every model (e.g. too few customers) keeps its own code.
    const codes = new Set(compared.map((entry) => (entry.status === 'failed' ? entry.code : 'DEGENERATE_DATA')));
    const code = codes.size === 1 ? [...codes][0] : 'DEGENERATE_DATA';
    throw new EngineError(code, `No purchase model could be fitted on the calibration period. ${reasons}`);
  }
  return {
    unit: summary.unit,
    calibrationEnd: summary.periodEnd,
    observationEnd: summary.observationEnd,
    holdoutLength: summary.holdout.length,
    nCustomers: summary.x.length,
    spend,
    models: compared,
    best: { model: best.model, beatsNaive: best.beatsNaive },
  };
}
