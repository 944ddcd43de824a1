export {
  compareValueModels,
  DEFAULT_COMPARE_VALUE_MODELS_OPTIONS,
  MIN_TRAINING_CUSTOMERS,
  VALUE_MODELS,
  type CompareValueModelsOptions,
  type CompareValueModelsResult,
  type HoldoutForecasts,
  type ValueModel,
  type ValueModelScore,
} from './compare-value-models';
export { valueFeatures, VALUE_FEATURES, type ValueFeature, type ValueFeatureRows } from './value-features';
export { rSquared, scoreValueForecast, topShareCaptured, type ValueForecastScore } from './value-metrics';
