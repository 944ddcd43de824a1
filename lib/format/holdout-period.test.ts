import { expect, test } from 'vitest';
import { holdoutPeriod, holdoutPeriodLength } from './holdout-period';

test.each([
  // A weekly model's 99 days (14.1429 weeks) and the comparison's 99 days read alike, exactly.
  [14.1429, 'weeks', '99 days'],
  [99, 'days', '99 days'],
  [14, 'weeks', '14 weeks'],
  [98, 'days', '14 weeks'],
  [1, 'weeks', '1 week'],
  [7, 'days', '1 week'],
  [1.2, 'weeks', '8 days'],
  [1, 'days', '1 day'],
  [0.2, 'days', '1 day'],
] as const)('%d %s is "%s"', (length, unit, expected) => {
  expect(holdoutPeriodLength(length, unit)).toBe(expected);
});

test('the period in a sentence', () => {
  expect(holdoutPeriod(94, 'days')).toBe('the 94 days held back');
});
