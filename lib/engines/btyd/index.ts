export { summarizeCustomers } from './summarize';
export {
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchases,
  fitBgNbd,
} from './bg-nbd';
export {
  fitMbgNbd,
  mbgNbdConditionalExpectedPurchases,
  mbgNbdExpectedPurchases,
  mbgNbdLogLikelihood,
  mbgNbdProbabilityAlive,
  mbgNbdProbabilityOfPurchases,
} from './mbg-nbd';
export {
  fitParetoNbd,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdExpectedPurchases,
  paretoNbdExpectedPurchasesIfAlive,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
  paretoNbdProbabilityAliveEvaluator,
} from './pareto-nbd';
export {
  DROPOUT_PARAMETERS,
  fitPurchaseModel,
  predictConditionalPurchases,
  predictProbabilityAlive,
  PURCHASE_MODEL_LABEL,
  PURCHASE_MODEL_NAMES,
} from './purchase-model';
export {
  fitGammaGamma,
  fitSpendModel,
  gammaGammaConditionalExpectedSpend,
  gammaGammaLogLikelihood,
  MIN_SPEND_MODEL_CUSTOMERS,
} from './gamma-gamma';
export { expectedSpendPerPurchase } from './expected-spend';
export { computeClv, DEFAULT_CLV_OPTIONS, type ClvData, type ClvPurchaseModel, type ClvSpendModel } from './clv';
export { compareHoldout, errorMetrics, evaluateHoldout, naiveHoldoutForecast, scoreHoldoutFit, CALIBRATION_TABLE_TOP, type HoldoutSummary } from './holdout';
export {
  comparePurchaseModels,
  TIE_TOLERANCE,
  type BeatsNaive,
  type ComparePurchaseModelsOptions,
  type ComparePurchaseModelsResult,
  type PurchaseModelComparison,
} from './compare-purchase-models';
export { findDegeneracy, requireUsablePurchaseFit, type DegeneracyCheck } from './degenerate-fit';
export { DROPOUT_NOT_IDENTIFIED } from './fit-repeat-purchase-model';
export { DEFAULT_LIFETIME_VALUE_OPTIONS, fitLifetimeValue } from './fit-lifetime-value';
export { simulateMeanRepeatValues, simulateParetoNbdPurchases, simulatePurchases, type SimulatedPurchases, type SimulatePurchasesOptions } from './simulate';
export { hyp2f1, logBeta, logGamma } from './special-functions';
export { MIN_PURCHASE_MODEL_CUSTOMERS } from './repeat-data';
export { DEFAULT_FIT_OPTIONS, identifyParameters } from './maximum-likelihood';
export { daysToUnit } from './time-unit';
export * from './types';
