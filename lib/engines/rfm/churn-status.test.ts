import { describe, expect, test } from 'vitest';
import { EngineError } from '../errors';
import { CHURN_STATUS_LABELS, churnStatus } from './churn-status';
import type { ChurnStatusOptions } from './types';

const run = (rows: [number, number, number][], options: Partial<ChurnStatusOptions> = {}) =>
  churnStatus(
    {
      recency: new Float64Array(rows.map((row) => row[0])),
      occasions: new Float64Array(rows.map((row) => row[1])),
      tenure: new Float64Array(rows.map((row) => row[2])),
    },
    options,
  );

describe('churnStatus', () => {
  // Defaults: gap = max((span + 2 x 60) / (purchase days - 1 + 2), 14) days, span = tenure - recency (first to last
  // purchase day, 0 for a one-time buyer); Active while recency <= 1.5 gap, Churned once recency > 3 gap.
  test.each([
    // label, recency, purchase days, tenure -> status, at-risk after, churned after, usual gap
    ['regular buyer, 5 purchase days over 400 days: gap 520 / 6, silent 10 days', 10, 5, 410, 'Active', 130, 260, 520 / 6],
    ['silent exactly 1.5 gaps', 130, 5, 530, 'Active', 130, 260, 520 / 6],
    ['silent just over 1.5 gaps', 131, 5, 531, 'At Risk', 130, 260, 520 / 6],
    ['silent exactly 3 gaps', 260, 5, 660, 'At Risk', 130, 260, 520 / 6],
    ['silent just over 3 gaps', 261, 5, 661, 'Churned', 130, 260, 520 / 6],
    ['weekly buyer, 9 purchase days over 56 days: gap 176 / 10, silent 30 days', 30, 9, 86, 'At Risk', 26.4, 52.8, 17.6],
    ['twice a year, 3 purchase days over 360 days: gap 480 / 4, silent 300 days', 300, 3, 660, 'At Risk', 180, 360, 120],
    ['daily for 40 days: gap 159 / 41 counts as 14, silent 30 days', 30, 40, 69, 'At Risk', 21, 42, 14],
    ['daily for 40 days, silent 43 days', 43, 40, 82, 'Churned', 21, 42, 14],
    ['2 purchase days a week apart, silent 23 days: gap 127 / 3', 23, 2, 30, 'Active', 63.5, 127, 127 / 3],
    ['2 purchase days 26 days apart (C-1344: 4 orders on 2 days), silent 35 days', 35, 2, 61, 'Active', 73, 146, 146 / 3],
    ['3 purchase days over 26 days, silent 35 days: gap 146 / 4', 35, 3, 61, 'Active', 54.75, 109.5, 36.5],
    // online_retail_ii_sample's 13609 and 13036: the first was Churned (a rhythm of 5 days), the second Active (one burst, fixed days).
    ['4 purchase days over 15 days, silent 39 days: gap 135 / 5', 39, 4, 54, 'Active', 40.5, 81, 27],
    ['3 purchase days over 7 days, silent 46 days: gap 127 / 4', 46, 3, 53, 'Active', 47.625, 95.25, 31.75],
    // online_retail_ii_sample's 18370 shape: 17 purchase days, silent 35 days, was Churned with CLV 0.
    ['17 purchase days over 180 days, silent 35 days: gap 300 / 18', 35, 17, 215, 'At Risk', 25, 50, 300 / 18],
    ['one-time buyer, 90 days', 90, 1, 90, 'Active', 90, 180, 60],
    ['one-time buyer, 91 days', 91, 1, 120, 'At Risk', 90, 180, 60],
    ['one-time buyer, 180 days', 180, 1, 180, 'At Risk', 90, 180, 60],
    ['one-time buyer, 181 days', 181, 1, 181, 'Churned', 90, 180, 60],
    ['no purchases counted, 200 days', 200, 0, 200, 'Churned', 90, 180, 60],
    // woocommerce_orders_gbp's cust7805 shape.
    ['23 purchase days over 132 days (gap 252 / 24 counts as 14), silent 165 days', 165, 23, 297, 'Churned', 21, 42, 14],
    ['23 purchase days over 132 days, silent 15 days', 15, 23, 147, 'Active', 21, 42, 14],
    ['166 purchase days over 365 days (gap counts as 14), silent 28 days', 28, 166, 393, 'At Risk', 21, 42, 14],
  ] as const)('%s', (_label, recency, occasions, tenure, label, atRiskAfter, churnAfter, gap) => {
    const result = run([[recency, occasions, tenure]]);
    expect(result.labels[result.status[0]]).toBe(label);
    expect(result.atRiskAfterDays[0]).toBeCloseTo(atRiskAfter, 10);
    expect(result.churnAfterDays[0]).toBeCloseTo(churnAfter, 10);
    expect(result.usualGapDays[0]).toBeCloseTo(gap, 10);
  });

  test('no cliff: thresholds never fall as the span grows, and never rise as purchase days are added', () => {
    const spans = Array.from({ length: 801 }, (_, k) => k / 2);
    const counts = [2, 3, 4, 5, 8, 17, 23, 60, 166];
    const falls: string[] = [];
    for (const occasions of counts) {
      const result = run(spans.map((span) => [0, occasions, span]));
      spans.forEach((span, i) => {
        if (i > 0 && (result.churnAfterDays[i] < result.churnAfterDays[i - 1] || result.atRiskAfterDays[i] < result.atRiskAfterDays[i - 1])) falls.push(`${occasions} days, span ${span}`);
      });
    }
    expect(falls).toEqual([]);
    const rises: string[] = [];
    for (const span of [0, 7, 13, 14, 15, 28, 90, 365]) {
      const result = run(counts.map((occasions) => [0, occasions, span]));
      counts.forEach((occasions, i) => {
        if (i > 0 && result.churnAfterDays[i] > result.churnAfterDays[i - 1]) rises.push(`span ${span}, ${occasions} days`);
      });
    }
    expect(rises).toEqual([]);
  });

  test('codes, labels and counts for a small table', () => {
    const result = run([
      [10, 5, 410], // Active
      [200, 5, 600], // At Risk
      [261, 5, 661], // Churned
      [30, 1, 30], // Active (one-time buyer)
      [120, 1, 300], // At Risk (one-time buyer)
    ]);
    expect(Array.from(result.status)).toEqual([0, 1, 2, 0, 1]);
    expect(result.labels).toEqual(['Active', 'At Risk', 'Churned']);
    expect(result.labels).toBe(CHURN_STATUS_LABELS);
    expect(Array.from(result.counts)).toEqual([2, 2, 1]);
    expect(Array.from(result.usualGapDays, (g) => Math.round(g * 100) / 100)).toEqual([86.67, 86.67, 86.67, 60, 60]);
  });

  test.each([
    // tenureEnd 'lastPurchase': tenure is already the first-to-last span: gap (400 + 120) / 6 -> at risk after 130.
    { rows: [[200, 5, 400]], options: { tenureEnd: 'lastPurchase' }, expected: ['At Risk'] },
    { rows: [[10, 2, 3]], options: { tenureEnd: 'lastPurchase' }, expected: ['Active'] },
    // Same customer, analysisDate reading: span 400 - 200 = 200, gap 320 / 6, churned after 160.
    { rows: [[200, 5, 400]], options: { tenureEnd: 'analysisDate' }, expected: ['Churned'] },
    // Tighter multiples: gap 520 / 6 -> at risk after 86.7, churned after 173.3.
    { rows: [[150, 5, 550], [201, 5, 601]], options: { atRiskMultiple: 1, churnMultiple: 2 }, expected: ['At Risk', 'Churned'] },
    // A light prior and no floor: gap (6 + 0.5 x 4) / 2.5 = 3.2 -> churned after 9.6; by default (126 / 4) Active.
    { rows: [[22, 3, 28]], options: { minGapDays: 0, priorGaps: 0.5, priorGapDays: 4 }, expected: ['Churned'] },
    { rows: [[22, 3, 28]], options: {}, expected: ['Active'] },
    // A shorter prior gap: one-time buyers at risk after 30, churned after 60.
    { rows: [[45, 1, 45], [61, 1, 61]], options: { priorGapDays: 20 }, expected: ['At Risk', 'Churned'] },
    // Daily for 40 days, silent 30: the 14-day floor says At Risk; a 21-day floor (at risk after 31.5) Active.
    { rows: [[30, 40, 69]], options: {}, expected: ['At Risk'] },
    { rows: [[30, 40, 69]], options: { minGapDays: 21 }, expected: ['Active'] },
    // A prior worth 1,000 gaps: everyone's gap is about 60 days.
    { rows: [[43, 40, 82]], options: { priorGaps: 1000 }, expected: ['Active'] },
  ] as const)('options $options on $rows', ({ rows, options, expected }) => {
    const result = run(rows.map((row) => [...row]), options);
    expect(Array.from(result.status, (s) => result.labels[s])).toEqual(expected);
  });

  test.each([
    {
      label: 'tenure shorter than recency',
      rows: [[10, 2, 40], [50, 3, 20]],
      code: 'INVALID_INPUT',
      message: /customer at position 1 has tenure 20 days but recency 50 days/,
    },
    { label: 'no customers', rows: [], code: 'NO_CUSTOMERS', message: /recency column is empty/ },
    {
      label: 'NaN tenure',
      rows: [[10, 2, Number.NaN]],
      code: 'INVALID_INPUT',
      message: 'The tenure column has a missing value (NaN) for the customer at position 0.',
    },
    {
      label: 'negative occasions',
      rows: [[10, -1, 20]],
      code: 'INVALID_INPUT',
      message: /occasions column has -1 .* cannot be below 0/,
    },
  ])('rejects $label', ({ rows, code, message }) => {
    const call = () => run(rows as [number, number, number][]);
    expect(call).toThrow(EngineError);
    expect(call).toThrow(expect.objectContaining({ code }));
    expect(call).toThrow(message);
  });

  test('rejects columns of different lengths', () => {
    const call = () =>
      churnStatus({
        recency: new Float64Array([1, 2]),
        occasions: new Float64Array([1, 2]),
        tenure: new Float64Array([5]),
      });
    expect(call).toThrow(/tenure column has 1 customers but the recency column has 2/);
  });

  test.each([
    { options: { atRiskMultiple: 0 }, message: /atRiskMultiple option must be a number above 0; got 0/ },
    { options: { churnMultiple: Number.NaN }, message: /churnMultiple option must be a number above 0; got NaN/ },
    { options: { minGapDays: -1 }, message: /minGapDays option must be a number of days, 0 or more; got -1/ },
    { options: { priorGaps: 0 }, message: /priorGaps option must be a number above 0; got 0/ },
    { options: { priorGapDays: Number.POSITIVE_INFINITY }, message: /priorGapDays option must be a number above 0; got Infinity/ },
    { options: { atRiskMultiple: 4 }, message: /atRiskMultiple \(4\) must not exceed churnMultiple \(3\)/ },
    { options: { tenureEnd: 'firstPurchase' }, message: /Unknown tenureEnd "firstPurchase"/ },
  ])('rejects option $options', ({ options, message }) => {
    const call = () => run([[10, 2, 40]], options as Partial<ChurnStatusOptions>);
    expect(call).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(call).toThrow(message);
  });
});
