/** Unit in which every duration (recency, age, horizons) is expressed. */
export type TimeUnit = 'days' | 'weeks';

/** Purchase-level input, one entry per purchase line, held column by column. */
export interface PurchaseColumns {
  /** Customer index in [0, nCustomers). */
  customer: Int32Array;
  /** Day number: days since 1970-01-01 UTC; a time-of-day fraction is allowed. */
  day: Float64Array;
  /** Purchase value (currency). */
  value: Float64Array;
}

export interface SummarizeOptions {
  nCustomers: number;
  /**
   * Day number where the data ends (exclusive), e.g. the snapshot date. To use purchases up to and
   * including day D (a "fit end", or lifetimes' calibration_period_end), pass D + 1.
   */
  observationEnd: number;
  /** Day number where the calibration period ends (exclusive: the first holdout day, last calibration day + 1). */
  calibrationEnd?: number;
  unit: TimeUnit;
}

/** Frequency, recency and age of each customer: the input of the purchase models. */
export interface RepeatPurchaseData {
  /** Repeat purchases: distinct purchase days after the first. */
  x: Float64Array;
  /** Time from first to last purchase. */
  tx: Float64Array;
  /** Time from first purchase to the end of the (calibration) period. */
  T: Float64Array;
}

/** Input of the Gamma-Gamma spend model. */
export interface SpendData {
  x: Float64Array;
  /** Mean value of the repeat purchase days of positive value (0 when there are none). */
  meanRepeatValue: Float64Array;
}

/** Holdout-period actuals per customer. */
export interface HoldoutActuals {
  /** Holdout length in the summary's unit. */
  length: number;
  /** Distinct purchase days in [calibrationEnd, observationEnd). */
  purchases: Float64Array;
  /** Total value bought in the holdout period. */
  spend: Float64Array;
}

/** One row per customer with at least one purchase in the (calibration) period. */
export interface CustomerSummary extends RepeatPurchaseData, SpendData {
  unit: TimeUnit;
  /** Input customer index of each row. */
  customer: Int32Array;
  /** Calendar day number (whole) of the first purchase. */
  firstPurchaseDay: Float64Array;
  /** Mean value over all purchase days of the period, the first one included. */
  meanValue: Float64Array;
  /**
   * Repeat purchase days of positive value: the spend model's count. x counts zero-value days too
   * (a free or fully refunded order is a purchase), meanRepeatValue averages only these days.
   */
  spendX: Float64Array;
  holdout: HoldoutActuals | null;
  /** Day boundary (exclusive) up to which T is measured: calibrationEnd or observationEnd. */
  periodEnd: number;
  observationEnd: number;
  calibrationEnd: number | null;
  /** Customers whose first purchase falls on or after calibrationEnd. */
  excludedLateCustomers: number;
  /** Customer indices with no purchase before observationEnd. */
  customersWithoutPurchases: number;
  /** Purchase lines on or after observationEnd, not used. */
  ignoredPurchases: number;
}

/** BG/NBD, MBG/NBD or Pareto/NBD. */
export type PurchaseModel = 'bgnbd' | 'mbgnbd' | 'pnbd';

/** Parameters shared by BG/NBD and MBG/NBD: purchase rate ~ Gamma(r, alpha), dropout ~ Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Pareto/NBD parameters: purchase rate ~ Gamma(r, alpha), dropout rate ~ Gamma(s, beta). */
export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/** A purchase model and its parameters: all that predictions need. */
export type PurchaseModelSpec = { model: 'bgnbd' | 'mbgnbd'; params: BgNbdParams } | { model: 'pnbd'; params: ParetoNbdParams };

/** Gamma-Gamma spend parameters: transaction value ~ Gamma(p, nu), nu ~ Gamma(q, gamma). */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface FitOptions {
  /**
   * L2 penalty on the log-parameters: the minimised objective is
   * -LL / n + penalizer * sum(log(param)^2), so estimates shrink toward 1 (lifetimes'
   * penalizer_coef also divides -LL by n but squares the natural parameters, shrinking toward 0).
   * Standard errors then come from the penalised objective's Hessian. Default 0.
   */
  penalizer?: number;
  /**
   * Most optimiser starts: one fixed, the rest seeded perturbations; the fit stops early once two
   * converged starts agree on the optimum. Default 4.
   */
  starts?: number;
  seed?: number;
  maxIterations?: number;
}

