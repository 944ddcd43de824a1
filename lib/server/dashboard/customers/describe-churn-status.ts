import { BASIS_P_ALIVE, STATUS_BASIS_LABELS } from '../../../engines/pipeline/customer-status';
import { DEFAULT_CHURN_STATUS_OPTIONS } from '../../../engines/rfm/churn-status';
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

/** The days-silent rule in words, completing "the status ...". */
export const DAYS_SILENT_RULE =
  `compares how long the customer has not bought with their own usual gap between purchase days (days with an order; several orders on one day count once) ` +
  `(at risk after ${O.atRiskMultiple} times it, churned after ${O.churnMultiple} times, a gap under ${O.minGapDays} days counting as ${O.minGapDays}; ` +
  `customers with fewer than ${O.minRhythmOccasions} purchase days, or with all of them within ${O.minRhythmSpanDays} days, after ${O.fallbackAtRiskDays} and ${O.fallbackChurnDays} days)`;

/** What the two churn bases mean, in words, for a title or a note. */
export const CHURN_BASIS_MEANING = {
  pAlive: "P(alive): the purchase model's chance that the customer still buys decided the status",
  rules: `by days silent: where the model cannot tell, the status ${DAYS_SILENT_RULE}`,
} as const;
