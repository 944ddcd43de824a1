import { expect, test } from 'vitest';
import { logAxisTicks, MIN_LABEL_GAP_DECADES } from './log-axis-ticks';

test.each<[number, number, { lo: number; hi: number; ticks: number[] }]>([
  // The clusters page's monetary axis: £100K and £200K no longer share a spot; the domain still reaches £200K.
  [12, 150_000, { lo: 10, hi: 200_000, ticks: [10, 100, 1000, 10_000, 100_000] }],
  // An end half a decade or more from the nearest power of ten keeps its label.
  [0.25, 40_000, { lo: 0.2, hi: 50_000, ticks: [0.2, 1, 10, 100, 1000, 10_000, 50_000] }],
  // Up to three decades: every 1-2-5 value.
  [3, 700, { lo: 2, hi: 1000, ticks: [2, 5, 10, 20, 50, 100, 200, 500, 1000] }],
  [1, 1, { lo: 1, hi: 1, ticks: [1] }],
])('logAxisTicks(%d, %d)', (min, max, expected) => {
  expect(logAxisTicks(min, max)).toEqual(expected);
});

test('no two labels of a wide axis are closer than half a decade', () => {
  for (const [min, max] of [[0.2, 210_000], [1.5, 9e6], [0.011, 480]]) {
    const { ticks } = logAxisTicks(min, max);
    for (let i = 1; i < ticks.length; i++) expect(Math.log10(ticks[i]) - Math.log10(ticks[i - 1])).toBeGreaterThanOrEqual(MIN_LABEL_GAP_DECADES);
  }
});

test('values outside a log axis are refused in words', () => {
  expect(() => logAxisTicks(0, 10)).toThrow('A log axis needs 0 < min <= max; got 0 and 10.');
});
