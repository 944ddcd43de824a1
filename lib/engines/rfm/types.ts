/** How tied values are scored: 'rank' splits ties by customer index, 'average' gives them one shared score. */
export type TieMode = 'rank' | 'average';

/** 'ascending': larger value, higher score (frequency, monetary). 'descending': smaller value, higher score (recency). */
export type ScoreDirection = 'ascending' | 'descending';

/** The 1-5 score scale used by every RFM column. */
export type Score = 1 | 2 | 3 | 4 | 5;

/** The range of raw values that received one score; min and max are null when no customer got that score. */
export interface ScoreCutPoint {
  score: Score;
  min: number | null;
  max: number | null;
  count: number;
}

export interface ScoreQuintilesOptions {
  direction: ScoreDirection;
  ties: TieMode;
  /** Column name used in error messages. */
  column: string;
}

export interface ScoreQuintilesResult {
  /** Score 1-5 per customer. */
  scores: Uint8Array;
  /** Five entries, for scores 1 to 5 in that order. */
  cutPoints: ScoreCutPoint[];
}

/** Inclusive score ranges [lower, upper] on the 1-5 scale; a customer matches when all three hold. */
export interface SegmentRule {
  name: string;
  recency: [number, number];
  frequency: [number, number];
  monetary: [number, number];
}

export type SegmentRules = ReadonlyArray<Readonly<SegmentRule>>;

/** Per-customer columns, all the same length. */
export interface RfmInput {
  /** Days since the last purchase. */
  recency: Float64Array;
  /** Number of purchases (or repeat purchases; only the order matters). */
  frequency: Float64Array;
  /** Money spent. */
  monetary: Float64Array;
}

export interface ScoreRfmOptions {
  /** Segment rules, first match wins; customers matching none fall in 'Others'. */
  rules: SegmentRules;
  ties: TieMode;
}

export interface RfmCutPoints {
  recency: ScoreCutPoint[];
  frequency: ScoreCutPoint[];
  monetary: ScoreCutPoint[];
}

export interface ScoreRfmResult {
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  /** 100 * r + 10 * f + m per customer; format with formatRfmCode. */
  codes: Uint16Array;
  /** Index into segmentNames per customer. */
  segment: Uint8Array;
  /** The rules' names in order, then 'Others'. */
  segmentNames: string[];
  /** Customers per segment, aligned with segmentNames. */
  segmentSizes: Int32Array;
  cutPoints: RfmCutPoints;
}

/** Per-customer columns for churn status, all the same length. */
export interface ChurnStatusInput {
  /** Days since the last purchase. */
  recency: Float64Array;
  /** Number of purchases (a one-time buyer has 1). */
  frequency: Float64Array;
  /** Days from the first purchase to the analysis date, or to the last purchase (see tenureEndsAt). */
  tenure: Float64Array;
}

/** What the tenure column measures up to: the analysis date (customer age) or the last purchase. */
export type TenureEnd = 'analysisDate' | 'lastPurchase';

export interface ChurnStatusOptions {
  /** Active while recency <= atRiskMultiple x typical gap. */
  atRiskMultiple: number;
  /** Churned once recency > churnMultiple x typical gap. */
  churnMultiple: number;
  /** Typical gaps shorter than this (days) are one shopping burst: judged by the fixed-day fallback. */
  minGapDays: number;
  /** Fallback: at risk once recency exceeds this many days. */
  fallbackAtRiskDays: number;
  /** Fallback: churned once recency exceeds this many days. */
  fallbackChurnDays: number;
  tenureEnd: TenureEnd;
}

export type ChurnStatusLabel = 'Active' | 'At Risk' | 'Churned';

export interface ChurnStatusResult {
  /** 0 Active, 1 At Risk, 2 Churned: index into labels. */
  status: Uint8Array;
  labels: readonly ChurnStatusLabel[];
  /** Customers per status, aligned with labels. */
  counts: Int32Array;
  /** Recency (days) above which the customer is at risk. */
  atRiskAfterDays: Float64Array;
  /** Recency (days) above which the customer is churned. */
  churnAfterDays: Float64Array;
  /** 1 when the fixed-day fallback was used (one-time buyer or tiny gap), else 0. */
  usedFallback: Uint8Array;
}

export interface TopCustomersOptions {
  /** 'descending' (default) lists the largest values first. */
  order: 'descending' | 'ascending';
  /** Column name used in error messages. */
  column: string;
}
