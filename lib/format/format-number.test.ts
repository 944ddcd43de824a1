import { expect, test } from 'vitest';
import { formatCount, formatDecimal, formatParameter, formatInteger, formatMoney, formatMoneyCompact, formatMoneyIn, formatPAlive, formatPAliveThreshold, formatPercent, formatRatio, isoCurrency } from './format-number';

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

test.each([
  [0.3, '30%'],
  [0.7, '70%'],
  [0.325, '32.5%'],
  [0.05, '5%'],
  [undefined, '–'],
])('formatPAliveThreshold(%s) = %s, no space before the sign as formatPAlive', (value, expected) => {
  expect(formatPAliveThreshold(value)).toBe(expected);
});

test.each([
  [0.242507, '0.2425'],
  [78.3125, '78.31'],
  [12345.6, '12,350'],
  [999_999, '1,000,000'],
  [78_100_000_000, '7.81 \u00d7 10\u00b9\u2070'],
  [3.94e16, '3.94 \u00d7 10\u00b9\u2076'],
  [2.9e-8, '2.9 \u00d7 10\u207b\u2078'],
  [-1.5e7, '-1.5 \u00d7 10\u2077'],
  [1e6, '1 \u00d7 10\u2076'],
  [0.001, '0.001'],
  [0, '0'],
  [null, '\u2013'],
  [Number.POSITIVE_INFINITY, '\u2013'],
])('formatParameter(%s) = %s: four significant digits, powers of ten outside a thousandth to a million', (value, expected) => {
  expect(formatParameter(value)).toBe(expected);
});

test.each([
  [0.05, 'AUD', 'A$0.05'],
  [0.02, 'AUD', 'A$0.02'],
  [0.2, 'GBP', '\u00a30.2'],
  [0.5, null, '0.5'],
  [1500, 'AUD', 'A$1.5K'],
  [0, 'GBP', '\u00a30'],
  [20, 'CAD', 'CA$20'],
])('formatMoneyCompact(%s, %s) = %s: a log axis tick under one unit is never shown as 0', (value, currency, expected) => {
  expect(formatMoneyCompact(value, currency)).toBe(expected);
});
