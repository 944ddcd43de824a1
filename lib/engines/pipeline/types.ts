import type { CustomerSummary, HoldoutResult, LifetimeValueResult, PurchaseModel, TimeUnit } from '../btyd/types';
import type { CleanResult, CleaningReport } from '../clean/types';
import type { ClusteringMethod, RunClusteringResult } from '../clustering/types';
import type { CustomerFeatures, ProductCategory } from '../features/types';
import type { FileSplitOptions, IngestReport, ReadingOptions, TransactionTable, ValueBasis } from '../ingest/types';
import type { CompareValueModelsResult } from '../ltv-regression/compare-value-models';
import type { ChurnStatusResult, ScoreRfmResult, ScoringMethod, SegmentRule } from '../rfm/types';
import type { FitModelOutcome, HoldoutModelOutcome, ModelChoice } from './choose-purchase-model';
import type { CustomerStatusResult, PAliveThresholds } from './customer-status';
import type { TaskExecutor } from '../parallel/tasks';

export const ANALYSIS_STAGES = ['ingest', 'clean', 'features', 'rfm', 'holdout', 'lifetimeValue', 'modelComparison', 'clustering'] as const;

export type AnalysisStage = (typeof ANALYSIS_STAGES)[number];

export const CLUSTER_FEATURES = ['recency', 'frequency', 'monetary', 'averageOrderValue', 'tenure', 'distinctProducts', 'returnRate'] as const;
export type ClusterFeature = (typeof CLUSTER_FEATURES)[number];

/** Every parameter of one analysis run, with defaults in DEFAULT_ANALYSIS_OPTIONS. */
export interface AnalysisOptions extends ReadingOptions {
  seed: number;
  /** Epoch ms; default the day after the last purchase. */
  snapshot?: number;
  /** Money net of refunds (default) or gross (the seeds' convention). */
  value: ValueBasis;
  dropDuplicates: boolean;
  categories?: ProductCategory[];
  homeCountry?: string;
  segmentRules?: SegmentRule[];
  /** RFM scores from the quintile breaks of the values, ties sharing a score (default), or by rank. */
  rfmScoring: ScoringMethod;
  method: ClusteringMethod | 'all';
  k?: number;
  kMin: number;
  kMax: number;
  clusterFeatures: ClusterFeature[];
  /** 'auto' (default): the purchase model with the lowest holdout error, converged fits first; or one fixed. */
  model: PurchaseModel | 'auto';
  /** P(alive) cut points of the churn status where the model can tell. */
  pAliveThresholds: PAliveThresholds;
  unit: TimeUnit;
  horizonMonths: number;
  discountRate: number;
  /** Epoch ms of the last day of the calibration period (as lifetimes' calibration_period_end); default: holdoutDays before the snapshot. */
  calibrationEnd?: number;
  /** Epoch ms of the last day of purchases the main lifetime-value fit uses (default: all); predictions still use every purchase. */
  fitEnd?: number;
  /** Holdout length when calibrationEnd is not given; default a quarter of the observed span. */
  holdoutDays?: number;
  penalizer: number;
  /** Draws for the CLV interval; 0 turns it off. */
  intervalDraws?: number;
}

export interface AnalysisProgress {
  stage: AnalysisStage;
  /** Progress of the whole run, 0..1. */
  fraction: number;
  message: string;
}

export interface AnalysisHooks {
  onProgress?: (progress: AnalysisProgress) => void;
  /** Clock for stage timings in milliseconds (performance.now by default). */
  clock?: () => number;
  /** Source size in bytes, for ingest progress. */
  totalBytes?: number;
  /** The file the source streams: a large plain CSV is then read on two threads (IngestOptions.file). Same result. */
  file?: FileSplitOptions;
  /** Receives the ingested lines and the cleaning result, e.g. to store them. */
  onCleaned?: (table: TransactionTable, cleaned: CleanResult) => void;
  /** Runs the purchase-model fits and the clustering, e.g. on worker threads (thread-pool.ts); default inline. The result is the same. */
  executor?: TaskExecutor;
}

/** A stage that could not run on this data, with the reason in plain words. */
export interface SkippedStage {
  status: 'skipped';
  reason: string;
  code: string;
}

export type StageOutcome<T> = ({ status: 'done' } & T) | SkippedStage;

export interface AnalysisResult {
  options: AnalysisOptions;
  ingest: IngestReport;
  cleaning: CleaningReport;
  features: CustomerFeatures;
  rfm: ScoreRfmResult & { rules: SegmentRule[] };
  /** Churn status per customer, following P(alive) where the model can tell and the rule elsewhere. */
  churn: CustomerStatusResult;
  /** The rule-based status (days silent against the customer's own gap) of every customer. */
  churnRules: ChurnStatusResult;
  lifetimeValue: StageOutcome<{
    /** The chosen model's fit and predictions. */
    result: LifetimeValueResult;
    summary: CustomerSummary;
    /** Row of each customer in the result arrays, -1 when absent. */
    rowOfCustomer: Int32Array;
    /** Every purchase model fitted on the fit period. */
    fits: FitModelOutcome[];
    choice: ModelChoice;
    /** Epoch ms of the last day the fit used, null when it used every purchase. */
    fitEnd: number | null;
    /** P(alive) per customer (aligned with features) where the model can tell, NaN elsewhere. */
    shownPAlive: Float64Array;
    /** Why some or all P(alive) values are not shown, in words; null when all are. */
    pAliveNote: string | null;
    /** The caveat every CLV figure carries (lost to the naive baseline, not validated, dropout unknown), or null. */
    caveat: string | null;
  }>;
  /** Every purchase model scored on one holdout split; calibrationEnd is the last calibration day (epoch ms). */
  holdout: StageOutcome<{
    models: HoldoutModelOutcome[];
    calibrationEnd: number;
    /** The model whose holdout is shown: the one the run uses where it scored, else the best scored. */
    model: PurchaseModel;
    result: HoldoutResult;
  }>;
  /**
   * Holdout spend per customer: random forest and linear regression (trained one holdout length
   * earlier) next to the holdout's purchase model + Gamma-Gamma and naive baseline.
   */
  modelComparison: StageOutcome<{ result: CompareValueModelsResult }>;
  clustering: StageOutcome<{ result: RunClusteringResult }>;
  /** Per-customer CLV aligned with features (NaN where the model did not run). */
  clv: Float64Array;
  topByRevenue: Int32Array;
  topByClv: Int32Array;
  timings: Record<AnalysisStage, number>;
}
