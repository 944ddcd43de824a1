import { expect, test } from 'vitest';
import { EngineError } from '../errors';
import { parseNumber, sniffNumberFormat, type NumberFormat } from './number-format';

const POINT: NumberFormat = { decimal: '.', thousands: ',' };
const POINT_PLAIN: NumberFormat = { decimal: '.', thousands: null };
const COMMA: NumberFormat = { decimal: ',', thousands: '.' };
const COMMA_SPACE: NumberFormat = { decimal: ',', thousands: ' ' };
const SWISS: NumberFormat = { decimal: '.', thousands: "'" };

test.each([
  ['2,55', COMMA, 2.55],
  ['1.249,00', COMMA, 1249],
  ['1.249.000,5', COMMA, 1249000.5],
  ['1,249.00', POINT, 1249],
  ['1 249,00', COMMA_SPACE, 1249],
  ['1\u00a0249,00', COMMA_SPACE, 1249],
  ['1\u202f249,00', COMMA_SPACE, 1249],
  ['1\u00a0249\u202f000,75', COMMA_SPACE, 1249000.75],
  ["1'249.00", SWISS, 1249],
  ['£1,234.50', POINT, 1234.5],
  ['-£12.50', POINT, -12.5],
  ['£-12.50', POINT, -12.5],
  ['-$12.50', POINT, -12.5],
  ['$1,249.00', POINT, 1249],
  ['12,50 €', COMMA, 12.5],
  ['-12,50\u00a0€', COMMA, -12.5],
  ['EUR 12.50', POINT, 12.5],
  ['12.50 EUR', POINT, 12.5],
  ['usd 3', POINT, 3],
  ['CHF 1\'249.50', SWISS, 1249.5],
  ['US$ 7', POINT, 7],
  ['(12.50)', POINT, -12.5],
  ['(£1,249.50)', POINT, -1249.5],
  ['+12', POINT, 12],
  ['  12.5\t', POINT, 12.5],
  ['17850.0', POINT_PLAIN, 17850],
  ['2.5', POINT_PLAIN, 2.5],
  ['59', POINT_PLAIN, 59],
  ['59', COMMA, 59],
  ['-4', POINT_PLAIN, -4],
  ['007', POINT_PLAIN, 7],
  ['.5', POINT_PLAIN, 0.5],
  ['1e3', POINT_PLAIN, 1000],
  ['-2.5E-2', POINT_PLAIN, -0.025],
  ['1,249', COMMA, 1.249],
  ['1.249', COMMA, 1249],
  ['1,249', POINT, 1249],
  ['1.249', POINT, 1.249],
  ['12345,678', COMMA, 12345.678],
  ['999999999999999', POINT_PLAIN, 999999999999999],
  ['-0', POINT_PLAIN, 0],
] as const)('parseNumber(%j) in %o is %d', (text, format, expected) => {
  expect(parseNumber(text, format)).toBe(expected);
});

test.each([
  ['Infinity', POINT],
  ['-Infinity', POINT],
  ['NaN', POINT],
  ['1e308', POINT],
  ['1e15', POINT],
  ['1000000000000000', POINT_PLAIN],
  ['-1,000,000,000,000,000', POINT],
  ['', POINT],
  ['   ', POINT],
  ['1,2,3', POINT],
  ['1,2,3', COMMA],
  ['12,34,567', POINT],
  ['abc', POINT],
  ['12 apples', POINT],
  ['1\u00002', POINT],
  ['12\u0000', POINT],
  ['1\u00072.5', POINT],
  ['1e3', COMMA],
  ['2.5', COMMA],
  ['1,249.00', COMMA],
  ['1,249', POINT_PLAIN],
  ['1.2.3', POINT],
  ['5.', POINT],
  ['.', POINT],
  ['-', POINT],
  ['$', POINT],
  ['(-12)', POINT],
  ['-£-12', POINT],
  ['£12 EUR', POINT],
  ['12%', POINT],
  ['0x1A', POINT],
  ['1_000', POINT],
] as const)('parseNumber(%j) in %o is NaN', (text, format) => {
  expect(parseNumber(text, format)).toBeNaN();
});

test('parseNumber takes any space of the space family when the format groups with spaces', () => {
  expect(parseNumber('1 249\u00a0000,5', COMMA_SPACE)).toBe(1249000.5);
  expect(parseNumber('1 249,5', { decimal: ',', thousands: '\u202f' })).toBe(1249.5);
});

