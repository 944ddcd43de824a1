import { describe, expect, test } from 'vitest';
import { EngineError } from '../errors';
import { createRng } from '../random';
import { scoreOfRank, scoreQuintiles } from './score-quintiles';

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
    { values: [42], direction: 'ascending', expected: [3] },
    { values: [42], direction: 'descending', expected: [3] },
    { values: [7, 3], direction: 'ascending', expected: [5, 1] },
    { values: [7, 3], direction: 'descending', expected: [1, 5] },
    { values: [30, 10, 20], direction: 'ascending', expected: [5, 1, 3] },
    { values: [10, 20, 30, 40, 50, 60], direction: 'ascending', expected: [1, 1, 2, 3, 4, 5] },
    // Reversed: largest value first, so 60 and 50 share score 1 and the smallest scores 5.
    { values: [10, 20, 30, 40, 50, 60], direction: 'descending', expected: [5, 4, 3, 2, 1, 1] },
    { values: [5, 40, 12, 90, 3], direction: 'descending', expected: [4, 2, 3, 1, 5] },
  ] as const)('$direction $values', ({ values, direction, expected }) => {
    expect(scoresOf([...values], { direction })).toEqual(expected);
  });

  // Ten-customer frequency column with four 1s and two 2s.
  // Ascending order, ties by index: c0 c1 c4 c6 (1) | c2 c8 (2) | c5 (3) | c3 (5) | c7 (8) | c9 (12)
  // rank mode, score = floor(rank / 2) + 1: c0 1, c1 1, c4 2, c6 2, c2 3, c8 3, c5 4, c3 4, c7 5, c9 5.
  // average mode: the 1s share rank 1.5 -> floor(0.75) + 1 = 1; the 2s share rank 4.5 -> floor(2.25) + 1 = 3.
  const frequency10 = [1, 1, 2, 5, 1, 3, 1, 8, 2, 12];
  test.each([
    { ties: 'rank', expected: [1, 1, 3, 4, 2, 4, 2, 5, 3, 5] },
    { ties: 'average', expected: [1, 1, 3, 4, 1, 4, 1, 5, 3, 5] },
  ] as const)('ties: $ties on a ten-customer frequency column', ({ ties, expected }) => {
    expect(scoresOf(frequency10, { ties })).toEqual(expected);
  });

  test.each([
    { ties: 'rank', direction: 'ascending', expected: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5] },
    // Ties go by index in both directions: the lower index gets the lower score.
    { ties: 'rank', direction: 'descending', expected: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5] },
    // Average rank 4.5 of 10 -> floor(2.25) + 1 = 3.
    { ties: 'average', direction: 'ascending', expected: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3] },
    { ties: 'average', direction: 'descending', expected: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3] },
  ] as const)('all identical values, ties: $ties, $direction', ({ ties, direction, expected }) => {
    expect(scoresOf(new Array(10).fill(4), { ties, direction })).toEqual(expected);
  });

  test.each([
    { n: 2, expected: [3, 3] }, // average rank 0.5 of 2 -> 1 + round(2) = 3
    { n: 4, expected: [3, 3, 3, 3] }, // average rank 1.5 of 4 -> 1 + round(2) = 3
  ])('all identical, average ties, n = $n', ({ n, expected }) => {
    expect(scoresOf(new Array(n).fill(1), { ties: 'average' })).toEqual(expected);
  });

  test.each(['rank', 'average'] as const)('n = 1000 distinct values: exactly 200 per score (ties: %s)', (ties) => {
    const rng = createRng(7);
    const values = new Float64Array(1000);
    for (let i = 0; i < values.length; i++) values[i] = rng.next() * 5000;
    expect(sizes(scoreQuintiles(values, { ties }).scores)).toEqual([200, 200, 200, 200, 200]);
    expect(sizes(scoreQuintiles(values, { ties, direction: 'descending' }).scores)).toEqual([200, 200, 200, 200, 200]);
  });

  test('n = 1000 with heavy ties: rank mode still gives exactly 200 per score', () => {
    const rng = createRng(11);
    const values = new Float64Array(1000);
    for (let i = 0; i < values.length; i++) values[i] = 1 + rng.poisson(0.7);
    expect(sizes(scoreQuintiles(values).scores)).toEqual([200, 200, 200, 200, 200]);
  });

  test('n = 1003: sizes ceil(k n / 5) - ceil((k - 1) n / 5)', () => {
    const values = new Float64Array(1003);
    for (let i = 0; i < values.length; i++) values[i] = (i * 7919) % 1003;
    expect(sizes(scoreQuintiles(values).scores)).toEqual([201, 201, 200, 201, 200]);
  });

  test('the same input twice gives the same scores, ties included', () => {
    const rng = createRng(3);
    const values = new Float64Array(500);
    for (let i = 0; i < values.length; i++) values[i] = rng.poisson(2);
    expect(scoreQuintiles(values).scores).toEqual(scoreQuintiles(values.slice()).scores);
  });

  test.each([
    { label: 'distinct values, rank ties', ties: 'rank', tied: false },
    { label: 'distinct values, average ties', ties: 'average', tied: false },
    // Average mode does not look at the index, so it is order-free even with ties.
    { label: 'tied values, average ties', ties: 'average', tied: true },
  ] as const)('shuffling customers keeps each customer’s score: $label', ({ ties, tied }) => {
    const n = 737;
    const rng = createRng(5);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = tied ? rng.poisson(1.5) : rng.next() * 1000;
    const perm = shuffle(n, 99);
    const shuffled = new Float64Array(n);
    for (let i = 0; i < n; i++) shuffled[i] = values[perm[i]];
    for (const direction of ['ascending', 'descending'] as const) {
      const before = scoreQuintiles(values, { ties, direction }).scores;
      const after = scoreQuintiles(shuffled, { ties, direction }).scores;
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
    const rank = scoreQuintiles(col([1, 1, 1, 1, 2, 2, 3, 5, 8, 12])).cutPoints;
    expect(rank.map((c) => [c.min, c.max, c.count])).toEqual([
      [1, 1, 2],
      [1, 1, 2],
      [2, 2, 2],
      [3, 5, 2],
      [8, 12, 2],
    ]);
    const average = scoreQuintiles(col([1, 1, 1, 1, 2, 2, 3, 5, 8, 12]), { ties: 'average' }).cutPoints;
    expect(average.map((c) => [c.min, c.max, c.count])).toEqual([
      [1, 1, 4],
      [null, null, 0],
      [2, 2, 2],
      [3, 5, 2],
      [8, 12, 2],
    ]);
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
    { options: { ties: 'median' }, message: /Unknown ties mode "median"/ },
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
