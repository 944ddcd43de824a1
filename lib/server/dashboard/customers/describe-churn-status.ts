import { BASIS_P_ALIVE, STATUS_BASIS_LABELS } from '../../../engines/pipeline/customer-status';
import { churnStatus, DEFAULT_CHURN_STATUS_OPTIONS } from '../../../engines/rfm/churn-status';
import { formatPAlive } from '../../../format/format-number';

const P_ALIVE_BASIS: string = STATUS_BASIS_LABELS[BASIS_P_ALIVE];
const O = DEFAULT_CHURN_STATUS_OPTIONS;

/**
 * A churn status with what decided it: "Churned · P(alive) 12.0%" or "Churned · by days silent".
 * P(alive) is written as everywhere else (formatPAlive): rounded down to a tenth, so it never
 * contradicts the "below" thresholds (0.29996 is 29.9%, churned below 30 %).
 */
export function describeChurnStatus(status: string, basis: string, pAlive: number | null): string {
  if (basis !== P_ALIVE_BASIS) return `${status} · by days silent`;
  return pAlive !== null && Number.isFinite(pAlive) ? `${status} · P(alive) ${formatPAlive(pAlive)}` : `${status} · by P(alive)`;
}

/** Days to a tenth, without a trailing ".0": "14", "16.7". */
const tenths = (value: number) => {
  const tenth = Math.round(value * 10) / 10;
  return Number.isInteger(tenth) ? String(tenth) : tenth.toFixed(1);
};
const days = (value: number) => {
  const shown = tenths(value);
  return `${shown} day${shown === '1' ? '' : 's'}`;
};

/**
 * For a customer the days-silent rule judged, the figures behind their status, e.g. "Usual gap
 * between purchase days 16.7 days: At Risk after 25 days silent, Churned after 50; silent 35 days."
 * Null when the basis is P(alive), purchase days are unknown (runs saved before they were stored),
 * or today's rule gives another status than the stored one (a run judged by an earlier rule).
 * @param status stored churn status label; recency, tenure in days; occasions = purchase days
 */
export function describeDaysSilentFigures(status: string, basis: string, recency: number, occasions: number | null, tenure: number): string | null {
  if (basis === P_ALIVE_BASIS || occasions === null || !(tenure >= recency)) return null;
  const judged = churnStatus({ recency: Float64Array.of(recency), occasions: Float64Array.of(occasions), tenure: Float64Array.of(tenure) });
  if (judged.labels[judged.status[0]] !== status) return null;
  return `Usual gap between purchase days ${days(judged.usualGapDays[0])}: At Risk after ${days(judged.atRiskAfterDays[0])} silent, Churned after ${tenths(judged.churnAfterDays[0])}; silent ${days(recency)}.`;
}

/** The days-silent rule in words, completing "the status ...". */
export const DAYS_SILENT_RULE =
  `compares how long the customer has not bought with their usual gap between purchase days (days with an order; several orders on one day count once), ` +
  `at risk after ${O.atRiskMultiple} times it and churned after ${O.churnMultiple} times; the usual gap weighs the customer's own gaps with ${O.priorGaps} assumed gaps of ${O.priorGapDays} days ` +
  `(a one-time buyer: at risk after ${O.atRiskMultiple * O.priorGapDays} days, churned after ${O.churnMultiple * O.priorGapDays}; the more purchase days, the more their own rhythm counts), ` +
  `and a gap under ${O.minGapDays} days counts as ${O.minGapDays}`;

/** What the two churn bases mean, in words, for a title or a note. */
export const CHURN_BASIS_MEANING = {
  pAlive: "P(alive): the purchase model's chance that the customer still buys decided the status",
  rules: `by days silent: where the model cannot tell, the status ${DAYS_SILENT_RULE}`,
} as const;
