import { expect, test } from 'vitest';
import { scoreRangeLabel } from './score-range-label';

test.each([
  ['recency', 2, 4, null, '2–4'],
  ['recency', 1, 1, null, '1'],
  ['recency', 0, 1200, null, '0–1,200'],
  ['frequency', 1, 1, null, '1'],
  ['frequency', 2, 5, null, '2–5'],
  ['monetary', 712.9, 1499.5, 'GBP', '£713–£1.5K'],
  ['monetary', 195.04, 382.3, 'GBP', '£195–£382'],
  ['monetary', 150, 150, 'GBP', '£150'],
  ['monetary', 0, 4.5, 'GBP', '£0–£4.5'],
  ['monetary', 12.5, 99, null, '13–99'],
  ['monetary', null, null, 'GBP', 'none'],
] as const)('%s from %s to %s in %s reads "%s"', (dimension, min, max, currency, expected) => {
  expect(scoreRangeLabel(dimension, min, max, currency)).toBe(expected);
});
