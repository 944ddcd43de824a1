import { describe, expect, test } from 'vitest';
import { createRng } from '../random';
import { quintileBreaks, scoreByQuantileBreaks } from './score-by-quantile-breaks';
import { scoreQuintiles } from './score-quintiles';

const col = (values: number[]) => new Float64Array(values);
const scoresOf = (values: number[], descending = false) => Array.from(scoreByQuantileBreaks(col(values), descending).scores);

function countsOf(scores: ArrayLike<number>): number[] {
  const counts = [0, 0, 0, 0, 0];
  for (let i = 0; i < scores.length; i++) counts[scores[i] - 1]++;
  return counts;
}

/** A column from a histogram: value -> number of customers, in the histogram's order. */
function columnOf(histogram: Record<number, number>): Float64Array {
  const values: number[] = [];
  for (const [value, customers] of Object.entries(histogram)) for (let k = 0; k < customers; k++) values.push(Number(value));
  return new Float64Array(values);
}

/** True when a strictly increasing map takes `ours` to `theirs`: the same groups in the same order. */
function sameGroupsInOrder(ours: ArrayLike<number>, theirs: ArrayLike<number>): boolean {
  const map = new Map<number, number>();
  for (let i = 0; i < ours.length; i++) {
    const seen = map.get(ours[i]);
    if (seen === undefined) map.set(ours[i], theirs[i]);
    else if (seen !== theirs[i]) return false;
  }
  const pairs = [...map].sort((a, b) => a[0] - b[0]);
  return pairs.every(([, label], k) => k === 0 || label > pairs[k - 1][1]);
}

describe('quintileBreaks', () => {
  test.each([
    // Sorted 1 1 1 1 2 2 3 5 8 12; positions 1.8 3.6 5.4 7.2 -> 1, 1 + 0.6 (2 - 1), 2 + 0.4 (3 - 2), 5 + 0.2 (8 - 5).
    { values: [1, 1, 2, 5, 1, 3, 1, 8, 2, 12], breaks: [1, 1.6, 2.4, 5.6] },
    // Sorted 2 7 14 30 30 30 30 30 60 90: 7 + 0.8 * 7, 30, 30, 30 + 0.2 * 30.
    { values: [7, 30, 30, 30, 30, 2, 90, 14, 30, 60], breaks: [12.6, 30, 30, 36] },
    { values: [42], breaks: [42, 42, 42, 42] },
    // Two values 3 and 7: 3 + 4p.
    { values: [7, 3], breaks: [3.8, 4.6, 5.4, 6.2] },
  ])('$values -> $breaks', ({ values, breaks }) => {
    expect(quintileBreaks(col(values))).toEqual(breaks.map((b) => expect.closeTo(b, 12)));
  });

  test('does not reorder its input', () => {
    const values = col([5, 1, 4, 2, 3]);
    quintileBreaks(values);
    expect(Array.from(values)).toEqual([5, 1, 4, 2, 3]);
  });
});

