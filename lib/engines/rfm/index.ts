export type {
  ChurnStatusInput,
  ChurnStatusLabel,
  ChurnStatusOptions,
  ChurnStatusResult,
  RfmCutPoints,
  RfmInput,
  Score,
  ScoreCutPoint,
  ScoreDirection,
  ScoreQuintilesOptions,
  ScoreQuintilesResult,
  ScoreRfmOptions,
  ScoreRfmResult,
  SegmentRule,
  SegmentRules,
  TenureEnd,
  TieMode,
  TopCustomersOptions,
} from './types';
export { scoreQuintiles, scoreOfRank, DEFAULT_SCORE_QUINTILES_OPTIONS } from './score-quintiles';
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
