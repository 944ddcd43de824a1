import { expect, test } from 'vitest';
import { describeAtRiskRule } from './describe-at-risk-rule';

const DAYS = 'silent more than 1.5 and up to 3 times their usual gap between purchase days (their own gaps weighed with 2 assumed gaps of 60 days, so a one-time buyer from 90 to 180 days; a gap under 14 days counting as 14)';

test.each([
  ['a run without the basis (days silent for everyone)', null, `churn status “At Risk”: ${DAYS}`],
  ['a run whose model judged no one', { pAlive: 0, rules: 40, thresholds: { atRiskBelow: 0.7, churnedBelow: 0.3 } }, `churn status “At Risk”: ${DAYS}`],
  ['a run whose model judged everyone', { pAlive: 40, rules: 0, thresholds: { atRiskBelow: 0.7, churnedBelow: 0.3 } }, 'churn status “At Risk”: P(alive) from 30% to under 70%'],
  [
    'a run judged both ways',
    { pAlive: 30, rules: 10, thresholds: { atRiskBelow: 0.6, churnedBelow: 0.25 } },
    `churn status “At Risk”: P(alive) from 25% to under 60%; where the purchase model cannot tell, ${DAYS}`,
  ],
])('%s', (_, basis, words) => {
  expect(describeAtRiskRule(basis)).toBe(words);
});
