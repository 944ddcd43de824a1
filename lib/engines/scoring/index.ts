export { buildRunModels } from './build-run-models';
export { scoreCustomers, type ScoreCustomersOptions, type ScoredCustomers, type ScoredClusters } from './score-customers';
export { writeScoredRows, scoredColumnNames } from './write-scored-rows';
export { RUN_MODELS_VERSION, type RunModels, type StoredClusterModel, type StoredScoreRule } from './types';
