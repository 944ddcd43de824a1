import { expect, test } from 'vitest';
import { scoreQuintiles } from './score-quintiles';
import { unevenScoresOf } from './uneven-scores';

const col = (values: number[]) => new Float64Array(values);

test('no tie across a fifth: null', () => {
  expect(unevenScoresOf('monetary', scoreQuintiles(col([10, 20, 30, 40, 50, 60])))).toBeNull();
  // Rank scoring splits ties, so even a column of equal values is 'even'.
  expect(unevenScoresOf('frequency', scoreQuintiles(col([1, 1, 1, 1, 1]), { scoring: 'rank' }))).toBeNull();
});

test('Online Retail-like frequency: counts, empty scores, ties and the sentence', () => {
  // 4 one-order customers of 10 (ranks 0-3: scores 1 1 2 2 by rank) all score F 1; breaks 1 1.6 2.4 5.6
  // leave F 2 empty; the two 2s (ranks 4-5) score 3 either way.
  const uneven = unevenScoresOf('frequency', scoreQuintiles(col([1, 1, 2, 5, 1, 3, 1, 8, 2, 12]), { column: 'frequency' }));
  expect(uneven).toEqual({
    dimension: 'frequency',
    counts: [4, 0, 2, 2, 2],
    emptyScores: [2],
    ties: [{ value: 1, customers: 4, score: 1, evenSplitScores: [1, 2] }],
    reason:
      'Equal frequency values share one score, so the frequency groups are uneven (4, 0, 2, 2 and 2 customers on ' +
      'scores 1 to 5): 4 customers (40 %) have a frequency of 1 and all score 1, where an even split would spread ' +
      'them over scores 1 and 2. No customer scores 2 on frequency.',
  });
});

test('40 identical recencies: one score, four empty ones', () => {
  const uneven = unevenScoresOf('recency', scoreQuintiles(col(new Array(40).fill(77)), { direction: 'descending' }));
  expect(uneven?.counts).toEqual([0, 0, 40, 0, 0]);
  expect(uneven?.reason).toBe(
    'Equal recency values share one score, so the recency groups are uneven (0, 0, 40, 0 and 0 customers on ' +
      'scores 1 to 5): 40 customers (100 %) have a recency of 77 days and all score 3, where an even split would ' +
      'spread them over scores 1 to 5. No customer scores 1, 2, 4 or 5 on recency.',
  );
});

test('several ties, thousands separators, small shares and money', () => {
  // 1,200 customers at 25.5, then 1 customer each at 26..(26 + 799), then 1,000 at 2,000.
  const values = [...new Array(1200).fill(25.5), ...Array.from({ length: 800 }, (_, i) => 26 + i), ...new Array(1000).fill(2000)];
  // n = 3,000. Breaks at positions 599.8, 1199.6, 1799.4, 2399.2: 25.5, 25.5 + 0.6 * 0.5 = 25.8, 625.4, 2000.
  // 25.5 -> bin 1 (ranks 0-1199 score 1-2 by rank); 2000 -> bin 4 (ranks 2000-2999 score 4-5).
  const uneven = unevenScoresOf('monetary', scoreQuintiles(col(values)));
  expect(uneven?.counts).toEqual([1200, 0, 600, 1200, 0]);
  expect(uneven?.ties.map((t) => [t.value, t.customers, t.score, t.evenSplitScores])).toEqual([
    [25.5, 1200, 1, [1, 2]],
    [2000, 1000, 4, [4, 5]],
  ]);
  expect(uneven?.reason).toContain(
    '1,200 customers (40 %) have a monetary value of 25.5 and all score 1, where an even split would spread them over scores 1 and 2; ' +
      '1,000 customers (33 %) have a monetary value of 2,000 and all score 4',
  );
  expect(uneven?.reason).toContain('No customer scores 2 or 5 on monetary.');
});

test('a tie of a few customers in a large column leaves the groups near fifths: no note', () => {
  // 0 .. 999 with 198 .. 202 all set to 200: five customers straddle the first break (199.8).
  const values = Float64Array.from({ length: 1000 }, (_, i) => (i >= 198 && i <= 202 ? 200 : i));
  const quintiles = scoreQuintiles(values, { column: 'frequency' });
  expect(quintiles.ties.length).toBeGreaterThan(0);
  expect(quintiles.cutPoints.map((c) => c.count)).toEqual([203, 197, 200, 200, 200]);
  expect(unevenScoresOf('frequency', quintiles)).toBeNull();
});
