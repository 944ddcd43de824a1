import { DEFAULT_CHURN_STATUS_OPTIONS } from '../../engines/rfm/churn-status';
import { formatPAliveThreshold as percent } from '../../format/format-number';

const O = DEFAULT_CHURN_STATUS_OPTIONS;
const DAYS_RULE = `silent more than ${O.atRiskMultiple} and up to ${O.churnMultiple} times their usual gap between purchase days (their own gaps weighed with ${O.priorGaps} assumed gaps of ${O.priorGapDays} days, so a one-time buyer from ${O.atRiskMultiple * O.priorGapDays} to ${O.churnMultiple * O.priorGapDays} days; a gap under ${O.minGapDays} days counting as ${O.minGapDays})`;

/**
 * The rule behind the churn status "At Risk" of a run, in words, from its metrics' `churnBasis`
 * ({ pAlive, rules, thresholds: { atRiskBelow, churnedBelow } }: how many customers P(alive)
 * judged and its cut points); runs without it were all judged by days silent against their own gap.
 */
export function describeAtRiskRule(churnBasis: unknown): string {
  const basis = (churnBasis && typeof churnBasis === 'object' ? churnBasis : {}) as {
    pAlive?: unknown;
    rules?: unknown;
    thresholds?: { atRiskBelow?: unknown; churnedBelow?: unknown };
  };
  const { atRiskBelow, churnedBelow } = basis.thresholds ?? {};
  const byModel = typeof basis.pAlive === 'number' && basis.pAlive > 0 && typeof atRiskBelow === 'number' && typeof churnedBelow === 'number';
  if (!byModel) return `churn status “At Risk”: ${DAYS_RULE}`;
  const model = `P(alive) from ${percent(churnedBelow)} to under ${percent(atRiskBelow)}`;
  return basis.rules === 0 ? `churn status “At Risk”: ${model}` : `churn status “At Risk”: ${model}; where the purchase model cannot tell, ${DAYS_RULE}`;
}
