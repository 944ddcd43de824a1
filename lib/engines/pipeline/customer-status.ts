import { EngineError } from '../errors';
import { CHURN_ACTIVE, CHURN_AT_RISK, CHURN_CHURNED, CHURN_STATUS_LABELS } from '../rfm/churn-status';
import type { ChurnStatusLabel, ChurnStatusResult } from '../rfm/types';

/** P(alive) cut points of the model-based churn status. */
export interface PAliveThresholds {
  /** Below this P(alive) a customer is At Risk (default 0.7). */
  atRiskBelow: number;
  /** Below this P(alive) a customer is Churned (default 0.3). */
  churnedBelow: number;
}

export const DEFAULT_P_ALIVE_THRESHOLDS: Readonly<PAliveThresholds> = Object.freeze({ atRiskBelow: 0.7, churnedBelow: 0.3 });

/** What decided a customer's churn status. */
export const STATUS_BASIS_LABELS = ['P(alive)', 'rules'] as const;
export type StatusBasisLabel = (typeof STATUS_BASIS_LABELS)[number];
export const BASIS_P_ALIVE = 0;
export const BASIS_RULES = 1;

export interface CustomerStatusResult {
  /** 0 Active, 1 At Risk, 2 Churned per customer: index into labels. */
  status: Uint8Array;
  labels: readonly ChurnStatusLabel[];
  counts: Int32Array;
  /** Per customer, index into STATUS_BASIS_LABELS: 0 when P(alive) decided the status, 1 when the rule did. */
  basis: Uint8Array;
  /** Customers per basis, aligned with STATUS_BASIS_LABELS. */
  basisCounts: Int32Array;
  thresholds: PAliveThresholds;
}

/**
 * One churn status per customer that never contradicts the P(alive) shown next to it.
 * Where `pAlive[c]` is a number (the purchase model is fitted, its dropout identified and the value
 * not fixed by construction), the status follows it: Churned below `churnedBelow`, At Risk below
 * `atRiskBelow`, Active otherwise. Where it is NaN, the rule-based status (days silent against the
 * customer's own gap, `churnStatus`) stands, and `basis` says so.
 * @param rules the rule-based status of every customer (n customers)
 * @param pAlive P(alive) per customer, length n, NaN where the model cannot tell
 * @throws EngineError INVALID_OPTION when the thresholds are not 0 <= churnedBelow <= atRiskBelow <= 1;
 *   INVALID_INPUT when the lengths differ
 * @example
 * const s = customerStatus(rules, Float64Array.of(0.9, 0.5, 0.1, NaN));
 * Array.from(s.status); // [0, 1, 2, rules.status[3]]; Array.from(s.basis); // [0, 0, 0, 1]
 */
export function customerStatus(
  rules: ChurnStatusResult,
  pAlive: Float64Array,
  thresholds: PAliveThresholds = DEFAULT_P_ALIVE_THRESHOLDS,
): CustomerStatusResult {
  const { atRiskBelow, churnedBelow } = thresholds;
  if (!(churnedBelow >= 0 && churnedBelow <= atRiskBelow && atRiskBelow <= 1)) {
    throw new EngineError(
      'INVALID_OPTION',
      `The P(alive) thresholds must satisfy 0 <= churned (${churnedBelow}) <= at risk (${atRiskBelow}) <= 1.`,
      { option: 'pAliveThresholds' },
    );
  }
  const n = rules.status.length;
  if (pAlive.length !== n) throw new EngineError('INVALID_INPUT', `P(alive) has ${pAlive.length} entries for ${n} customers.`);
  const status = new Uint8Array(n);
  const basis = new Uint8Array(n);
  const counts = new Int32Array(CHURN_STATUS_LABELS.length);
  const basisCounts = new Int32Array(STATUS_BASIS_LABELS.length);
  for (let c = 0; c < n; c++) {
    const p = pAlive[c];
    if (Number.isNaN(p)) {
      status[c] = rules.status[c];
      basis[c] = BASIS_RULES;
    } else {
      status[c] = p < churnedBelow ? CHURN_CHURNED : p < atRiskBelow ? CHURN_AT_RISK : CHURN_ACTIVE;
      basis[c] = BASIS_P_ALIVE;
    }
    counts[status[c]]++;
    basisCounts[basis[c]]++;
  }
  return { status, labels: CHURN_STATUS_LABELS, counts, basis, basisCounts, thresholds: { atRiskBelow, churnedBelow } };
}

/** The seeds' combined segment: churn status with the behavioural segment, e.g. "At Risk · Loyal Customers". */
export function combinedSegmentName(status: ChurnStatusLabel, segment: string): string {
  return `${status} · ${segment}`;
}
