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
  priorGapDays: 60,
  priorGaps: 2,
  minGapDays: 14,
  tenureEnd: 'analysisDate',
});

/**
 * Active / At Risk / Churned from how long a customer has been silent compared with their usual
 * gap between purchase days. Purchase days are distinct days with a purchase (several orders on
 * one day are one purchase, so they never make the rhythm look faster than it is). Active while
 * recency <= atRiskMultiple x gap, Churned once recency > churnMultiple x gap, At Risk between.
 *
 * The usual gap is a credibility-weighted mean (Bühlmann credibility; equally, the posterior mean
 * of 1 / rate when each customer's gaps are exponential with a Gamma(shape priorGaps + 1, rate
 * priorGaps x priorGapDays) prior on their rate):
 *   gap = (span + priorGaps x priorGapDays) / (gaps + priorGaps),  gaps = purchase days - 1,
 * where span is the days from the first to the last purchase day (tenure - recency with tenureEnd
 * 'analysisDate', the default; tenure itself with 'lastPurchase'). A one-time buyer's gap is
 * priorGapDays (defaults: at risk after 90 days, churned after 180); the more purchase days a
 * customer has, the more their own rhythm counts. Gaps under minGapDays count as minGapDays (default
 * 14: nobody is At Risk before 21 days of silence or Churned before 42). There is no cliff: for a
 * given number of purchase days the thresholds grow with the span, and for a given span they fall
 * as purchase days are added, so a customer who buys more often is never judged more leniently
 * than one who buys less often. The fixed-day fallbacks this replaces put a customer with 4
 * purchase days over 15 days at "Churned" after 39 days silent while one with 3 purchase days over
 * 7 days was Active after 46, and called a customer with 17 purchase days Churned (CLV 0) after 35.
 * @param input per-customer recency (days), occasions (purchase days, 1 for a one-time buyer) and tenure (days)
 * @returns status per customer (0 Active, 1 At Risk, 2 Churned), counts, each customer's thresholds and usual gap (days)
 * @throws EngineError INVALID_INPUT for missing, negative or mismatched columns or tenure below recency;
 *   INVALID_OPTION for bad options
 * @example
 * const { status, labels } = churnStatus({
 *   recency: new Float64Array([10, 250, 100]),
 *   occasions: new Float64Array([5, 5, 1]),
 *   tenure: new Float64Array([410, 650, 100]),
 * });
 * Array.from(status); // [0, 1, 1]: gap (400 + 120) / 6 = 86.7 days -> Active, At Risk; one-time buyer silent 100 days (gap 60) -> At Risk
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
  const priorDays = opts.priorGaps * opts.priorGapDays;

  const status = new Uint8Array(n);
  const counts = new Int32Array(CHURN_STATUS_LABELS.length);
  const atRiskAfterDays = new Float64Array(n);
  const churnAfterDays = new Float64Array(n);
  const usualGapDays = new Float64Array(n);

  for (let i = 0; i < n; i++) {
    if (spanEndsAtAnalysis && tenure[i] < recency[i]) {
      throw new EngineError(
        'INVALID_INPUT',
        `The customer at position ${i} has tenure ${tenure[i]} days but recency ${recency[i]} days; ` +
          'tenure counts from the first purchase to the analysis date, so it cannot be shorter than recency.',
        { index: i, tenure: tenure[i], recency: recency[i] },
      );
    }
    const gaps = Math.max(occasions[i] - 1, 0);
    // Days from the first to the last purchase day (0 for a one-time buyer).
    const span = gaps > 0 ? (spanEndsAtAnalysis ? tenure[i] - recency[i] : tenure[i]) : 0;
    const gap = Math.max((span + priorDays) / (gaps + opts.priorGaps), opts.minGapDays);
    const atRiskAfter = opts.atRiskMultiple * gap;
    const churnAfter = opts.churnMultiple * gap;
    const code = recency[i] > churnAfter ? CHURN_CHURNED : recency[i] > atRiskAfter ? CHURN_AT_RISK : CHURN_ACTIVE;
    status[i] = code;
    counts[code]++;
    atRiskAfterDays[i] = atRiskAfter;
    churnAfterDays[i] = churnAfter;
    usualGapDays[i] = gap;
  }

  return { status, labels: CHURN_STATUS_LABELS, counts, atRiskAfterDays, churnAfterDays, usualGapDays };
}

function validateOptions(opts: ChurnStatusOptions): void {
  const positive = ['atRiskMultiple', 'churnMultiple', 'priorGapDays', 'priorGaps'] as const;
  for (const key of positive) {
    const v = opts[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new EngineError('INVALID_OPTION', `The ${key} option must be a number above 0; got ${String(v)}.`, {
        option: key,
      });
    }
  }
  const v = opts.minGapDays;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new EngineError('INVALID_OPTION', `The minGapDays option must be a number of days, 0 or more; got ${String(v)}.`, {
      option: 'minGapDays',
    });
  }
  if (opts.atRiskMultiple > opts.churnMultiple) {
    throw new EngineError(
      'INVALID_OPTION',
      `atRiskMultiple (${opts.atRiskMultiple}) must not exceed churnMultiple (${opts.churnMultiple}): a customer is at risk before churned.`,
      { option: 'atRiskMultiple' },
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
