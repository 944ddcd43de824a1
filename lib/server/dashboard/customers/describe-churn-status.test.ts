import { expect, test } from 'vitest';
import { describeChurnStatus } from './describe-churn-status';

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
