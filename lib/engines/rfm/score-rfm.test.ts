import { describe, expect, test } from 'vitest';
import { EngineError } from '../errors';
import { formatRfmCode, rfmCodeOf } from './rfm-code';
import { scoreRfm } from './score-rfm';
import { cloneSegmentRules, DEFAULT_SEGMENT_RULES } from './segment-rules';
import type { RfmInput, SegmentRule } from './types';

const input = (recency: number[], frequency: number[], monetary: number[]): RfmInput => ({
  recency: new Float64Array(recency),
  frequency: new Float64Array(frequency),
  monetary: new Float64Array(monetary),
});
const codesOf = (result: ReturnType<typeof scoreRfm>) => Array.from(result.codes, formatRfmCode);
const segmentsOf = (result: ReturnType<typeof scoreRfm>) => Array.from(result.segment, (k) => result.segmentNames[k]);
const sizesOf = (result: ReturnType<typeof scoreRfm>) =>
  Object.fromEntries(result.segmentNames.map((name, k) => [name, result.segmentSizes[k]]).filter(([, size]) => size));

// Six customers; with n = 6 the score by rank (0-based) is floor(5 * rank / 6) + 1 = 1 1 2 3 4 5.
//        recency  frequency  monetary
// c0        10        8        900
// c1       200        1         50
// c2        30        4        400
// c3         5        1         60
// c4       120        6        700
// c5        60        2        150
// Recency, largest first: c1 200, c4 120, c5 60, c2 30, c0 10, c3 5 -> R: c1 1, c4 1, c5 2, c2 3, c0 4, c3 5.
// Frequency, smallest first, ties by index: c1 1, c3 1, c5 2, c2 4, c4 6, c0 8 -> F: 1 1 2 3 4 5 in that order.
// Monetary, smallest first: c1 50, c3 60, c5 150, c2 400, c4 700, c0 900 -> M: 1 1 2 3 4 5 in that order.
// Codes: c0 455, c1 111, c2 333, c3 511, c4 144, c5 222.
// Segments, first matching default rule (R rfm 0.3.0 bounds):
//   455 Potential Loyalist (R 3-5, F 3-5, M 2-5); Champions needs 555
//   111 Lost (R 1); every earlier rule with R 1 needs F >= 2
//   333 Potential Loyalist, before Loyal Customers (R 2-4, F 2-4, M 2-4), which also matches
//   511 New Customers (R 4-5, F 1-3, M 1-5); Potential Loyalist needs F >= 3, Promising R <= 4
//   144 Can't Lose Them (R 1-2, F 3-4, M 4-5), before At Risk, which also matches
//   222 Loyal Customers; Potential Loyalist needs R >= 3
//
// quantile-breaks (default): n = 6, breaks at sorted positions 1 2 3 4, so they are the 2nd-5th smallest values.
// Recency sorted 5 10 30 60 120 200 -> breaks 10 30 60 120; bins (1 + breaks below) c0 1, c1 5, c2 2, c3 1,
//   c4 4, c5 3; R = 6 - bin: c0 5, c1 1, c2 4, c3 5, c4 2, c5 3 (the two most recent share R 5).
// Frequency sorted 1 1 2 4 6 8 -> breaks 1 2 4 6; F: c0 5, c1 1, c2 3, c3 1, c4 4, c5 2 (as by rank).
// Monetary sorted 50 60 150 400 700 900 -> breaks 60 150 400 700; M: c0 5, c1 1, c2 3, c3 1, c4 4, c5 2.
// Codes: c0 555 Champions, c1 111 Lost, c2 433 Potential Loyalist, c3 511 New Customers,
//   c4 244 Loyal Customers (Potential Loyalist needs R >= 3), c5 322 Loyal Customers (Potential Loyalist F >= 3).
// No tie crosses a fifth (the two 1s are ranks 0-1, both score 1 by rank), so nothing is uneven.
const six = input([10, 200, 30, 5, 120, 60], [8, 1, 4, 1, 6, 2], [900, 50, 400, 60, 700, 150]);
const rank = { scoring: 'rank' } as const;

