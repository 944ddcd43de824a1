import { expect, test } from 'vitest';
import { formatCount, formatDecimal, formatInteger, formatMoney, formatMoneyCompact, formatMoneyIn, formatPAlive, formatPercent, formatRatio, isoCurrency } from './format-number';

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
  [formatMoneyIn(1249, 'EUR'), '€1,249.00'],
  [formatMoney(8911407.904, 'GBP'), '£8,911,407.90'],
  [formatMoney(-12.5, 'USD'), '-$12.50'],
  [formatMoney(1249, 'CAD'), 'CA$1,249.00'],
  [formatMoney(1249, 'gbp'), '£1,249.00'],
  [formatMoney(1249, 'R$'), '1,249.00 R$'],
  [formatMoney(1249, 'XYZ1'), '1,249.00 XYZ1'],
  [formatMoneyCompact(1_234_567, 'GBP'), '£1.2M'],
  [formatMoneyCompact(850, 'EUR'), '€850'],
  [formatMoneyCompact(12_500, null), '12.5K'],
  [formatCount(1, 'order'), '1 order'],
  [formatCount(0, 'order'), '0 orders'],
  [formatCount(1394, 'customer'), '1,394 customers'],
  [formatCount(2, 'is', 'are'), '2 are'],
  [String(isoCurrency(' aud ')), 'AUD'],
  [String(isoCurrency('£')), 'null'],
  [formatMoneyIn(1249, null), '1,249.00'],
  [formatMoneyIn(NaN, 'EUR'), '–'],
])('%s', (actual, expected) => {
  expect(actual).toBe(expected);
});

test.each([
  [0.8967, '89.6%'],
  [0.12, '12.0%'],
  [0.29996, '29.9%'],
  [1, '100.0%'],
  [0, '0.0%'],
  [null, '–'],
])('formatPAlive(%s) = %s, the figure the churn status beside it gives', (value, expected) => {
  expect(formatPAlive(value)).toBe(expected);
});
