import { expect, test } from 'vitest';
import { formatDecimal, formatInteger, formatMoney, formatMoneyIn, formatPercent, formatRatio } from './format-number';

test.each([
  [formatInteger(4338), '4,338'],
  [formatInteger(1234.6), '1,235'],
  [formatMoney(8911407.904), '8,911,407.90'],
  [formatPercent(0.1254), '12.5%'],
  [formatMoney(NaN), '–'],
  [formatPercent(null), '–'],
  [formatDecimal(72.25), '72.3'],
  [formatDecimal(1234), '1,234.0'],
  [formatRatio(0.375), '0.38'],
  [formatRatio(undefined), '–'],
  [formatMoneyIn(1249, 'EUR'), '1,249.00 EUR'],
  [formatMoneyIn(1249, null), '1,249.00'],
  [formatMoneyIn(NaN, 'EUR'), '–'],
])('%s', (actual, expected) => {
  expect(actual).toBe(expected);
});