// Ten customers; with n = 10 the score by rank is floor(rank / 2) + 1 = 1 1 2 2 3 3 4 4 5 5.
//        recency  frequency  monetary
// c0         3        1         20
// c1        45        1         35
// c2       200        2         80
// c3        12        5        500
// c4       300        1         15
// c5        90        3        120
// c6         7        1         25
// c7       150        8        900
// c8        60        2         60
// c9        25       12       1500
// Recency, largest first: c4 c2 | c7 c5 | c8 c1 | c9 c3 | c6 c0 -> R 1 1 | 2 2 | 3 3 | 4 4 | 5 5.
// Frequency, smallest first, ties by index: c0 c1 | c4 c6 | c2 c8 | c5 c3 | c7 c9 -> F 1 1 | 2 2 | 3 3 | 4 4 | 5 5.
//   With 'average-rank' the four 1s share rank 1.5 -> F 1 and the two 2s share rank 4.5 -> F 3,
//   so c4 and c6 drop from F 2 to F 1; everyone else keeps their score.
// Monetary, smallest first: c4 c0 | c6 c1 | c8 c2 | c5 c3 | c7 c9 -> M 1 1 | 2 2 | 3 3 | 4 4 | 5 5.
// Codes (rank): c0 511, c1 312, c2 133, c3 444, c4 121, c5 244, c6 522, c7 255, c8 333, c9 455.
// Segments:
//   511, 522 New Customers (R 5 with F <= 2 misses Potential Loyalist, F 3-5)
//   312 About To Sleep (R 2-3, F 1-3, M 1-4): Loyal Customers needs F >= 2, Promising M >= 3
//   133 Need Attention (R 1-3, F 3-5, M 3-5): Can't Lose Them and At Risk need M >= 4
//   444, 455, 333 Potential Loyalist (R 3-5, F 3-5, M 2-5); Champions needs 555
//   121 Lost: At Risk needs M >= 4, Can't Lose Them and Need Attention F >= 3
//   244 Loyal Customers (R 2-4, F 2-4, M 2-4)
//   255 At Risk (R 1-2, F 2-5, M 4-5): Loyal Customers needs M <= 4, Can't Lose Them F <= 4
// Codes (average-rank): c4 111 (Lost), c6 512 (New Customers); segments unchanged.
// quantile-breaks: recency sorted 3 7 12 25 45 60 90 150 200 300, breaks (positions 1.8 3.6 5.4 7.2)
//   11 37 72 160 -> the same R as by rank; monetary breaks 24 50 96 580 -> the same M; frequency
//   breaks 1 1.6 2.4 5.6 -> 1s F 1, 2s F 3, 3 and 5 F 4, 8 and 12 F 5: the average-rank codes.
//   The four 1s (ranks 0-3, scores 1 1 2 2 by rank) make frequency uneven: 4 0 2 2 2.
const ten = input(
  [3, 45, 200, 12, 300, 90, 7, 150, 60, 25],
  [1, 1, 2, 5, 1, 3, 1, 8, 2, 12],
  [20, 35, 80, 500, 15, 120, 25, 900, 60, 1500],
);

