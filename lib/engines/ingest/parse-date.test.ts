import { expect, test } from 'vitest';
import { parseDate } from './parse-date';

test.each([
  ['2010-12-01 08:26:00', 'month-first', Date.UTC(2010, 11, 1, 8, 26, 0)],
  ['2010-12-01T08:26', 'month-first', Date.UTC(2010, 11, 1, 8, 26)],
  ['2010-12-01', 'month-first', Date.UTC(2010, 11, 1)],
  ['12/1/2010 8:26', 'month-first', Date.UTC(2010, 11, 1, 8, 26)],
  ['1/12/2010 8:26', 'day-first', Date.UTC(2010, 11, 1, 8, 26)],
  ['01.12.2010 08:26:30', 'day-first', Date.UTC(2010, 11, 1, 8, 26, 30)],
  ['12/1/10 8:26 PM', 'month-first', Date.UTC(2010, 11, 1, 20, 26)],
  ['12/1/2010 12:05 AM', 'month-first', Date.UTC(2010, 11, 1, 0, 5)],
  [' 2011-02-28 23:59:59 ', 'month-first', Date.UTC(2011, 1, 28, 23, 59, 59)],
] as const)('parses %s (%s)', (text, order, expected) => {
  expect(parseDate(text, order)).toBe(expected);
});

test.each(['', 'yesterday', '2011-02-30 10:00', '13/13/2010', '2010-12-01 25:00', '31/12/2010', 'NaN'])('rejects %j', (text) => {
  expect(parseDate(text)).toBeNaN();
});
