import { expect, test } from 'vitest';
import { describeChurnStatus, describeDaysSilentFigures } from './describe-churn-status';

test.each([
  ['Churned', 'P(alive)', 0.12, 'Churned · P(alive) 12.0%'],
  ['Churned', 'P(alive)', 0.088, 'Churned · P(alive) 8.8%'],
  ['Churned', 'P(alive)', 0.29996, 'Churned · P(alive) 29.9%'],
  ['At Risk', 'P(alive)', 0.6999, 'At Risk · P(alive) 69.9%'],
  ['At Risk', 'P(alive)', 0.3, 'At Risk · P(alive) 30.0%'],
  ['Active', 'P(alive)', 1, 'Active · P(alive) 100.0%'],
  ['Churned', 'rules', null, 'Churned · by days silent'],
  ['At Risk', 'rules', 0.9, 'At Risk · by days silent'],
  ['Active', 'P(alive)', null, 'Active · by P(alive)'],
])('describeChurnStatus(%s, %s, %s) = %s', (status, basis, pAlive, expected) => {
  expect(describeChurnStatus(status, basis, pAlive)).toBe(expected);
});

test.each([
  // 17 purchase days over 180 days, silent 35: gap (180 + 120) / 18 = 16.67, at risk after 25, churned after 50.
  ['At Risk', 'rules', 35, 17, 215, 'Usual gap between purchase days 16.7 days: At Risk after 25 days silent, Churned after 50; silent 35 days.'],
  // A one-time buyer: gap 60, thresholds 90 / 180.
  ['Churned', 'rules', 200, 1, 200, 'Usual gap between purchase days 60 days: At Risk after 90 days silent, Churned after 180; silent 200 days.'],
  // Daily for 40 days: the gap counts as 14.
  ['At Risk', 'rules', 30, 40, 69, 'Usual gap between purchase days 14 days: At Risk after 21 days silent, Churned after 42; silent 30 days.'],
  // The stored status disagrees with today's rule (a run judged by an earlier rule): nothing said.
  ['Churned', 'rules', 35, 17, 215, null],
  ['Churned', 'P(alive)', 200, 1, 200, null],
  ['Churned', 'rules', 200, null, 200, null],
] as const)('describeDaysSilentFigures(%s, %s, recency %s, %s purchase days, tenure %s)', (status, basis, recency, occasions, tenure, expected) => {
  expect(describeDaysSilentFigures(status, basis, recency, occasions, tenure)).toBe(expected);
});