export interface GammaGammaFitOptions extends FitOptions {
  /** |corr(x, mean repeat value)| at or above which the fit warns. Default 0.3. */
  correlationWarningThreshold?: number;
}

export interface FitConvergence {
  converged: boolean;
  /** Iterations of the best start. */
  iterations: number;
  /** Objective evaluations over all starts. */
  evaluations: number;
  /** Max-norm of the gradient of the minimised objective (per customer, log-parameters). */
  gradientNorm: number;
  /** Starts run: at most FitOptions.starts, fewer when two converged starts agreed. */
  starts: number;
  convergedStarts: number;
}

/** How well the data pin down one parameter. */
export interface ParameterIdentification {
  param: string;
  estimate: number;
  /**
   * 95 % interval from the log-parameter covariance, exp(ln estimate -/+ 1.96 se(ln estimate)),
   * which stays positive; NaN when the covariance is unavailable.
   */
  lower: number;
  upper: number;
  /**
   * False when the interval spans more than two orders of magnitude (upper / lower > 100), the
   * delta-method standard error exceeds the estimate, or no standard error is available; also for
   * every parameter of a fit that did not converge, and for a parameter beyond e^+-15 (run off).
   */
  identified: boolean;
}

export interface MaximumLikelihoodFit<P> {
  params: P;
  /** Delta-method standard errors; NaN when the Hessian is not positive definite. */
  standardErrors: P;
  /** Parameter names in the order of the covariance matrices. */
  paramNames: readonly (keyof P & string)[];
  /** Covariance of the natural parameters (delta method), null when unavailable. */
  covariance: number[][] | null;
  /** Covariance of the log-parameters (inverse Hessian), null when unavailable. */
  logCovariance: number[][] | null;
  /** Unpenalised log-likelihood at the estimate. */
  logLikelihood: number;
  penalizer: number;
  nCustomers: number;
  convergence: FitConvergence;
  /** One entry per parameter, in paramNames order. */
  identification: ParameterIdentification[];
  /** Names of the parameters that are not identified (see ParameterIdentification.identified). */
  notIdentified: string[];
  warnings: string[];
}

/** Why a purchase-model fit contradicts its own data (see findDegeneracy). */
export interface DegenerateFit {
  /** In words, naming the model. */
  reason: string;
  /** Customers who bought within their usual gap of the end but get P(alive) below 1 %. */
  writtenOff: number;
}

interface PurchaseFitFields {
  unit: TimeUnit;
  /** Set when the fitted parameters contradict the data (P(alive) and CLV would be wrong); null otherwise. */
  degenerate: DegenerateFit | null;
}

export interface BgNbdFit extends MaximumLikelihoodFit<BgNbdParams>, PurchaseFitFields {
  model: 'bgnbd';
}

export interface MbgNbdFit extends MaximumLikelihoodFit<BgNbdParams>, PurchaseFitFields {
  model: 'mbgnbd';
}

export interface ParetoNbdFit extends MaximumLikelihoodFit<ParetoNbdParams>, PurchaseFitFields {
  model: 'pnbd';
}

export type PurchaseModelFit = BgNbdFit | MbgNbdFit | ParetoNbdFit;

export interface GammaGammaFit extends MaximumLikelihoodFit<GammaGammaParams> {
  model: 'gamma-gamma';
  /** Customers left out of the fit (x = 0 or mean repeat value <= 0). */
  excludedCustomers: number;
  /** Pearson correlation of x and mean repeat value over the fitted customers. */
  frequencyValueCorrelation: number;
  /** p * gamma / (q - 1); NaN when q <= 1. */
  populationMeanSpend: number;
}

export type SpendModelResult =
  | { status: 'fitted'; fit: GammaGammaFit }
  | { status: 'skipped'; reason: string };

