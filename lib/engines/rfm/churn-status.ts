import { EngineError } from '../errors';
import { mergeOptions } from '../merge-options';
import type { ChurnStatusInput, ChurnStatusLabel, ChurnStatusOptions, ChurnStatusResult } from './types';
import { assertColumn, assertSameLength } from './validate-column';

export const CHURN_STATUS_LABELS: readonly ChurnStatusLabel[] = Object.freeze(['Active', 'At Risk', 'Churned']);

export const CHURN_ACTIVE = 0;
export const CHURN_AT_RISK = 1;
export const CHURN_CHURNED = 2;

export const DEFAULT_CHURN_STATUS_OPTIONS: Readonly<ChurnStatusOptions> = Object.freeze({
  atRiskMultiple: 1.5,
  churnMultiple: 3,
  minRhythmOccasions: 3,
  minRhythmSpanDays: 14,
  minGapDays: 7,
  fallbackAtRiskDays: 90,
  fallbackChurnDays: 180,
  tenureEnd: 'analysisDate',
});

/**
 * Active / At Risk / Churned from how long a customer has been silent compared with their own
 * typical gap between purchase days: gap = (days from first to last purchase) / (occasions - 1),
 * where occasions are distinct days with a purchase (several orders on one day are one purchase,
 * so they never make the rhythm look faster than it is). With tenureEnd 'analysisDate' (default)
 * that span is tenure - recency; with 'lastPurchase' it is tenure itself. Active while
 * recency <= atRiskMultiple x gap, Churned once recency > churnMultiple x gap, At Risk between.
 * A personal rhythm needs at least minRhythmOccasions purchase days (default 3, i.e. two gaps):
 * one gap is a single draw of a customer's waiting time, and if waits are roughly exponential a
 * single one is below a third of the customer's real mean gap 28 % of the time (two: 14 %), so
 * "3 x one gap" would call regular customers Churned on luck alone; a wrong "Churned" shown with
 * confidence is worse than a late one. Customers with fewer purchase days, and those whose purchase
 * days span under minRhythmSpanDays from first to last (one shopping burst, default 14 days), are
 * judged by fixed days instead: at risk after fallbackAtRiskDays, churned after fallbackChurnDays.
 * Gaps under minGapDays count as minGapDays (default 7: a daily buyer is not churned after 3 days
 * silent). The thresholds thus never fall as the gap grows: a customer who buys more often is never
 * judged more leniently than one who buys less often (a gap of 6 days used to get the fixed 90/180
 * days while one of 8 days was churned after 24).
 * @param input per-customer recency (days), occasions (purchase days, 1 for a one-time buyer) and tenure (days)
 * @throws EngineError INVALID_INPUT for missing, negative or mismatched columns or tenure below recency;
 *   INVALID_OPTION for bad options
 * @example
 * const { status, labels } = churnStatus({
 *   recency: new Float64Array([10, 250, 100]),
 *   occasions: new Float64Array([5, 5, 1]),
 *   tenure: new Float64Array([410, 650, 100]),
 * });
 * Array.from(status); // [0, 1, 1]: gap 100 days -> Active, At Risk; one-time buyer silent 100 days -> At Risk
 * labels[status[1]]; // "At Risk"
 */
