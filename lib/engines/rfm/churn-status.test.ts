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
  // Defaults: gap = (tenure - recency) / (occasions - 1) over purchase days; Active while recency <= 1.5 gap,
  // Churned once recency > 3 gap; a gap under 7 days counts as 7. Fallback (fewer than 3 purchase days, or all of them
  // within 14 days): at risk after 90, churned after 180.
  test.each([
    // label, recency, purchase days, tenure -> status, at-risk after, churned after, fallback
    ['regular buyer, gap 400 / 4 = 100, silent 10 days', 10, 5, 410, 'Active', 150, 300, 0],
    ['silent exactly 1.5 gaps', 150, 5, 550, 'Active', 150, 300, 0],
    ['silent just over 1.5 gaps', 151, 5, 551, 'At Risk', 150, 300, 0],
    ['silent exactly 3 gaps', 300, 5, 700, 'At Risk', 150, 300, 0],
    ['silent just over 3 gaps', 301, 5, 701, 'Churned', 150, 300, 0],
    ['weekly buyer, gap 56 / 8 = 7, silent 12 days', 12, 9, 68, 'At Risk', 10.5, 21, 0],
    ['twice a year, gap 360 / 2 = 180, silent 400 days', 400, 3, 760, 'At Risk', 270, 540, 0],
    ['3 purchase days, gap 14 / 2 = 7 (the floor): own rhythm, churned after 21 days', 22, 3, 36, 'Churned', 10.5, 21, 0],
    ['2 purchase days a week apart, silent 23 days: one gap is no rhythm, fixed days', 23, 2, 30, 'Active', 90, 180, 1],
    ['2 purchase days 26 days apart (C-1344: 4 orders on 2 days), silent 35 days', 35, 2, 61, 'Active', 90, 180, 1],
    ['3 purchase days over 26 days, gap 13, silent 35 days', 35, 3, 61, 'At Risk', 19.5, 39, 0],
    ['3 purchase days over 26 days, gap 13, silent 40 days', 40, 3, 66, 'Churned', 19.5, 39, 0],
    ['one-time buyer, 90 days', 90, 1, 90, 'Active', 90, 180, 1],
    ['one-time buyer, 91 days', 91, 1, 120, 'At Risk', 90, 180, 1],
    ['one-time buyer, 180 days', 180, 1, 180, 'At Risk', 90, 180, 1],
    ['one-time buyer, 181 days', 181, 1, 181, 'Churned', 90, 180, 1],
    ['no purchases counted, 200 days', 200, 0, 200, 'Churned', 90, 180, 1],
    ['3 purchase days within 4 days (gap 2), silent 22 days', 22, 3, 26, 'Active', 90, 180, 1],
    ['3 purchase days within 4 days (gap 2), silent 100 days', 100, 3, 104, 'At Risk', 90, 180, 1],
    ['3 purchase days within 4 days (gap 2), silent 200 days', 200, 3, 204, 'Churned', 90, 180, 1],
    ['5 purchase days within 13 days: one burst, fixed days', 30, 5, 43, 'Active', 90, 180, 1],
    // woocommerce_orders_gbp's cust7805 shape: a gap of 6 days used to get the fixed 90/180 days (At Risk at 165 days silent).
    ['23 purchase days over 132 days (gap 6 counts as 7), silent 165 days', 165, 23, 297, 'Churned', 10.5, 21, 0],
    ['23 purchase days over 132 days (gap 6 counts as 7), silent 15 days', 15, 23, 147, 'At Risk', 10.5, 21, 0],
  ] as const)('%s', (_label, recency, occasions, tenure, label, atRiskAfter, churnAfter, fallback) => {
    const result = run([[recency, occasions, tenure]]);
    expect(result.labels[result.status[0]]).toBe(label);
    expect(result.atRiskAfterDays[0]).toBeCloseTo(atRiskAfter, 10);
    expect(result.churnAfterDays[0]).toBeCloseTo(churnAfter, 10);
    expect(result.usedFallback[0]).toBe(fallback);
  });

  test('a customer who buys more often is never judged more leniently: thresholds fall only where a burst becomes a rhythm', () => {
    // The same number of purchase days over a longer span is a longer gap: the thresholds may only rise with the span,
    // except once, at 14 days, where purchase days stop being one burst (fixed days) and become a rhythm.
    for (const occasions of [3, 5, 23]) {
      const spans = Array.from({ length: 801 }, (_, k) => k / 2);
      const result = run(spans.map((span) => [0, occasions, span]));
      const falls = spans.filter((_, i) => i > 0 && (result.churnAfterDays[i] < result.churnAfterDays[i - 1] || result.atRiskAfterDays[i] < result.atRiskAfterDays[i - 1]));
      expect({ occasions, falls }).toEqual({ occasions, falls: [14] });
    }
  });

  test('codes, labels and counts for a small table', () => {
    const result = run([
      [10, 5, 410], // Active
      [200, 5, 600], // At Risk
      [301, 5, 701], // Churned
      [30, 1, 30], // Active (fallback)
      [120, 1, 300], // At Risk (fallback)
    ]);
    expect(Array.from(result.status)).toEqual([0, 1, 2, 0, 1]);
    expect(result.labels).toEqual(['Active', 'At Risk', 'Churned']);
    expect(result.labels).toBe(CHURN_STATUS_LABELS);
    expect(Array.from(result.counts)).toEqual([2, 2, 1]);
    expect(Array.from(result.usedFallback)).toEqual([0, 0, 0, 1, 1]);
  });

  test.each([
    // tenureEnd 'lastPurchase': tenure is already the first-to-last span, gap = tenure / (occasions - 1).
    { rows: [[200, 5, 400]], options: { tenureEnd: 'lastPurchase' }, expected: ['At Risk'] },
    { rows: [[10, 2, 3]], options: { tenureEnd: 'lastPurchase' }, expected: ['Active'] },
    // Same customer, analysisDate reading: span 400 - 200 = 200, gap 50, churned after 150.
    { rows: [[200, 5, 400]], options: { tenureEnd: 'analysisDate' }, expected: ['Churned'] },
    // Tighter multiples: gap 100 -> at risk after 100, churned after 200.
    { rows: [[150, 5, 550], [201, 5, 601]], options: { atRiskMultiple: 1, churnMultiple: 2 }, expected: ['At Risk', 'Churned'] },
    // No gap floor and no burst rule: gap 6 / 2 = 3 is used as is -> at risk after 4.5, churned after 9.
    { rows: [[22, 3, 28], [4, 3, 10]], options: { minGapDays: 0, minRhythmSpanDays: 0 }, expected: ['Churned', 'Active'] },
    // The burst rule alone: span 6 days < 14 -> fixed days.
    { rows: [[22, 3, 28]], options: { minGapDays: 0 }, expected: ['Active'] },
    // Shorter fallback for one-time buyers.
    { rows: [[45, 1, 45], [61, 1, 61]], options: { fallbackAtRiskDays: 30, fallbackChurnDays: 60 }, expected: ['At Risk', 'Churned'] },
    // Gap 28 / 2 = 14: own rhythm by default (at risk after 21); a 21-day floor counts it as 21 (at risk after 31.5).
    { rows: [[30, 3, 58]], options: {}, expected: ['At Risk'] },
    { rows: [[30, 3, 58]], options: { minGapDays: 21 }, expected: ['Active'] },
    // A 30-day burst rule sends a 28-day span to the fixed days.
    { rows: [[40, 3, 68]], options: { minRhythmSpanDays: 30 }, expected: ['Active'] },
    // One gap trusted (minRhythmOccasions 2, bursts under 7 days): a week apart, silent 23 days > 3 x 7 -> Churned; by default fixed days -> Active.
    { rows: [[23, 2, 30]], options: { minRhythmOccasions: 2, minRhythmSpanDays: 7 }, expected: ['Churned'] },
    { rows: [[23, 2, 30]], options: {}, expected: ['Active'] },
    // Three gaps required: 3 purchase days fall back to fixed days.
    { rows: [[40, 3, 68]], options: { minRhythmOccasions: 4 }, expected: ['Active'] },
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
    { options: { minRhythmSpanDays: Number.NaN }, message: /minRhythmSpanDays option must be a number of days, 0 or more; got NaN/ },
    { options: { minRhythmOccasions: 1 }, message: /minRhythmOccasions option must be a whole number of purchase days, 2 or more .*got 1\./ },
    { options: { minRhythmOccasions: 2.5 }, message: /minRhythmOccasions option .*got 2\.5\./ },
    { options: { atRiskMultiple: 4 }, message: /atRiskMultiple \(4\) must not exceed churnMultiple \(3\)/ },
    { options: { fallbackAtRiskDays: 200 }, message: /fallbackAtRiskDays \(200\) must not exceed fallbackChurnDays \(180\)/ },
    { options: { tenureEnd: 'firstPurchase' }, message: /Unknown tenureEnd "firstPurchase"/ },
  ])('rejects option $options', ({ options, message }) => {
    const call = () => run([[10, 2, 40]], options as Partial<ChurnStatusOptions>);
    expect(call).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(call).toThrow(message);
  });
});
