/**
 * How raw values become 1-5 scores.
 * 'quantile-breaks' (default): breaks at the 20/40/60/80 % quantiles of the values, as R `rfm` and
 * pandas `qcut` do; equal values always share a score, so ties can leave the groups uneven.
 * 'rank': a fifth of the customers per score, ties split by customer index.
 * 'average-rank': the score of a tied run's average rank; ties share a score.
 */
export type ScoringMethod = 'quantile-breaks' | 'rank' | 'average-rank';

/** 'ascending': larger value, higher score (frequency, monetary). 'descending': smaller value, higher score (recency). */
export type ScoreDirection = 'ascending' | 'descending';

/** The 1-5 score scale used by every RFM column. */
export type Score = 1 | 2 | 3 | 4 | 5;

/** The three RFM columns, by the names used in options, results and messages. */
export type RfmDimension = 'recency' | 'frequency' | 'monetary';

/** The range of raw values that received one score; min and max are null when no customer got that score. */
export interface ScoreCutPoint {
  score: Score;
  min: number | null;
  max: number | null;
  count: number;
}

export interface ScoreQuintilesOptions {
  direction: ScoreDirection;
  scoring: ScoringMethod;
  /** Column name used in error messages. */
  column: string;
}

export interface ScoreQuintilesResult {
  /** Score 1-5 per customer. */
  scores: Uint8Array;
  /** Five entries, for scores 1 to 5 in that order. */
  cutPoints: ScoreCutPoint[];
  /** 'quantile-breaks': the 20, 40, 60 and 80 % quantiles (R type 7), ascending. null for the rank methods. */
  breaks: number[] | null;
  /** Tied values an even split would have spread over two or more scores, lowest score first; [] for 'rank'. */
  ties: ScoreTie[];
}

/** A value shared by customers that an even split (one fifth per score) would have put on different scores. */
export interface ScoreTie {
  /** The shared raw value, in the column's unit (days, purchases, money). */
  value: number;
  /** Customers with exactly this value. */
  customers: number;
  /** The one score they all got. */
  score: Score;
  /** The scores 'rank' scoring spreads them over, ascending; two or more. */
  evenSplitScores: Score[];
}

/** Why one RFM column's score groups are not fifths: the ties that kept customers together. */
export interface UnevenScores {
  dimension: RfmDimension;
  /** Customers per score, scores 1 to 5 in order. */
  counts: number[];
  /** Scores no customer got, ascending. */
  emptyScores: Score[];
  /** At least one; lowest score first. */
  ties: ScoreTie[];
  /** One plain-English paragraph for the segments page. */
  reason: string;
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
  scoring: ScoringMethod;
}

export type RfmCutPoints = Record<RfmDimension, ScoreCutPoint[]>;

/** The four quantile breaks per column, ascending raw values. */
export type RfmBreaks = Record<RfmDimension, number[]>;

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
  /** The method the scores were made with. */
  scoring: ScoringMethod;
  /** 'quantile-breaks' only; null for the rank methods. */
  breaks: RfmBreaks | null;
  /** One entry per column whose groups ties made uneven, in R, F, M order; [] when all are fifths (always for 'rank'). */
  uneven: UnevenScores[];
}

/** Per-customer columns for churn status, all the same length. */
export interface ChurnStatusInput {
  /** Days since the last purchase. */
  recency: Float64Array;
  /** Purchase occasions: distinct days with a purchase (a one-time buyer has 1; several orders on one day count once). */
  occasions: Float64Array;
  /** Days from the first purchase to the analysis date, or to the last purchase (see tenureEnd). */
  tenure: Float64Array;
}

/** What the tenure column measures up to: the analysis date (customer age) or the last purchase. */
export type TenureEnd = 'analysisDate' | 'lastPurchase';

export interface ChurnStatusOptions {
  /** Active while recency <= atRiskMultiple x typical gap. */
  atRiskMultiple: number;
  /** Churned once recency > churnMultiple x typical gap. */
  churnMultiple: number;
  /** The usual gap (days) assumed before a customer's own purchase days say otherwise: a one-time buyer's gap. */
  priorGapDays: number;
  /** How many gaps that assumption weighs against the customer's own (purchase days - 1). */
  priorGaps: number;
  /** Usual gaps shorter than this (days) count as this many days. */
  minGapDays: number;
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
  /** The usual gap between purchase days (days) the thresholds are multiples of: credibility-weighted, at least minGapDays. */
  usualGapDays: Float64Array;
}

export interface TopCustomersOptions {
  /** 'descending' (default) lists the largest values first. */
  order: 'descending' | 'ascending';
  /** Column name used in error messages. */
  column: string;
}
