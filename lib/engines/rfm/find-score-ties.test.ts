import { expect, test } from 'vitest';
import { scoreQuintiles } from './score-quintiles';

const col = (values: number[]) => new Float64Array(values);

// Ten recencies, five at 30 days. Largest first: 90 60 | 30 x5 (ranks 2-6) | 14 7 2.
// An even split scores ranks 2-6 as floor(rank / 2) + 1 = 2 2 3 3 4, so the 30s cover scores 2 to 4;
// no other value is shared. Quantile breaks give them all 4 (bin 2 of 12.6 30 30 36, reversed); the
// average rank 4 gives 3. Ascending, the 30s sit at ranks 3-7 (scores 2-4) and get bin 2.
const recency = [7, 30, 30, 30, 30, 2, 90, 14, 30, 60];

test.each([
  { scoring: 'quantile-breaks', direction: 'descending', score: 4 },
  { scoring: 'quantile-breaks', direction: 'ascending', score: 2 },
  { scoring: 'average-rank', direction: 'descending', score: 3 },
  { scoring: 'average-rank', direction: 'ascending', score: 3 },
] as const)('$scoring, $direction: the 30-day run spans scores 2-4 and gets $score', ({ scoring, direction, score }) => {
  expect(scoreQuintiles(col(recency), { scoring, direction }).ties).toEqual([
    { value: 30, customers: 5, score, evenSplitScores: [2, 3, 4] },
  ]);
});

test('rank scoring splits ties, so it reports none', () => {
  expect(scoreQuintiles(col(recency), { scoring: 'rank' }).ties).toEqual([]);
});

test.each([
  // 1 1 2 3 4 5 6 7 8 9: the 1s sit at ranks 0-1, both score 1 by rank: not a tie that matters.
  { values: [1, 1, 2, 3, 4, 5, 6, 7, 8, 9], ties: [] },
  // 1 1 1 2 ...: ranks 0-2 score 1 1 2 by rank -> reported.
  { values: [1, 1, 1, 2, 3, 4, 5, 6, 7, 8], ties: [{ value: 1, customers: 3, score: 1, evenSplitScores: [1, 2] }] },
  // Two equal customers: ranks 0 and 1 of 2 score 1 and 5 by rank; the breaks give both 3.
  { values: [4, 4], ties: [{ value: 4, customers: 2, score: 3, evenSplitScores: [1, 2, 3, 4, 5] }] },
  { values: [4], ties: [] },
])('only ties that cross a fifth are reported: $values', ({ values, ties }) => {
  expect(scoreQuintiles(col(values)).ties).toEqual(ties);
});

test('-0 and 0 are one value', () => {
  expect(scoreQuintiles(col([-0, 0, 0, 5, 6, 7, 8, 9, 10, 11])).ties).toEqual([
    { value: 0, customers: 3, score: 1, evenSplitScores: [1, 2] },
  ]);
});
