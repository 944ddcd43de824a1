export * from './pipeline';
export { readTransactions, type IngestOptions, type IngestReport, type TransactionTable } from './ingest';
export { cleanTransactions, DROP_REASON_LABELS, type CleaningReport } from './clean';
export { computeCustomerFeatures, DEFAULT_PRODUCT_CATEGORIES, type CustomerFeatures, type ProductCategory } from './features';
export { scoreRfm, churnStatus, topCustomers, DEFAULT_SEGMENT_RULES, DEFAULT_SEGMENT_ACTIONS, type SegmentRule } from './rfm';
export { runClustering, type RunClusteringResult, type ClusterProfile } from './clustering';
export { fitLifetimeValue, evaluateHoldout, summarizeCustomers, type LifetimeValueResult, type HoldoutResult } from './btyd';
export { EngineError, isEngineError, type EngineErrorCode } from './errors';
export { createRng } from './random';
