import { expect, test } from 'vitest';
import { DEFAULT_SEGMENT_RULES } from '../../../engines/rfm/segment-rules';
import { explainCustomerSegment, type SegmentExplanationInput } from './explain-customer-segment';

const base = { rules: DEFAULT_SEGMENT_RULES, snapshot: '2025-01-01' };

test.each<[Omit<SegmentExplanationInput, 'rules' | 'snapshot'>, string]>([
  [
    { frequency: 12, recency: 5, monetary: 3400, rScore: 5, fScore: 5, mScore: 5, segment: 'Champions' },
    'Placed 12 orders, most recently 5 days before the snapshot (2025-01-01), spending 3,400.00 in total; among all customers that is the top fifth for recency (R 5), frequency (F 5) and spending (M 5). That matches the first segment rule, "Champions" (R 5, F 5, M 5).',
  ],
  [
    { frequency: 4, recency: 20, monetary: 900, rScore: 5, fScore: 4, mScore: 4, segment: 'Potential Loyalist' },
    'Placed 4 orders, most recently 20 days before the snapshot (2025-01-01), spending 900.00 in total; among all customers that is the top fifth for recency (R 5) and the second fifth for frequency (F 4) and spending (M 4). Segment rules are checked in order and the first match wins: the score 544 misses "Champions" and matches "Potential Loyalist" (R 3-5, F 3-5, M 2-5).',
  ],
  [
    { frequency: 1, recency: 300, monetary: 50, rScore: 1, fScore: 1, mScore: 1, segment: 'Lost' },
    'Placed 1 order, most recently 300 days before the snapshot (2025-01-01), spending 50.00 in total; among all customers that is the bottom fifth for recency (R 1), frequency (F 1) and spending (M 1). Segment rules are checked in order and the first match wins: the score 111 misses the 9 rules before and matches "Lost" (R 1, F 1-5, M 1-5).',
  ],
  [
    { frequency: 2, recency: 150, monetary: 100, rScore: 2, fScore: 1, mScore: 5, segment: 'Others' },
    'Placed 2 orders, most recently 150 days before the snapshot (2025-01-01), spending 100.00 in total; among all customers that is the top fifth for spending (M 5), the fourth fifth for recency (R 2) and the bottom fifth for frequency (F 1). No segment rule covers the score 215, so the customer falls in "Others".',
  ],
])('%j', (customer, expected) => {
  expect(explainCustomerSegment({ ...customer, ...base })).toBe(expected);
});

test('a stored segment the rules no longer give is reported as stored', () => {
  const text = explainCustomerSegment({ ...base, frequency: 1, recency: 1, monetary: 1, rScore: 5, fScore: 5, mScore: 5, segment: 'VIP' });
  expect(text).toMatch(/placed the customer in "VIP" with the score 555\.$/);
});

test.each([
  [{ currency: 'AUD', valueBasis: 'net' }, 'spending A$978.33 in total, net of refunds; among'],
  [{ currency: 'USD', valueBasis: 'gross' }, 'spending $978.33 in total, gross; among'],
  [{ currency: null, valueBasis: null }, 'spending 978.33 in total; among'],
] as const)('the money spent is named with the run’s currency and value basis %o', (money, words) => {
  const text = explainCustomerSegment({ ...base, frequency: 3, recency: 10, monetary: 978.33, rScore: 5, fScore: 4, mScore: 5, segment: 'Loyal', money });
  expect(text).toContain(words);
});

test.each([
  [6, 4, 'Placed 6 orders on 4 days, most recently'],
  [1, 1, 'Placed 1 order on 1 day, most recently'],
  [3, null, 'Placed 3 orders, most recently'],
] as const)('orders and occasions are each named: %i orders on %s days', (frequency, occasions, words) => {
  const text = explainCustomerSegment({ ...base, frequency, occasions, recency: 10, monetary: 100, rScore: 5, fScore: 4, mScore: 5, segment: 'Loyal' });
  expect(text.startsWith(words)).toBe(true);
  expect(text).not.toMatch(/times|once|twice/);
});