describe('scoreRfm', () => {
  test('six customers, rank: scores, codes, segments and sizes by hand', () => {
    const result = scoreRfm(six, rank);
    expect(Array.from(result.r)).toEqual([4, 1, 3, 5, 1, 2]);
    expect(Array.from(result.f)).toEqual([5, 1, 3, 1, 4, 2]);
    expect(Array.from(result.m)).toEqual([5, 1, 3, 1, 4, 2]);
    expect(Array.from(result.codes)).toEqual([455, 111, 333, 511, 144, 222]);
    expect(codesOf(result)).toEqual(['455', '111', '333', '511', '144', '222']);
    expect(segmentsOf(result)).toEqual([
      'Potential Loyalist',
      'Lost',
      'Potential Loyalist',
      'New Customers',
      "Can't Lose Them",
      'Loyal Customers',
    ]);
    expect(result.segmentNames).toEqual([...DEFAULT_SEGMENT_RULES.map((r) => r.name), 'Others']);
    // Champions, Potential Loyalist, Loyal Customers, Promising, New Customers, Can't Lose Them,
    // At Risk, Need Attention, About To Sleep, Lost, Others.
    expect(Array.from(result.segmentSizes)).toEqual([0, 2, 1, 0, 1, 1, 0, 0, 0, 1, 0]);
  });

  test('six customers, quantile breaks: scores, codes, segments, breaks by hand', () => {
    const result = scoreRfm(six);
    expect(Array.from(result.r)).toEqual([5, 1, 4, 5, 2, 3]);
    expect(Array.from(result.f)).toEqual([5, 1, 3, 1, 4, 2]);
    expect(Array.from(result.m)).toEqual([5, 1, 3, 1, 4, 2]);
    expect(codesOf(result)).toEqual(['555', '111', '433', '511', '244', '322']);
    expect(segmentsOf(result)).toEqual([
      'Champions',
      'Lost',
      'Potential Loyalist',
      'New Customers',
      'Loyal Customers',
      'Loyal Customers',
    ]);
    expect(Array.from(result.segmentSizes)).toEqual([1, 1, 2, 0, 1, 0, 0, 0, 0, 1, 0]);
    expect(result.scoring).toBe('quantile-breaks');
    expect(result.breaks).toEqual({ recency: [10, 30, 60, 120], frequency: [1, 2, 4, 6], monetary: [60, 150, 400, 700] });
    expect(result.uneven).toEqual([]);
    // R 5 covers recency 5-10 days, R 1 the one customer at 200.
    expect(result.cutPoints.recency.map((p) => [p.score, p.min, p.max, p.count])).toEqual([
      [1, 200, 200, 1],
      [2, 120, 120, 1],
      [3, 60, 60, 1],
      [4, 30, 30, 1],
      [5, 5, 10, 2],
    ]);
  });

  test('six customers, rank: cut points per column', () => {
    const { cutPoints } = scoreRfm(six, rank);
    const ranges = (c: typeof cutPoints.recency) => c.map((p) => [p.score, p.min, p.max, p.count]);
    // R = 1 covers recency 120-200 days; R = 5 means bought within the last 5 days.
    expect(ranges(cutPoints.recency)).toEqual([
      [1, 120, 200, 2],
      [2, 60, 60, 1],
      [3, 30, 30, 1],
      [4, 10, 10, 1],
      [5, 5, 5, 1],
    ]);
    expect(ranges(cutPoints.frequency)).toEqual([
      [1, 1, 1, 2],
      [2, 2, 2, 1],
      [3, 4, 4, 1],
      [4, 6, 6, 1],
      [5, 8, 8, 1],
    ]);
    expect(ranges(cutPoints.monetary)).toEqual([
      [1, 50, 60, 2],
      [2, 150, 150, 1],
      [3, 400, 400, 1],
      [4, 700, 700, 1],
      [5, 900, 900, 1],
    ]);
  });

  test.each([
    {
      scoring: 'rank',
      codes: ['511', '312', '133', '444', '121', '244', '522', '255', '333', '455'],
    },
    {
      scoring: 'average-rank',
      codes: ['511', '312', '133', '444', '111', '244', '512', '255', '333', '455'],
    },
    {
      scoring: 'quantile-breaks',
      codes: ['511', '312', '133', '444', '111', '244', '512', '255', '333', '455'],
    },
  ] as const)('ten customers by hand, scoring: $scoring', ({ scoring, codes }) => {
    const result = scoreRfm(ten, { scoring });
    expect(codesOf(result)).toEqual(codes);
    expect(segmentsOf(result)).toEqual([
      'New Customers',
      'About To Sleep',
      'Need Attention',
      'Potential Loyalist',
      'Lost',
      'Loyal Customers',
      'New Customers',
      'At Risk',
      'Potential Loyalist',
      'Potential Loyalist',
    ]);
    expect(sizesOf(result)).toEqual({
      'Potential Loyalist': 3,
      'Loyal Customers': 1,
      'New Customers': 2,
      'At Risk': 1,
      'Need Attention': 1,
      'About To Sleep': 1,
      Lost: 1,
    });
  });

  test('scoring defaults to quantile-breaks; uneven names the frequency column and its tie', () => {
    expect(scoreRfm(ten)).toEqual(scoreRfm(ten, { scoring: 'quantile-breaks' }));
    expect(scoreRfm(ten, { scoring: undefined }).f).toEqual(scoreRfm(ten, { scoring: 'quantile-breaks' }).f);
    expect(Array.from(scoreRfm(ten).f)).not.toEqual(Array.from(scoreRfm(ten, rank).f));
    const { uneven, breaks } = scoreRfm(ten);
    expect(uneven.map((u) => [u.dimension, u.counts, u.emptyScores, u.ties])).toEqual([
      ['frequency', [4, 0, 2, 2, 2], [2], [{ value: 1, customers: 4, score: 1, evenSplitScores: [1, 2] }]],
    ]);
    expect(breaks?.recency).toEqual([11, 37, 72, 160].map((b) => expect.closeTo(b, 9)));
    expect(breaks?.monetary).toEqual([24, 50, 96, 580].map((b) => expect.closeTo(b, 9)));
  });

  test('rank scoring: no breaks, never uneven', () => {
    const result = scoreRfm(ten, rank);
    expect(result.scoring).toBe('rank');
    expect(result.breaks).toBeNull();
    expect(result.uneven).toEqual([]);
  });

  test('average-rank scoring: no breaks, uneven from the same tie', () => {
    const result = scoreRfm(ten, { scoring: 'average-rank' });
    expect(result.breaks).toBeNull();
    expect(result.uneven.map((u) => [u.dimension, u.counts])).toEqual([['frequency', [4, 0, 2, 2, 2]]]);
  });

  test('editing a rule changes the segment', () => {
    const rules = cloneSegmentRules(DEFAULT_SEGMENT_RULES);
    // Narrow Potential Loyalist to R 4-5 so c2 (333) falls through to Loyal Customers (R 2-4, F 2-4, M 2-4).
    rules[1].recency = [4, 5];
    const result = scoreRfm(six, { rules, ...rank });
    expect(segmentsOf(result)[2]).toBe('Loyal Customers');
    expect(segmentsOf(scoreRfm(six, rank))[2]).toBe('Potential Loyalist');
  });

  test('reordering rules: first match wins', () => {
    const rules = cloneSegmentRules(DEFAULT_SEGMENT_RULES);
    const [atRisk] = rules.splice(6, 1);
    rules.unshift(atRisk);
    // c4 scores 144: At Risk (R 1-2, F 2-5, M 4-5) now comes before Can't Lose Them.
    const result = scoreRfm(six, { rules, ...rank });
    expect(result.segmentNames[0]).toBe('At Risk');
    expect(segmentsOf(result)[4]).toBe('At Risk');
    expect(segmentsOf(scoreRfm(six, rank))[4]).toBe("Can't Lose Them");
  });

  test('custom rules: unmatched customers go to Others, sizes follow the rules', () => {
    const rules: SegmentRule[] = [
      { name: 'Best', recency: [4, 5], frequency: [4, 5], monetary: [4, 5] },
      { name: 'Recent', recency: [4, 5], frequency: [1, 5], monetary: [1, 5] },
    ];
    const result = scoreRfm(six, { rules, ...rank });
    expect(result.segmentNames).toEqual(['Best', 'Recent', 'Others']);
    expect(segmentsOf(result)).toEqual(['Best', 'Others', 'Others', 'Recent', 'Others', 'Others']);
    expect(Array.from(result.segmentSizes)).toEqual([1, 1, 4]);
    // By quantile breaks c2 is 433 and joins Recent.
    expect(segmentsOf(scoreRfm(six, { rules }))).toEqual(['Best', 'Others', 'Recent', 'Recent', 'Others', 'Others']);
  });

  test('no rules: everyone is Others', () => {
    const result = scoreRfm(six, { rules: [] });
    expect(result.segmentNames).toEqual(['Others']);
    expect(Array.from(result.segmentSizes)).toEqual([6]);
  });

  test('one customer scores 333 (Potential Loyalist, before Loyal Customers)', () => {
    const result = scoreRfm(input([12], [3], [250]));
    expect(codesOf(result)).toEqual(['333']);
    expect(segmentsOf(result)).toEqual(['Potential Loyalist']);
    expect(result.cutPoints.recency[2]).toEqual({ score: 3, min: 12, max: 12, count: 1 });
    expect(result.cutPoints.recency[0]).toEqual({ score: 1, min: null, max: null, count: 0 });
  });

  test('ten identical customers: rank splits them by index, the tie-aware methods keep them together', () => {
    const same = input(new Array(10).fill(30), new Array(10).fill(2), new Array(10).fill(100));
    const byRank = scoreRfm(same, rank);
    expect(codesOf(byRank)).toEqual(['111', '111', '222', '222', '333', '333', '444', '444', '555', '555']);
    // 555 Champions; 444 and 333 Potential Loyalist; 222 Loyal Customers; 111 Lost.
    expect(sizesOf(byRank)).toEqual({ Champions: 2, 'Potential Loyalist': 4, 'Loyal Customers': 2, Lost: 2 });
    for (const scoring of ['average-rank', 'quantile-breaks'] as const) {
      const together = scoreRfm(same, { scoring });
      expect(codesOf(together)).toEqual(new Array(10).fill('333'));
      expect(sizesOf(together)).toEqual({ 'Potential Loyalist': 10 });
    }
  });

  test('the issue’s 40 identical customers (one order of 25.50, 77 days ago) alone: one code, one segment', () => {
    // One distinct value per column: every break equals it, so everyone scores the neutral 3 -> 333,
    // Potential Loyalist (before Loyal Customers). By rank they would be 111 ... 555, eight each.
    const forty = input(new Array(40).fill(77), new Array(40).fill(1), new Array(40).fill(25.5));
    const result = scoreRfm(forty);
    expect(new Set(codesOf(result))).toEqual(new Set(['333']));
    expect(sizesOf(result)).toEqual({ 'Potential Loyalist': 40 });
    expect(result.uneven.map((u) => [u.dimension, u.counts, u.emptyScores])).toEqual([
      ['recency', [0, 0, 40, 0, 0], [1, 2, 4, 5]],
      ['frequency', [0, 0, 40, 0, 0], [1, 2, 4, 5]],
      ['monetary', [0, 0, 40, 0, 0], [1, 2, 4, 5]],
    ]);
    expect(new Set(codesOf(scoreRfm(forty, rank)))).toEqual(new Set(['111', '222', '333', '444', '555']));
  });

  test('the 40 identical customers among 60 others: one code and one segment; rank scatters them', () => {
    // Customers 0-39: recency 77, frequency 1, monetary 25.5. Customers 40-69: 10 days, 3 orders, 100.
    // Customers 70-99: 200 days, 2 orders, 10.
    const recency = [...new Array(40).fill(77), ...new Array(30).fill(10), ...new Array(30).fill(200)];
    const frequency = [...new Array(40).fill(1), ...new Array(30).fill(3), ...new Array(30).fill(2)];
    const monetary = [...new Array(40).fill(25.5), ...new Array(30).fill(100), ...new Array(30).fill(10)];
    // n = 100, break positions 19.8 39.6 59.4 79.2.
    // Recency sorted 10 x30 | 77 x40 | 200 x30 -> breaks 10 77 77 200; bins 10 -> 1, 77 -> 2, 200 -> 4;
    //   R = 6 - bin: 10 days R 5, 77 days R 4, 200 days R 2.
    // Frequency sorted 1 x40 | 2 x30 | 3 x30 -> breaks 1, 1 + 0.6 = 1.6, 2, 3; 1 -> F 1, 2 -> F 3, 3 -> F 4.
    // Monetary sorted 10 x30 | 25.5 x40 | 100 x30 -> breaks 10 25.5 25.5 100; 10 -> M 1, 25.5 -> M 2, 100 -> M 4.
    // Codes: the 40 -> 412 New Customers (R 4-5, F 1-3; Promising needs M >= 3); 40-69 -> 544 Potential
    //   Loyalist; 70-99 -> 231 About To Sleep (R 2-3, F 1-3, M 1-4; every earlier rule misses).
    const result = scoreRfm(input(recency, frequency, monetary));
    const codes = codesOf(result);
    expect(new Set(codes.slice(0, 40))).toEqual(new Set(['412']));
    expect(new Set(codes.slice(40, 70))).toEqual(new Set(['544']));
    expect(new Set(codes.slice(70))).toEqual(new Set(['231']));
    expect(sizesOf(result)).toEqual({ 'Potential Loyalist': 30, 'New Customers': 40, 'About To Sleep': 30 });
    // Rank, largest recency first: the 77s are ranks 30-69 -> R floor(rank / 20) + 1 = 2 (ids 0-9), 3 (10-29),
    // 4 (30-39); frequency ranks 0-39 -> F 1 (ids 0-19), 2 (20-39); monetary ranks 30-69 -> M 2, 3, 4 like R.
    // Codes 212 (About To Sleep), 313 (Promising), 323 and 424 (Loyal Customers): three segments.
    const byRank = scoreRfm(input(recency, frequency, monetary), rank);
    expect(codesOf(byRank).slice(0, 40)).toEqual([
      ...new Array(10).fill('212'),
      ...new Array(10).fill('313'),
      ...new Array(10).fill('323'),
      ...new Array(10).fill('424'),
    ]);
    expect(new Set(segmentsOf(byRank).slice(0, 40))).toEqual(new Set(['About To Sleep', 'Promising', 'Loyal Customers']));
    // Uneven recency: 200 days (ranks 0-29, scores 1-2 by rank) all R 2; 77 (ranks 30-69, 2-4) all R 4;
    // 10 (ranks 70-99, 4-5) all R 5.
    expect(result.uneven[0]).toMatchObject({
      dimension: 'recency',
      counts: [0, 30, 0, 40, 30],
      emptyScores: [1, 3],
      ties: [
        { value: 200, customers: 30, score: 2, evenSplitScores: [1, 2] },
        { value: 77, customers: 40, score: 4, evenSplitScores: [2, 3, 4] },
        { value: 10, customers: 30, score: 5, evenSplitScores: [4, 5] },
      ],
    });
    expect(result.uneven.map((u) => u.dimension)).toEqual(['recency', 'frequency', 'monetary']);
  });

  test('segment sizes add up to the number of customers', () => {
    const n = 1000;
    const recency = new Float64Array(n);
    const frequency = new Float64Array(n);
    const monetary = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      recency[i] = (i * 37) % 365;
      frequency[i] = 1 + ((i * 13) % 7);
      monetary[i] = 10 + ((i * 101) % 997);
    }
    for (const scoring of ['quantile-breaks', 'rank', 'average-rank'] as const) {
      const result = scoreRfm({ recency, frequency, monetary }, { scoring });
      expect(result.segmentSizes.reduce((a, b) => a + b, 0)).toBe(n);
      for (const u of result.uneven) expect(u.counts.reduce((a, b) => a + b, 0)).toBe(n);
    }
    const counts = [0, 0, 0, 0, 0];
    for (const s of scoreRfm({ recency, frequency, monetary }, rank).f) counts[s - 1]++;
    expect(counts).toEqual([200, 200, 200, 200, 200]);
  });

  test.each([
    { label: 'no customers', data: input([], [], []), code: 'NO_CUSTOMERS', message: /recency column is empty/ },
    {
      label: 'NaN in monetary',
      data: input([1, 2], [1, 2], [5, Number.NaN]),
      code: 'INVALID_INPUT',
      message: 'The monetary column has a missing value (NaN) for the customer at position 1.',
    },
    {
      label: 'NaN in frequency',
      data: input([1, 2], [Number.NaN, 2], [5, 6]),
      code: 'INVALID_INPUT',
      message: /frequency column has a missing value/,
    },
    {
      label: 'negative recency',
      data: input([1, -2], [1, 2], [5, 6]),
      code: 'INVALID_INPUT',
      message: 'The recency column has -2 for the customer at position 1; it cannot be below 0.',
    },
    {
      label: 'columns of different lengths',
      data: input([1, 2, 3], [1, 2, 3], [5, 6]),
      code: 'INVALID_INPUT',
      message: /monetary column has 2 customers but the recency column has 3/,
    },
    {
      label: 'a plain array column',
      data: { recency: [1, 2], frequency: new Float64Array([1, 2]), monetary: new Float64Array([1, 2]) },
      code: 'INVALID_INPUT',
      message: /recency column must be a Float64Array/,
    },
  ])('rejects $label', ({ data, code, message }) => {
    const run = () => scoreRfm(data as RfmInput);
    expect(run).toThrow(EngineError);
    expect(run).toThrow(expect.objectContaining({ code }));
    expect(run).toThrow(message);
  });

  test.each([
    {
      label: 'invalid rules',
      options: { rules: [{ name: 'VIP', recency: [5, 4], frequency: [1, 5], monetary: [1, 5] }] },
      message: /Segment rule 1 \("VIP"\)/,
    },
    { label: 'unknown scoring method', options: { scoring: 'dense' }, message: /Unknown scoring method "dense"/ },
  ])('rejects $label', ({ options, message }) => {
    const run = () => scoreRfm(six, options as never);
    expect(run).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(run).toThrow(message);
  });
});

describe('RFM codes', () => {
  test.each([
    [5, 4, 5, 545, '545'],
    [1, 1, 1, 111, '111'],
    [3, 5, 2, 352, '352'],
  ])('r %i f %i m %i -> %i -> "%s"', (r, f, m, code, text) => {
    expect(rfmCodeOf(r, f, m)).toBe(code);
    expect(formatRfmCode(code)).toBe(text);
  });
});
