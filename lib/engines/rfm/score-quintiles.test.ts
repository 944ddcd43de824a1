import { describe, expect, test } from 'vitest';
import { EngineError } from '../errors';
import { createRng } from '../random';
import { scoreOfRank } from './score-of-rank';
import { scoreQuintiles } from './score-quintiles';

const col = (values: number[]) => new Float64Array(values);
const scoresOf = (values: number[], options = {}) => Array.from(scoreQuintiles(col(values), options).scores);

function sizes(scores: Uint8Array): number[] {
  const counts = [0, 0, 0, 0, 0];
  for (const s of scores) counts[s - 1]++;
  return counts;
}

function shuffle(n: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm;
}

describe('scoreOfRank', () => {
  // n >= 5: floor(rank * 5 / n) + 1. n < 5: 1 + round(rank * 4 / (n - 1)); n = 1: 3.
  test.each([
    { n: 1, expected: [3] },
    { n: 2, expected: [1, 5] },
    { n: 3, expected: [1, 3, 5] },
    { n: 4, expected: [1, 2, 4, 5] }, // 4/3 = 1.33 -> 2, 8/3 = 2.67 -> 4
    { n: 5, expected: [1, 2, 3, 4, 5] },
    { n: 6, expected: [1, 1, 2, 3, 4, 5] }, // 5r/6 = 0, .83, 1.67, 2.5, 3.33, 4.17
    { n: 7, expected: [1, 1, 2, 3, 3, 4, 5] }, // 5r/7 = 0, .71, 1.43, 2.14, 2.86, 3.57, 4.29
    { n: 10, expected: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5] },
  ])('ranks 0..$n-1 of $n', ({ n, expected }) => {
    expect(Array.from({ length: n }, (_, rank) => scoreOfRank(rank, n))).toEqual(expected);
  });
});

