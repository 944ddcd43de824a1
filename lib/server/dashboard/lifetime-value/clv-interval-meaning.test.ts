import { expect, test } from 'vitest';
import { CLV_INTERVAL_MEANING, clvIntervalLabel } from './clv-interval-meaning';

test.each([
  [0.9, '90 % interval of the estimate (parameter uncertainty)'],
  [0.95, '95 % interval of the estimate (parameter uncertainty)'],
  [null, 'Interval of the estimate (parameter uncertainty)'],
])('clvIntervalLabel(%s) says the interval is of the estimate', (level, label) => {
  expect(clvIntervalLabel(level)).toBe(label);
});

test('the explanation says what the interval leaves out', () => {
  expect(CLV_INTERVAL_MEANING).toMatch(/^Parameter uncertainty only/);
  expect(CLV_INTERVAL_MEANING).toContain("customer's own purchases");
});
