export type {
  ChurnStatusInput,
  ChurnStatusLabel,
  ChurnStatusOptions,
  ChurnStatusResult,
  RfmBreaks,
  RfmCutPoints,
  RfmDimension,
  RfmInput,
  Score,
  ScoreCutPoint,
  ScoreDirection,
  ScoreQuintilesOptions,
  ScoreQuintilesResult,
  ScoreRfmOptions,
  ScoreRfmResult,
  ScoreTie,
  ScoringMethod,
  SegmentRule,
  SegmentRules,
  TenureEnd,
  TopCustomersOptions,
  UnevenScores,
} from './types';
export { scoreQuintiles, assertScoringMethod, DEFAULT_SCORE_QUINTILES_OPTIONS, SCORING_METHODS } from './score-quintiles';
export { scoreOfRank } from './score-of-rank';
export { quintileBreaks } from './score-by-quantile-breaks';
export { unevenScoresOf } from './uneven-scores';
export { scoreRfm, DEFAULT_SCORE_RFM_OPTIONS } from './score-rfm';
export { formatRfmCode, rfmCodeOf } from './rfm-code';
export {
  DEFAULT_SEGMENT_RULES,
  MAX_SEGMENT_RULES,
  OTHERS_SEGMENT,
  RFM_0_2_SEGMENT_RULES,
  buildSegmentLookup,
  cloneSegmentRules,
  findUnreachableRules,
  matchSegmentRule,
  validateSegmentRules,
} from './segment-rules';
export { DEFAULT_SEGMENT_ACTIONS, DEFAULT_SEGMENT_DESCRIPTIONS } from './segment-actions';
export {
  CHURN_ACTIVE,
  CHURN_AT_RISK,
  CHURN_CHURNED,
  CHURN_STATUS_LABELS,
  DEFAULT_CHURN_STATUS_OPTIONS,
  churnStatus,
} from './churn-status';
export { topCustomers, DEFAULT_TOP_CUSTOMERS_OPTIONS } from './top-customers';
export { segmentMigration, NEW_CUSTOMERS, NOT_IN_LATER } from './segment-migration';
export type { MigrationCell, MigrationDimension, SegmentMigrationOptions, SegmentMigrationResult, SnapshotCustomers } from './segment-migration';