export interface ClvOptions {
  /** Months summed. Default 6. */
  horizonMonths?: number;
  /** Monthly discount rate. Default 0.01. */
  discountRate?: number;
  /** Length of a month in days. Default 30. */
  monthLengthDays?: number;
  /** Parameter draws for the CLV interval; 0 turns the interval off. Default 200. */
  intervalDraws?: number;
  /** Central coverage of the interval. Default 0.9. */
  intervalLevel?: number;
  seed?: number;
  /**
   * Predict as if nobody stops buying: each customer keeps their posterior purchase rate
   * (r + x) / (alpha + T) and P(alive) is 1. For fits whose dropout parameters are not identified,
   * where the estimated dropout is noise that can write off a loyal customer. Default false.
   */
  withoutDropout?: boolean;
}

export interface ClvInterval {
  /** Parameter vectors drawn from the asymptotic normal of the log-parameters. */
  method: 'parametric-log-normal';
  draws: number;
  level: number;
  seed: number;
  /** Draws of the spend model redrawn because q <= 1 (infinite mean spend). */
  rejectedDraws: number;
  /** Whether the spend-model parameters were drawn too (false: held at their estimate). */
  spendUncertainty: boolean;
}

/** Where each customer's expected spend per purchase comes from. */
export type SpendSource = 'gamma-gamma' | 'observed-mean';

export interface ClvResult {
  unit: TimeUnit;
  horizonMonths: number;
  discountRate: number;
  monthLengthDays: number;
  /** Month length in the result's unit. */
  monthLength: number;
  pAlive: Float64Array;
  /** Expected purchases over the whole horizon. */
  expectedPurchases: Float64Array;
  /** Expected value per purchase. */
  expectedSpend: Float64Array;
  clv: Float64Array;
  /** Interval bounds; NaN when no interval was computed. */
  clvLower: Float64Array;
  clvUpper: Float64Array;
  interval: ClvInterval | null;
  spendSource: SpendSource;
  warnings: string[];
}

export interface ErrorMetrics {
  mae: number;
  rmse: number;
  /** Mean of predicted minus actual. */
  bias: number;
}

export interface ForecastScore {
  purchases: ErrorMetrics;
  spend: ErrorMetrics;
  totalPurchases: number;
  totalSpend: number;
}

export interface HoldoutCalibrationRow {
  /** Repeat purchases in calibration; the last row collects x >= this value. */
  x: number;
  label: string;
  customers: number;
  meanActual: number;
  meanPredicted: number;
  meanNaive: number;
}

export interface HoldoutComparison {
  holdoutLength: number;
  model: ForecastScore;
  naive: ForecastScore;
  actual: { totalPurchases: number; totalSpend: number };
  calibrationTable: HoldoutCalibrationRow[];
  naivePurchases: Float64Array;
  naiveSpend: Float64Array;
}

/** Summary period of a holdout evaluation: the calibration end is required. */
export type HoldoutPeriod = Omit<SummarizeOptions, 'calibrationEnd'> & { calibrationEnd: number };

export interface HoldoutOptions extends FitOptions {
  model?: PurchaseModel;
  /** Penalty for the Gamma-Gamma fit. Default 0. */
  spendPenalizer?: number;
}

export interface HoldoutResult extends HoldoutComparison {
  unit: TimeUnit;
  calibrationEnd: number;
  observationEnd: number;
  nCustomers: number;
  excludedLateCustomers: number;
  purchaseFit: PurchaseModelFit;
  spend: SpendModelResult;
  customer: Int32Array;
  predictedPurchases: Float64Array;
  predictedSpend: Float64Array;
  warnings: string[];
}

export interface LifetimeValueOptions extends FitOptions, ClvOptions {
  /** Purchase model. Default 'bgnbd'. */
  model?: PurchaseModel;
  /** Penalty for the Gamma-Gamma fit. Default 0. */
  spendPenalizer?: number;
  /** |corr(x, mean repeat value)| at or above which the spend model warns. Default 0.3. */
  correlationWarningThreshold?: number;
}

export type LifetimeValueInput =
  | { summary: CustomerSummary }
  | { purchases: PurchaseColumns; period: SummarizeOptions };

export interface LifetimeValueResult extends ClvResult {
  model: PurchaseModel;
  purchaseFit: PurchaseModelFit;
  spend: SpendModelResult;
  /** Input customer index of each row of the per-customer arrays. */
  customer: Int32Array;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
}
