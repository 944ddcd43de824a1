import { expect, test } from 'vitest';
import { csvField, formatCustomerId, formatMinute, formatPrice } from './format-csv';

test.each([
  ['JUMBO BAG RED RETROSPOT', 'JUMBO BAG RED RETROSPOT'],
  ['SET OF 3 CAKE TINS, PANTRY DESIGN', '"SET OF 3 CAKE TINS, PANTRY DESIGN"'],
  ['RECORD FRAME 7" SINGLE SIZE', '"RECORD FRAME 7"" SINGLE SIZE"'],
  ['two\nlines', '"two\nlines"'],
  ['', ''],
])('csvField(%j) is %j', (text, field) => {
  expect(csvField(text)).toBe(field);
});

test.each([
  [2.55, '2.55'],
  [2.1, '2.1'],
  [18, '18.0'],
  [0, '0.0'],
  [-11062.06, '-11062.06'],
  [1.785, '1.79'],
  [0.1 + 0.2, '0.3'],
])('formatPrice(%d) is %s', (value, text) => {
  expect(formatPrice(value)).toBe(text);
});

test.each([
  [17850, '17850.0'],
  [null, ''],
])('formatCustomerId(%j) is %j', (id, text) => {
  expect(formatCustomerId(id)).toBe(text);
});

test.each([
  [Date.UTC(2010, 11, 1, 8, 26) / 60_000, '2010-12-01 08:26:00'],
  [Date.UTC(2024, 1, 29, 23, 59) / 60_000, '2024-02-29 23:59:00'],
])('formatMinute(%d) is %s', (minute, text) => {
  expect(formatMinute(minute)).toBe(text);
});