describe('scoreByQuantileBreaks: hand cases with ties', () => {
  // Ten recencies with five customers at 30 days. Breaks 12.6 30 30 36 (above).
  // Bin = 1 + breaks strictly below: 2, 7 -> 1; 14 and 30 -> 2 (above 12.6 only); 60, 90 -> 5.
  // Bins 3 = (30, 30] and 4 = (30, 36] hold no one. Descending scores 6 - bin.
  const recency = [7, 30, 30, 30, 30, 2, 90, 14, 30, 60];
  test('ascending: equal values share a score, collapsed bins stay empty', () => {
    expect(scoresOf(recency)).toEqual([1, 2, 2, 2, 2, 1, 5, 2, 2, 5]);
    expect(countsOf(scoresOf(recency))).toEqual([2, 6, 0, 0, 2]);
  });

  test('descending (recency): 6 - bin, so the most recent fifth scores 5 and the 30-day customers all 4', () => {
    expect(scoresOf(recency, true)).toEqual([5, 4, 4, 4, 4, 5, 1, 4, 4, 1]);
    // 'rank' would give the five 30-day customers (ranks 2-6 among largest-first) scores 2 2 3 3 4 by index.
    const rank = Array.from(scoreQuintiles(col(recency), { direction: 'descending', scoring: 'rank' }).scores);
    expect([1, 2, 3, 4, 8].map((i) => rank[i])).toEqual([2, 2, 3, 3, 4]);
  });

  test.each([
    // One distinct value: everyone scores 3 (the column ranks no one).
    { values: [25.5], descending: false, expected: [3] },
    { values: [77, 77], descending: true, expected: [3, 3] },
    // n = 4 with a tie: breaks 1 1.2 1.8 2.4 -> 1 below all, 2 above three, 3 above all.
    { values: [1, 1, 2, 3], descending: false, expected: [1, 1, 4, 5] },
    { values: [1, 1, 2, 3], descending: true, expected: [5, 5, 2, 1] },
    // n = 3: breaks 5 5 5.8 7.4 -> 5 on the first two breaks goes to bin 1, 9 above all.
    { values: [5, 5, 9], descending: false, expected: [1, 1, 5] },
    { values: [5, 5, 9], descending: true, expected: [5, 5, 1] },
    // n < 5 with distinct values spreads like scoreOfRank: 1 5 / 1 3 5 / 1 2 4 5.
    { values: [8, 2], descending: false, expected: [5, 1] },
    { values: [30, 10, 20], descending: false, expected: [5, 1, 3] },
    { values: [4, 3, 2, 1], descending: false, expected: [5, 4, 2, 1] },
  ])('small n: $values, descending $descending', ({ values, descending, expected }) => {
    expect(scoresOf(values, descending)).toEqual(expected);
  });

  test('a value on one break goes to the lower bin (right-closed bins, as qcut and R rfm on whole numbers)', () => {
    // 0..10: breaks 2 4 6 8 exactly on values; 2 -> 1, 3 -> 2, 4 -> 2, 8 -> 4, 9 -> 5.
    const scores = scoresOf([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(scores).toEqual([1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  test('random heavy ties: equal values always equal scores, larger values never lower', () => {
    const rng = createRng(17);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + rng.int(300);
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = rng.poisson(1 + trial / 10);
      for (const descending of [false, true]) {
        const { scores } = scoreByQuantileBreaks(values, descending);
        for (let i = 1; i < n; i++) {
          const sign = Math.sign(values[i] - values[0]) * (descending ? -1 : 1);
          if (sign === 0) expect(scores[i]).toBe(scores[0]);
          else expect(Math.sign(scores[i] - scores[0])).not.toBe(-sign);
        }
      }
    }
  });
});

describe('scoreByQuantileBreaks against pandas qcut (answers hard-coded)', () => {
  // Computed once with Debian's python3 (pandas 1.5.3, numpy 1.24.2):
  //   C = np.random.default_rng(2).poisson(6, 31).astype(float)
  //   np.quantile(C, [.2, .4, .6, .8]); pd.qcut(C, 5, labels=False) + 1; pd.qcut(C, 5, labels=[5, 4, 3, 2, 1])
  // Every break is distinct and above the minimum, so qcut's bins are exactly ours.
  const c = [6, 4, 8, 8, 11, 6, 7, 4, 2, 8, 6, 4, 2, 4, 3, 5, 6, 6, 6, 10, 4, 2, 4, 7, 7, 10, 7, 3, 6, 6, 5];
  const cAscending = [3, 1, 5, 5, 5, 3, 4, 1, 1, 5, 3, 1, 1, 1, 1, 2, 3, 3, 3, 5, 1, 1, 1, 4, 4, 5, 4, 1, 3, 3, 2];
  const cDescending = [3, 5, 1, 1, 1, 3, 2, 5, 5, 1, 3, 5, 5, 5, 5, 4, 3, 3, 3, 1, 5, 5, 5, 2, 2, 1, 2, 5, 3, 3, 4];

  test('distinct breaks: the same scores as qcut, and as qcut with labels 5..1 for recency', () => {
    const result = scoreByQuantileBreaks(col(c), false);
    expect(result.breaks).toEqual([4, 5, 6, 7]);
    expect(Array.from(result.scores)).toEqual(cAscending);
    expect(countsOf(result.scores)).toEqual([11, 2, 8, 4, 6]);
    expect(scoresOf(c, true)).toEqual(cDescending);
  });

  // A = (np.random.default_rng(2024).poisson(2.5, 53) + 1).astype(float): breaks 2 3 3 4, so qcut
  // needs duplicates='drop' and renumbers its four bins 1-4; ours are 1 2 _ 4 5 (score 3 collapsed).
  const a = [
    3, 4, 2, 3, 2, 1, 5, 3, 3, 3, 1, 4, 6, 2, 5, 3, 3, 2, 3, 3, 4, 4, 2, 1, 4, 4, 4, 3, 2, 2, 2, 3, 3, 3, 2, 3, 4, 3, 6,
    4, 4, 3, 2, 1, 3, 3, 2, 2, 5, 3, 5, 6, 3,
  ];
  const aQcut = [
    2, 3, 1, 2, 1, 1, 4, 2, 2, 2, 1, 3, 4, 1, 4, 2, 2, 1, 2, 2, 3, 3, 1, 1, 3, 3, 3, 2, 1, 1, 1, 2, 2, 2, 1, 2, 3, 2, 4,
    3, 3, 2, 1, 1, 2, 2, 1, 1, 4, 2, 4, 4, 2,
  ];
  // B: 12 prices from {4.5, 7.25, 9.99, 12, 15.5}, 22 at 19.99 and 13 from {24, 31.5, 48.75, 60, 99.9}, shuffled
  // (same generator, continued): breaks 12 19.99 19.99 24, qcut edges 4.5 12 19.99 24 99.9.
  const b = [
    99.9, 60, 4.5, 19.99, 24, 19.99, 12, 19.99, 19.99, 19.99, 4.5, 19.99, 19.99, 12, 19.99, 24, 19.99, 19.99, 4.5, 19.99,
    19.99, 60, 4.5, 99.9, 9.99, 19.99, 19.99, 19.99, 9.99, 19.99, 19.99, 19.99, 48.75, 48.75, 24, 19.99, 12, 24, 19.99,
    60, 99.9, 9.99, 12, 19.99, 19.99, 24, 7.25,
  ];
  const bQcut = [
    4, 4, 1, 2, 3, 2, 1, 2, 2, 2, 1, 2, 2, 1, 2, 3, 2, 2, 1, 2, 2, 4, 1, 4, 1, 2, 2, 2, 1, 2, 2, 2, 4, 4, 3, 2, 1, 3, 2,
    4, 4, 1, 1, 2, 2, 3, 1,
  ];

  // counts: qcut's value counts (A 16 20 10 7, B 12 22 5 8) with our empty score 3 between.
  test.each([
    { label: 'A (whole numbers)', values: a, qcut: aQcut, breaks: [2, 3, 3, 4], counts: [16, 20, 0, 10, 7] },
    { label: 'B (prices)', values: b, qcut: bQcut, breaks: [12, 19.99, 19.99, 24], counts: [12, 22, 0, 5, 8] },
  ])('duplicate breaks, $label: qcut’s groups in qcut’s order, numbered by position', ({ values, qcut, breaks, counts }) => {
    const result = scoreByQuantileBreaks(col(values), false);
    expect(result.breaks).toEqual(breaks.map((q) => expect.closeTo(q, 12)));
    expect(sameGroupsInOrder(result.scores, qcut)).toBe(true);
    expect(countsOf(result.scores)).toEqual(counts);
    // qcut renumbers: its top label is 4, so no customer would reach a 5.
    expect(Math.max(...qcut)).toBe(4);
    expect(Math.max(...result.scores)).toBe(5);
  });

  test('the group check is not vacuous: rank scores do not match qcut’s groups', () => {
    const rank = scoreQuintiles(col(a), { scoring: 'rank' }).scores;
    expect(sameGroupsInOrder(rank, aQcut)).toBe(false);
  });
});

describe('Online Retail frequency (4,338 customers, 1,493 bought once)', () => {
  // Distinct invoices per customer after the peer pipeline's cleaning (/work/shared/peer README: drop
  // missing ids, invoices starting with C, quantity or price <= 0), counted with pandas value_counts.
  const frequency = columnOf({
    1: 1493, 2: 835, 3: 508, 4: 388, 5: 242, 6: 172, 7: 143, 8: 98, 9: 68, 10: 54, 11: 52, 12: 45, 13: 30, 14: 20,
    15: 28, 16: 11, 17: 18, 18: 14, 19: 12, 20: 12, 21: 11, 22: 5, 23: 5, 24: 3, 25: 8, 26: 7, 27: 3, 28: 6, 29: 1,
    30: 4, 31: 3, 32: 3, 33: 2, 34: 3, 35: 1, 37: 3, 38: 2, 39: 2, 41: 1, 44: 1, 45: 1, 46: 1, 47: 2, 48: 1, 50: 1,
    51: 1, 55: 2, 57: 1, 60: 1, 62: 1, 63: 1, 73: 1, 86: 1, 91: 1, 93: 1, 97: 1, 124: 1, 201: 1, 209: 1,
  });

  test('the histogram is the data set’s', () => {
    expect(frequency.length).toBe(4338);
  });

  test('rank scoring splits the one-order customers 868 / 625 by index (the issue)', () => {
    const { scores } = scoreQuintiles(frequency, { scoring: 'rank' });
    expect(countsOf(scores.subarray(0, 1493))).toEqual([868, 625, 0, 0, 0]);
  });

  test('quantile breaks: every one-order customer scores F 1', () => {
    // np.quantile(F, [.2, .4, .6, .8]) = 1 2 3 6. Bins: 1 (1,493); 2 (835); 3 (508); 4-6 (388 + 242 + 172 = 802);
    // 7+ (700). R rfm's rule (bins() in R/utils.R: lower <= F < upper with breaks + 1 = 2 3 4 7) gives the same
    // counts. pandas qcut drops the duplicate edge 1 (= min = q20) and its first bin [1, 2] takes the 1s and
    // the 2s together: value counts 2,328 / 508 / 802 / 700 on labels 0-3.
    const result = scoreQuintiles(frequency);
    expect(result.breaks).toEqual([1, 2, 3, 6]);
    expect(countsOf(result.scores)).toEqual([1493, 835, 508, 802, 700]);
    expect(countsOf(result.scores.subarray(0, 1493))).toEqual([1493, 0, 0, 0, 0]);
  });
});