test.each([
  [{ decimal: '.', thousands: '.' }, /cannot also be the decimal/],
  [{ decimal: ';', thousands: null }, /must be "\." or ","/],
] as const)('parseNumber refuses the format %o', (format, message) => {
  const attempt = () => parseNumber('1', format as unknown as NumberFormat);
  expect(attempt).toThrow(EngineError);
  expect(attempt).toThrow(message);
});

test.each([
  // [values, decimal, thousands, ambiguous]
  [['2,55', '1.249,00', '12,50 €'], ',', '.', false],
  [['0,5', '3'], ',', null, false],
  [['12,5'], ',', null, false],
  [['1,249'], '.', ',', true],
  [['1,249', '59', '17850'], '.', ',', true],
  [['1.249'], '.', null, true],
  [['59', '-4', '17850'], '.', null, true],
  [['1,249.00', '2.55'], '.', ',', false],
  [['2.55'], '.', null, false],
  [['1,249', '2.55'], '.', ',', false],
  [['1,249', '2,55'], ',', null, false],
  [['1,249,000'], '.', ',', false],
  [['1.249.000', '12'], ',', '.', false],
  [['1 249,00', '3,5'], ',', ' ', false],
  [['1\u00a0249,00', '1\u00a0000'], ',', '\u00a0', false],
  [['1\u202f249,00'], ',', '\u202f', false],
  [["1'249.00", '3.50'], '.', "'", false],
  [['1e3', '2'], '.', null, false],
  [['0,500'], ',', null, false],
  [['12345,678'], ',', null, false],
  [['2,55', '2,56', '3.10'], ',', null, false],
] as const)('sniffNumberFormat(%j) reads decimal %j, thousands %j, ambiguous %j', (values, decimal, thousands, ambiguous) => {
  const sniff = sniffNumberFormat(values);
  expect(sniff.format).toEqual({ decimal, thousands });
  expect(sniff.ambiguous).toBe(ambiguous);
});

test('sniffNumberFormat counts what the chosen format cannot read, with up to 3 examples, skipping blanks', () => {
  const sniff = sniffNumberFormat(['2,55', '3,10', '1.5', 'n/a', 'abc', '1,2,3', '', '  ']);
  expect(sniff.format).toEqual({ decimal: ',', thousands: null });
  expect(sniff.failures).toBe(4);
  expect(sniff.examples).toEqual(['1.5', 'n/a', 'abc']);
});

test('sniffNumberFormat lets garbage vote for nothing', () => {
  const sniff = sniffNumberFormat(['1,2,3', '2.5']);
  expect(sniff.format).toEqual({ decimal: '.', thousands: null });
  expect(sniff.failures).toBe(1);
  expect(sniff.examples).toEqual(['1,2,3']);
});

test.each([
  // [values, currency, symbol, conflict]
  [['£1,234.50', '-£12.50'], 'GBP', '£', false],
  [['12,50 €', '3 €'], 'EUR', '€', false],
  [['¥1200'], 'JPY', '¥', false],
  [['¥1200', 'CNY 5'], 'CNY', '¥', false],
  [['₹ 1,00,000'], 'INR', '₹', false],
  [['CHF 12.50'], 'CHF', null, false],
  [['EUR 12.50', '12.50 eur'], 'EUR', null, false],
  [['usd 3'], 'USD', null, false],
  [['$1,249.00', '-$12.50'], null, '$', false],
  [['$1,249.00', 'USD 4'], 'USD', '$', false],
  [['12 kr', '3 kr'], null, 'kr', false],
  [['12 kr', 'SEK 3'], 'SEK', 'kr', false],
  [['£1', '$2'], null, null, true],
  [['£1', 'EUR 2'], null, '£', true],
  [['$1', 'kr 2'], null, null, true],
  [['1.50', '2'], null, null, false],
] as const)('sniffNumberFormat(%j) names currency %j, symbol %j, conflict %j', (values, currency, symbol, conflict) => {
  const sniff = sniffNumberFormat(values);
  expect(sniff.currency).toBe(currency);
  expect(sniff.currencySymbol).toBe(symbol);
  expect(sniff.currencyConflict).toBe(conflict);
});

test('sniffNumberFormat does not change its input', () => {
  const values = ['1.249,00', '2,55'];
  const copy = [...values];
  sniffNumberFormat(values);
  expect(values).toEqual(copy);
});

test('sniffNumberFormat of no values is the unambiguous default with nothing failing', () => {
  expect(sniffNumberFormat([])).toEqual({
    format: { decimal: '.', thousands: null },
    ambiguous: true,
    currency: null,
    currencySymbol: null,
    currencyConflict: false,
    failures: 0,
    examples: [],
  });
});
