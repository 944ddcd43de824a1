import { expect, test } from 'vitest';
import { EngineError } from './errors';
import { monthEndSnapshots } from './month-end-snapshots';

test.each<[string, number, number, number, string[]]>([
  ['the last six month-ends, oldest first', Date.UTC(2025, 0, 5), Date.UTC(2026, 10, 20, 15, 30), 6, ['2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01']],
  ['only as many as the data spans', Date.UTC(2026, 0, 10), Date.UTC(2026, 3, 15), 6, ['2026-02-01', '2026-03-01', '2026-04-01']],
  ['a last purchase on the first of a month: that day is a snapshot without it', Date.UTC(2026, 0, 10), Date.UTC(2026, 3, 1, 9), 2, ['2026-03-01', '2026-04-01']],
  ['across a year end', Date.UTC(2025, 5, 1), Date.UTC(2026, 1, 3), 3, ['2025-12-01', '2026-01-01', '2026-02-01']],
  ['none when the data lie in one month', Date.UTC(2026, 2, 2), Date.UTC(2026, 2, 30), 6, []],
])('%s', (_, first, last, count, expected) => {
  expect(monthEndSnapshots(first, last, count)).toEqual(expected);
});

test.each([0, 13, 2.5, Number.NaN])('refuses %s snapshots', (count) => {
  expect(() => monthEndSnapshots(0, DAY_MS_TEN, count)).toThrow(EngineError);
});

test('refuses dates out of order', () => {
  expect(() => monthEndSnapshots(DAY_MS_TEN, 0, 3)).toThrow(/first not after the last/);
});

const DAY_MS_TEN = 10 * 86_400_000;
