import { expect, test } from 'vitest';
import { formatInteger, formatMoney, formatPercent } from './format-number';

test.each([
  [formatInteger(4338), '4,338'],
  [formatInteger(1234.6), '1,235'],
  [formatMoney(8911407.904), '8,911,407.90'],
  [formatPercent(0.1254), '12.5%'],
  [formatMoney(NaN), '–'],
  [formatPercent(null), '–'],
])('%s', (actual, expected) => {
  expect(actual).toBe(expected);
});
