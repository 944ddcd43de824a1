import { expect, test } from 'vitest';
import { scoreRangeLabel } from './score-range-label';

test.each([
  ['recency', 2, 4, null, '2–4 days'],
  ['recency', 1, 1, null, '1 day'],
  ['recency', 0, 1200, null, '0–1,200 days'],
  ['frequency', 1, 1, null, '1 order'],
  ['frequency', 2, 5, null, '2–5 orders'],
  ['monetary', 600, 1000, 'GBP', '£600–£1K'],
  ['monetary', 150, 150, 'GBP', '£150'],
  ['monetary', 12.5, 99, null, '12.5–99'],
  ['monetary', null, null, 'GBP', 'none'],
] as const)('%s from %s to %s in %s reads "%s"', (dimension, min, max, currency, expected) => {
  expect(scoreRangeLabel(dimension, min, max, currency)).toBe(expected);
});
