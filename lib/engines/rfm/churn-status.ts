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
  minGapDays: 7,
  fallbackAtRiskDays: 90,
  fallbackChurnDays: 180,
  tenureEnd: 'analysisDate',
});

/**
 * Active / At Risk / Churned from how long a customer has been silent compared with their own
 * typical gap between purchases: gap = (days from first to last purchase) / (frequency - 1).
 * With tenureEnd 'analysisDate' (default) that span is tenure - recency; with 'lastPurchase' it
 * is tenure itself. Active while recency <= atRiskMultiple x gap, Churned once
 * recency > churnMultiple x gap, At Risk between. One-time buyers (frequency < 2) and customers
 * whose gap is under minGapDays (several orders in one burst) have no usable rhythm and are judged
 * by fixed days instead: at risk after fallbackAtRiskDays, churned after fallbackChurnDays.
 * @example
 * const { status, labels } = churnStatus({
 *   recency: new Float64Array([10, 200, 100]),
 *   frequency: new Float64Array([5, 5, 1]),
 *   tenure: new Float64Array([410, 600, 100]),
 * });
 * Array.from(status); // [0, 1, 1]: gap 100 days -> Active, At Risk; one-time buyer silent 100 days -> At Risk
 * labels[status[1]]; // "At Risk"
 */
export function churnStatus(input: ChurnStatusInput, options: Partial<ChurnStatusOptions> = {}): ChurnStatusResult {
  const opts = mergeOptions(DEFAULT_CHURN_STATUS_OPTIONS, options);
  validateOptions(opts);
  if (typeof input !== 'object' || input === null) {
    throw new EngineError('INVALID_INPUT', 'Churn status input must have recency, frequency and tenure columns.');
  }
  assertColumn(input.recency, 'recency', 0);
  assertColumn(input.frequency, 'frequency', 0);
  assertColumn(input.tenure, 'tenure', 0);
  const { recency, frequency, tenure } = input;
  const n = assertSameLength({ recency, frequency, tenure });
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
    const gap =
      frequency[i] >= 2 ? (spanEndsAtAnalysis ? tenure[i] - recency[i] : tenure[i]) / (frequency[i] - 1) : NaN;
    let atRiskAfter: number;
    let churnAfter: number;
    // NaN (one-time buyer) fails this test too.
    if (gap >= opts.minGapDays) {
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
  const nonNegative = ['minGapDays', 'fallbackAtRiskDays', 'fallbackChurnDays'] as const;
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