describe('scoreQuintiles', () => {
  test.each([
    { values: [42], direction: 'ascending', scoring: 'rank', expected: [3] },
    { values: [42], direction: 'descending', scoring: 'rank', expected: [3] },
    { values: [42], direction: 'ascending', scoring: 'quantile-breaks', expected: [3] },
    { values: [42], direction: 'descending', scoring: 'quantile-breaks', expected: [3] },
    { values: [7, 3], direction: 'ascending', scoring: 'rank', expected: [5, 1] },
    { values: [7, 3], direction: 'descending', scoring: 'rank', expected: [1, 5] },
    // Breaks 3.8 4.6 5.4 6.2 lie between the two values.
    { values: [7, 3], direction: 'ascending', scoring: 'quantile-breaks', expected: [5, 1] },
    { values: [7, 3], direction: 'descending', scoring: 'quantile-breaks', expected: [1, 5] },
    { values: [30, 10, 20], direction: 'ascending', scoring: 'rank', expected: [5, 1, 3] },
    // Breaks 14 18 22 26: 10 below all, 20 above two, 30 above all.
    { values: [30, 10, 20], direction: 'ascending', scoring: 'quantile-breaks', expected: [5, 1, 3] },
    { values: [10, 20, 30, 40, 50, 60], direction: 'ascending', scoring: 'rank', expected: [1, 1, 2, 3, 4, 5] },
    // Reversed: largest value first, so 60 and 50 share score 1 and the smallest scores 5.
    { values: [10, 20, 30, 40, 50, 60], direction: 'descending', scoring: 'rank', expected: [5, 4, 3, 2, 1, 1] },
    // Breaks at positions 1 2 3 4 of 0..5: 20 30 40 50; bins (right-closed) 1 1 2 3 4 5.
    { values: [10, 20, 30, 40, 50, 60], direction: 'ascending', scoring: 'quantile-breaks', expected: [1, 1, 2, 3, 4, 5] },
    // Descending scores 6 - bin (R rfm, qcut with labels 5..1): the two smallest share 5, not the two largest 1.
    { values: [10, 20, 30, 40, 50, 60], direction: 'descending', scoring: 'quantile-breaks', expected: [5, 5, 4, 3, 2, 1] },
    { values: [5, 40, 12, 90, 3], direction: 'descending', scoring: 'rank', expected: [4, 2, 3, 1, 5] },
    // Sorted 3 5 12 40 90, breaks 4.6 9.2 23.2 50: bins 2 4 3 5 1, scores 6 - bin.
    { values: [5, 40, 12, 90, 3], direction: 'descending', scoring: 'quantile-breaks', expected: [4, 2, 3, 1, 5] },
  ] as const)('$scoring, $direction $values', ({ values, direction, scoring, expected }) => {
    expect(scoresOf([...values], { direction, scoring })).toEqual(expected);
  });

  test('the default is quantile-breaks', () => {
    const values = col([10, 20, 30, 40, 50, 60]);
    const byDefault = scoreQuintiles(values, { direction: 'descending' });
    expect(byDefault).toEqual(scoreQuintiles(values, { direction: 'descending', scoring: 'quantile-breaks' }));
    expect(Array.from(byDefault.scores)).toEqual([5, 5, 4, 3, 2, 1]);
    expect(scoreQuintiles(values, { scoring: undefined }).breaks).toEqual([20, 30, 40, 50]);
  });

  // Ten-customer frequency column with four 1s and two 2s.
  // Ascending order, ties by index: c0 c1 c4 c6 (1) | c2 c8 (2) | c5 (3) | c3 (5) | c7 (8) | c9 (12)
  // rank mode, score = floor(rank / 2) + 1: c0 1, c1 1, c4 2, c6 2, c2 3, c8 3, c5 4, c3 4, c7 5, c9 5.
  // average mode: the 1s share rank 1.5 -> floor(0.75) + 1 = 1; the 2s share rank 4.5 -> floor(2.25) + 1 = 3.
  // quantile-breaks: sorted 1 1 1 1 2 2 3 5 8 12, positions 1.8 3.6 5.4 7.2 -> breaks 1, 1 + 0.6 = 1.6,
  //   2 + 0.4 = 2.4, 5 + 0.2 * 3 = 5.6. Bins: 1 -> 1; 2 -> 3 (above 1 and 1.6); 3 and 5 -> 4; 8 and 12 -> 5.
  //   Score 2's bin (1, 1.6] is empty; here the groups happen to equal average mode's.
  const frequency10 = [1, 1, 2, 5, 1, 3, 1, 8, 2, 12];
  test.each([
    { scoring: 'rank', expected: [1, 1, 3, 4, 2, 4, 2, 5, 3, 5] },
    { scoring: 'average-rank', expected: [1, 1, 3, 4, 1, 4, 1, 5, 3, 5] },
    { scoring: 'quantile-breaks', expected: [1, 1, 3, 4, 1, 4, 1, 5, 3, 5] },
  ] as const)('scoring: $scoring on a ten-customer frequency column', ({ scoring, expected }) => {
    expect(scoresOf(frequency10, { scoring })).toEqual(expected);
  });

  test.each([
    { scoring: 'rank', direction: 'ascending', expected: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5] },
    // Ties go by index in both directions: the lower index gets the lower score.
    { scoring: 'rank', direction: 'descending', expected: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5] },
    // Average rank 4.5 of 10 -> floor(2.25) + 1 = 3.
    { scoring: 'average-rank', direction: 'ascending', expected: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3] },
    { scoring: 'average-rank', direction: 'descending', expected: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3] },
    // Every break is 4, so the value sits on all of them: one distinct value scores the neutral 3.
    { scoring: 'quantile-breaks', direction: 'ascending', expected: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3] },
    { scoring: 'quantile-breaks', direction: 'descending', expected: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3] },
  ] as const)('all identical values, scoring: $scoring, $direction', ({ scoring, direction, expected }) => {
    expect(scoresOf(new Array(10).fill(4), { scoring, direction })).toEqual(expected);
  });

  test.each([
    { n: 2, scoring: 'average-rank', expected: [3, 3] }, // average rank 0.5 of 2 -> 1 + round(2) = 3
    { n: 4, scoring: 'average-rank', expected: [3, 3, 3, 3] }, // average rank 1.5 of 4 -> 1 + round(2) = 3
    { n: 2, scoring: 'quantile-breaks', expected: [3, 3] },
    { n: 4, scoring: 'quantile-breaks', expected: [3, 3, 3, 3] },
  ] as const)('all identical, $scoring, n = $n', ({ n, scoring, expected }) => {
    expect(scoresOf(new Array(n).fill(1), { scoring })).toEqual(expected);
  });

  test.each(['rank', 'average-rank', 'quantile-breaks'] as const)(
    'n = 1000 distinct values: exactly 200 per score (scoring: %s)',
    (scoring) => {
      const rng = createRng(7);
      const values = new Float64Array(1000);
      for (let i = 0; i < values.length; i++) values[i] = rng.next() * 5000;
      expect(sizes(scoreQuintiles(values, { scoring }).scores)).toEqual([200, 200, 200, 200, 200]);
      expect(sizes(scoreQuintiles(values, { scoring, direction: 'descending' }).scores)).toEqual([200, 200, 200, 200, 200]);
    },
  );

  test('n = 1000 with heavy ties: rank scoring still gives exactly 200 per score', () => {
    const rng = createRng(11);
    const values = new Float64Array(1000);
    for (let i = 0; i < values.length; i++) values[i] = 1 + rng.poisson(0.7);
    expect(sizes(scoreQuintiles(values, { scoring: 'rank' }).scores)).toEqual([200, 200, 200, 200, 200]);
  });

  test('n = 1003, rank: sizes ceil(k n / 5) - ceil((k - 1) n / 5)', () => {
    const values = new Float64Array(1003);
    for (let i = 0; i < values.length; i++) values[i] = (i * 7919) % 1003;
    expect(sizes(scoreQuintiles(values, { scoring: 'rank' }).scores)).toEqual([201, 201, 200, 201, 200]);
  });

  test('n = 1003, quantile-breaks: a value is above break k when its 0-based rank exceeds 1002 k / 5', () => {
    // The values are 0..1002 once each; breaks at positions 200.4 400.8 601.2 801.6 are those numbers.
    // Bins: ranks 0-200 (201), 201-400 (200), 401-601 (201), 602-801 (200), 802-1002 (201).
    const values = new Float64Array(1003);
    for (let i = 0; i < values.length; i++) values[i] = (i * 7919) % 1003;
    const result = scoreQuintiles(values);
    expect(sizes(result.scores)).toEqual([201, 200, 201, 200, 201]);
    expect(result.breaks).toEqual([200.4, 400.8, 601.2, 801.6].map((b) => expect.closeTo(b, 9)));
    expect(result.ties).toEqual([]);
  });

  test('the same input twice gives the same scores, ties included', () => {
    const rng = createRng(3);
    const values = new Float64Array(500);
    for (let i = 0; i < values.length; i++) values[i] = rng.poisson(2);
    expect(scoreQuintiles(values).scores).toEqual(scoreQuintiles(values.slice()).scores);
  });

  test.each([
    { label: 'distinct values, rank', scoring: 'rank', tied: false },
    { label: 'distinct values, average-rank', scoring: 'average-rank', tied: false },
    { label: 'distinct values, quantile-breaks', scoring: 'quantile-breaks', tied: false },
    // Average ranks and quantile breaks do not look at the index, so they are order-free even with ties.
    { label: 'tied values, average-rank', scoring: 'average-rank', tied: true },
    { label: 'tied values, quantile-breaks', scoring: 'quantile-breaks', tied: true },
  ] as const)('shuffling customers keeps each customer’s score: $label', ({ scoring, tied }) => {
    const n = 737;
    const rng = createRng(5);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = tied ? rng.poisson(1.5) : rng.next() * 1000;
    const perm = shuffle(n, 99);
    const shuffled = new Float64Array(n);
    for (let i = 0; i < n; i++) shuffled[i] = values[perm[i]];
    for (const direction of ['ascending', 'descending'] as const) {
      const before = scoreQuintiles(values, { scoring, direction }).scores;
      const after = scoreQuintiles(shuffled, { scoring, direction }).scores;
      for (let i = 0; i < n; i++) expect(after[i]).toBe(before[perm[i]]);
    }
  });

  test('cut points give the value range behind each score', () => {
    // Recency reversed: 90 -> 1, 40 -> 2, 12 -> 3, 5 -> 4, 3 -> 5.
    const { cutPoints } = scoreQuintiles(col([5, 40, 12, 90, 3]), { direction: 'descending' });
    expect(cutPoints).toEqual([
      { score: 1, min: 90, max: 90, count: 1 },
      { score: 2, min: 40, max: 40, count: 1 },
      { score: 3, min: 12, max: 12, count: 1 },
      { score: 4, min: 5, max: 5, count: 1 },
      { score: 5, min: 3, max: 3, count: 1 },
    ]);
  });

  test('cut points: neighbouring scores share a tied value; unused scores are null', () => {
    // Ascending rank mode on 1,1,1,1,2,2,3,5,8,12 (already sorted): scores 1 1 2 2 3 3 4 4 5 5.
    const rank = scoreQuintiles(col([1, 1, 1, 1, 2, 2, 3, 5, 8, 12]), { scoring: 'rank' }).cutPoints;
    expect(rank.map((c) => [c.min, c.max, c.count])).toEqual([
      [1, 1, 2],
      [1, 1, 2],
      [2, 2, 2],
      [3, 5, 2],
      [8, 12, 2],
    ]);
    const average = scoreQuintiles(col([1, 1, 1, 1, 2, 2, 3, 5, 8, 12]), { scoring: 'average-rank' }).cutPoints;
    const tieAware = [
      [1, 1, 4],
      [null, null, 0],
      [2, 2, 2],
      [3, 5, 2],
      [8, 12, 2],
    ];
    expect(average.map((c) => [c.min, c.max, c.count])).toEqual(tieAware);
    // Breaks 1 1.6 2.4 5.6 (see the ten-customer column above): the same groups.
    const breaks = scoreQuintiles(col([1, 1, 1, 1, 2, 2, 3, 5, 8, 12])).cutPoints;
    expect(breaks.map((c) => [c.min, c.max, c.count])).toEqual(tieAware);
  });

  test.each([
    { label: 'empty column', values: [], code: 'NO_CUSTOMERS', message: /recency column is empty/ },
    { label: 'NaN', values: [1, Number.NaN, 3], code: 'INVALID_INPUT', message: /recency column .*NaN.* position 1/ },
    { label: 'Infinity', values: [1, 2, Infinity], code: 'INVALID_INPUT', message: /recency column .*infinite.* position 2/ },
  ])('rejects $label', ({ values, code, message }) => {
    const run = () => scoreQuintiles(col(values), { column: 'recency' });
    expect(run).toThrow(EngineError);
    expect(run).toThrow(message);
    expect(() => run()).toThrow(expect.objectContaining({ code }));
  });

  test.each([
    { options: { scoring: 'median' }, message: /Unknown scoring method "median"; use 'quantile-breaks', 'rank', 'average-rank'/ },
    { options: { direction: 'up' }, message: /Unknown direction "up"/ },
  ])('rejects bad option $options', ({ options, message }) => {
    const run = () => scoreQuintiles(col([1, 2, 3]), options as never);
    expect(run).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(run).toThrow(message);
  });

  test('rejects a plain array', () => {
    expect(() => scoreQuintiles([1, 2, 3] as unknown as Float64Array)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
