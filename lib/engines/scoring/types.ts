import type { PurchaseModelSpec, TimeUnit, GammaGammaParams } from '../btyd/types';
import type { ValueBasis } from '../ingest/types';
import type { PAliveThresholds } from '../pipeline/customer-status';
import type { RfmDimension, ScoringMethod, SegmentRule } from '../rfm/types';

/** Version of the stored model layout; a reader refuses any other. */
export const RUN_MODELS_VERSION = 1;

/**
 * How one RFM column turns a raw value into a 1-5 score: 'breaks' counts the breaks strictly
 * below the value (right-closed bins, as the run scored), 'constant' gives everyone the neutral 3
 * (the run's column had one value, so it ranked no one).
 */
export type StoredScoreRule = { kind: 'breaks'; breaks: number[] } | { kind: 'constant' };

/** One clustering method's placement rule in the standardised feature space. */
export type StoredClusterModel =
  | { method: 'kmeans'; k: number; names: string[]; centroids: number[][] }
  | { method: 'gmm'; k: number; names: string[]; weights: number[]; means: number[][]; covariances: number[][][] }
  /** Ward has no predict step: a new customer joins the cluster whose centroid (mean of its members) is nearest. */
  | { method: 'hierarchical'; k: number; names: string[]; rule: 'nearest-centroid'; centroids: number[][] };

/** Everything a run fitted, enough to score new customers without refitting. Plain JSON. */
export interface RunModels {
  version: typeof RUN_MODELS_VERSION;
  cleaning: { value: ValueBasis; dropDuplicates: boolean };
  /**
   * 'day-after-last-purchase': a new file is scored as of the day after its own last purchase;
   * 'fixed': the run was given this date, which a file ending before it is scored at too.
   */
  snapshot: { rule: 'day-after-last-purchase' | 'fixed'; date: string };
  homeCountry: string;
  rfm: {
    /** How the run made its scores; a rank method's breaks are the upper ends of its score ranges. */
    scoring: ScoringMethod;
    scores: Record<RfmDimension, StoredScoreRule>;
    /** First matching rule wins; no match is 'Others'. */
    rules: SegmentRule[];
  };
  churn: { pAliveThresholds: PAliveThresholds };
  clustering: {
    features: string[];
    log: boolean;
    means: number[];
    /** 0 marks a column that was constant (it standardises to 0). */
    stds: number[];
    methods: StoredClusterModel[];
  } | null;
  lifetimeValue: {
    purchase: PurchaseModelSpec;
    unit: TimeUnit;
    /** Gamma-Gamma parameters, null when the run fell back to each customer's observed mean value. */
    spend: GammaGammaParams | null;
    horizonMonths: number;
    discountRate: number;
    monthLengthDays: number;
    /** False when the run's data could not identify dropout: P(alive) is then not shown and churn follows the days-silent rule. */
    pAliveShown: boolean;
    /** The caveat the run's CLV carries, or null. */
    caveat: string | null;
  } | null;
}
