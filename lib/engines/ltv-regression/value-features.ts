import type { CustomerSummary } from '../btyd/types';

/** The per-customer features the regressors learn from, all measured up to the summary's period end. */
export const VALUE_FEATURES = ['frequency', 'recency', 'tenure', 'activeSpan', 'averageOrderValue', 'monetary'] as const;
export type ValueFeature = (typeof VALUE_FEATURES)[number];

export interface ValueFeatureRows {
  /** One row per summary customer, columns in VALUE_FEATURES order. */
  raw: number[][];
  /** log1p of each column (negative values, from refunds, floored at 0 first): the linear model's input. */
  log: number[][];
}

/**
 * Features of each summarised customer from their purchases before the period end: purchase days
 * (x + 1), time since the last purchase (T - tx), time since the first (T), first to last (tx),
 * mean value per purchase day and total value, in the summary's time unit and money.
 */
export function valueFeatures(summary: Pick<CustomerSummary, 'x' | 'tx' | 'T' | 'meanValue'>, rows?: Int32Array): ValueFeatureRows {
  const pick = rows ?? Int32Array.from({ length: summary.x.length }, (_, i) => i);
  const raw: number[][] = new Array(pick.length);
  const log: number[][] = new Array(pick.length);
  for (let k = 0; k < pick.length; k++) {
    const i = pick[k];
    const days = summary.x[i] + 1;
    const row = [days, summary.T[i] - summary.tx[i], summary.T[i], summary.tx[i], summary.meanValue[i], summary.meanValue[i] * days];
    raw[k] = row;
    log[k] = row.map((v) => Math.log1p(Math.max(0, v)));
  }
  return { raw, log };
}
