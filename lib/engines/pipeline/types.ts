import type { CustomerSummary, HoldoutResult, LifetimeValueResult, PurchaseModel, TimeUnit } from '../btyd/types';
import type { CleanResult, CleaningReport } from '../clean/types';
import type { ClusteringMethod, RunClusteringResult } from '../clustering/types';
import type { CustomerFeatures, ProductCategory } from '../features/types';
import type { IngestReport, ReadingOptions, TransactionTable, ValueBasis } from '../ingest/types';
import type { ChurnStatusResult, ScoreRfmResult, SegmentRule } from '../rfm/types';

export const ANALYSIS_STAGES = ['ingest', 'clean', 'features', 'rfm', 'lifetimeValue', 'holdout', 'clustering'] as const;
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
  method: ClusteringMethod | 'all';
  k?: number;
  kMin: number;
  kMax: number;
  clusterFeatures: ClusterFeature[];
  model: PurchaseModel;
  unit: TimeUnit;
  horizonMonths: number;
  discountRate: number;
  /** Epoch ms, exclusive end of the calibration period; default: holdoutDays before the snapshot. */
  calibrationEnd?: number;
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
  /** Receives the ingested lines and the cleaning result, e.g. to store them. */
  onCleaned?: (table: TransactionTable, cleaned: CleanResult) => void;
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
  churn: ChurnStatusResult;
  lifetimeValue: StageOutcome<{ result: LifetimeValueResult; summary: CustomerSummary; /** Row of each customer in the result arrays, -1 when absent. */ rowOfCustomer: Int32Array }>;
  holdout: StageOutcome<{ result: HoldoutResult; calibrationEnd: number }>;
  clustering: StageOutcome<{ result: RunClusteringResult }>;
  /** Per-customer CLV aligned with features (NaN where the model did not run). */
  clv: Float64Array;
  topByRevenue: Int32Array;
  topByClv: Int32Array;
  timings: Record<AnalysisStage, number>;
}
