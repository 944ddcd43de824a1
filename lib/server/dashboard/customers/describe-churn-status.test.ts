import { expect, test } from 'vitest';
import { describeChurnStatus } from './describe-churn-status';

test.each([
  ['Churned', 'P(alive)', 0.12, 'Churned · P(alive) 12 %'],
  ['Churned', 'P(alive)', 0.2999, 'Churned · P(alive) 29 %'],
  ['At Risk', 'P(alive)', 0.695, 'At Risk · P(alive) 69 %'],
  ['Active', 'P(alive)', 1, 'Active · P(alive) 100 %'],
  ['Churned', 'rules', null, 'Churned · by days silent'],
  ['At Risk', 'rules', 0.9, 'At Risk · by days silent'],
  ['Active', 'P(alive)', null, 'Active · by P(alive)'],
])('describeChurnStatus(%s, %s, %s) = %s', (status, basis, pAlive, expected) => {
  expect(describeChurnStatus(status, basis, pAlive)).toBe(expected);
});
