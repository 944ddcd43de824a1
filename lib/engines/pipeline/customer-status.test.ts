import { describe, expect, test } from 'vitest';
import { churnStatus } from '../rfm/churn-status';
import { combinedSegmentName, customerStatus } from './customer-status';

// Four customers: the rule calls them Active (gap 100, silent 10), At Risk (silent 200),
// At Risk (one-time buyer silent 100) and Churned (one-time buyer silent 400).
const rules = churnStatus({
  recency: Float64Array.of(10, 200, 100, 400),
  occasions: Float64Array.of(5, 5, 1, 1),
  tenure: Float64Array.of(410, 600, 100, 400),
});

describe('customerStatus', () => {
  test('follows P(alive) where there is one and keeps the rule where there is not', () => {
    expect(Array.from(rules.status)).toEqual([0, 1, 1, 2]);
    const s = customerStatus(rules, Float64Array.of(0.05, 0.95, 0.5, NaN));
    expect(Array.from(s.status)).toEqual([2, 0, 1, 2]);
    expect(Array.from(s.basis)).toEqual([0, 0, 0, 1]);
    expect(Array.from(s.counts)).toEqual([1, 1, 2]);
    expect(Array.from(s.basisCounts)).toEqual([3, 1]);
  });

  test.each([
    [0.7, 0],
    [0.6999, 1],
    [0.3, 1],
    [0.2999, 2],
    [0, 2],
    [1, 0],
  ])('P(alive) %f gives status %i at the default thresholds (0.7, 0.3)', (p, expected) => {
    const one = churnStatus({ recency: Float64Array.of(1), occasions: Float64Array.of(2), tenure: Float64Array.of(30) });
    expect(customerStatus(one, Float64Array.of(p)).status[0]).toBe(expected);
  });

  test('never shows Churned beside a P(alive) at or above the churn threshold, for any thresholds', () => {
    const p = Float64Array.from({ length: 4 }, (_, i) => i / 3);
    const s = customerStatus(rules, p, { atRiskBelow: 0.9, churnedBelow: 0.5 });
    for (let c = 0; c < 4; c++) if (s.status[c] === 2) expect(p[c]).toBeLessThan(0.5);
    expect(Array.from(s.status)).toEqual([2, 2, 1, 0]);
  });

  test('refuses thresholds out of order and a P(alive) column of the wrong length', () => {
    expect(() => customerStatus(rules, new Float64Array(4), { atRiskBelow: 0.2, churnedBelow: 0.5 })).toThrow(/0 <= churned \(0.5\) <= at risk \(0.2\) <= 1/);
    expect(() => customerStatus(rules, new Float64Array(3))).toThrow(/3 entries for 4 customers/);
  });
});

test('combinedSegmentName joins the churn status and the segment', () => {
  expect(combinedSegmentName('At Risk', 'Loyal Customers')).toBe('At Risk · Loyal Customers');
});