export function churnStatus(input: ChurnStatusInput, options: Partial<ChurnStatusOptions> = {}): ChurnStatusResult {
  const opts = mergeOptions(DEFAULT_CHURN_STATUS_OPTIONS, options);
  validateOptions(opts);
  if (typeof input !== 'object' || input === null) {
    throw new EngineError('INVALID_INPUT', 'Churn status input must have recency, occasions and tenure columns.');
  }
  assertColumn(input.recency, 'recency', 0);
  assertColumn(input.occasions, 'occasions', 0);
  assertColumn(input.tenure, 'tenure', 0);
  const { recency, occasions, tenure } = input;
  const n = assertSameLength({ recency, occasions, tenure });
  const spanEndsAtAnalysis = opts.tenureEnd === 'analysisDate';

  const status = new Uint8Array(n);
  const counts = new Int32Array(CHURN_STATUS_LABELS.length);
  const atRiskAfterDays = new Float64Array(n);
  const churnAfterDays = new Float64Array(n);
  const usedFallback = new Uint8Array(n);

  for (let i = 0; i < n; i++) {
    if (spanEndsAtAnalysis && tenure[i] < recency[i]) {
      throw new EngineError(
        'INVALID_INPUT',
        `The customer at position ${i} has tenure ${tenure[i]} days but recency ${recency[i]} days; ` +
          'tenure counts from the first purchase to the analysis date, so it cannot be shorter than recency.',
        { index: i, tenure: tenure[i], recency: recency[i] },
      );
    }
    // Days from the first to the last purchase day; NaN (too few purchase days for a rhythm) fails the test below too.
    const span = occasions[i] >= opts.minRhythmOccasions ? (spanEndsAtAnalysis ? tenure[i] - recency[i] : tenure[i]) : NaN;
    let atRiskAfter: number;
    let churnAfter: number;
    if (span >= opts.minRhythmSpanDays) {
      const gap = Math.max(span / (occasions[i] - 1), opts.minGapDays);
      atRiskAfter = opts.atRiskMultiple * gap;
      churnAfter = opts.churnMultiple * gap;
    } else {
      atRiskAfter = opts.fallbackAtRiskDays;
      churnAfter = opts.fallbackChurnDays;
      usedFallback[i] = 1;
    }
    const code = recency[i] > churnAfter ? CHURN_CHURNED : recency[i] > atRiskAfter ? CHURN_AT_RISK : CHURN_ACTIVE;
    status[i] = code;
    counts[code]++;
    atRiskAfterDays[i] = atRiskAfter;
    churnAfterDays[i] = churnAfter;
  }

  return { status, labels: CHURN_STATUS_LABELS, counts, atRiskAfterDays, churnAfterDays, usedFallback };
}

function validateOptions(opts: ChurnStatusOptions): void {
  const positive = ['atRiskMultiple', 'churnMultiple'] as const;
  const nonNegative = ['minRhythmSpanDays', 'minGapDays', 'fallbackAtRiskDays', 'fallbackChurnDays'] as const;
  for (const key of positive) {
    const v = opts[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new EngineError('INVALID_OPTION', `The ${key} option must be a number above 0; got ${String(v)}.`, {
        option: key,
      });
    }
  }
  for (const key of nonNegative) {
    const v = opts[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new EngineError('INVALID_OPTION', `The ${key} option must be a number of days, 0 or more; got ${String(v)}.`, {
        option: key,
      });
    }
  }
  if (!Number.isInteger(opts.minRhythmOccasions) || opts.minRhythmOccasions < 2) {
    throw new EngineError(
      'INVALID_OPTION',
      `The minRhythmOccasions option must be a whole number of purchase days, 2 or more (one gap needs two days); got ${String(opts.minRhythmOccasions)}.`,
      { option: 'minRhythmOccasions' },
    );
  }
  if (opts.atRiskMultiple > opts.churnMultiple) {
    throw new EngineError(
      'INVALID_OPTION',
      `atRiskMultiple (${opts.atRiskMultiple}) must not exceed churnMultiple (${opts.churnMultiple}): a customer is at risk before churned.`,
      { option: 'atRiskMultiple' },
    );
  }
  if (opts.fallbackAtRiskDays > opts.fallbackChurnDays) {
    throw new EngineError(
      'INVALID_OPTION',
      `fallbackAtRiskDays (${opts.fallbackAtRiskDays}) must not exceed fallbackChurnDays (${opts.fallbackChurnDays}): a customer is at risk before churned.`,
      { option: 'fallbackAtRiskDays' },
    );
  }
  switch (opts.tenureEnd) {
    case 'analysisDate':
    case 'lastPurchase':
      break;
    default: {
      const never: never = opts.tenureEnd;
      throw new EngineError(
        'INVALID_OPTION',
        `Unknown tenureEnd "${String(never)}"; use 'analysisDate' or 'lastPurchase'.`,
        { option: 'tenureEnd' },
      );
    }
  }
}
