import { expect, test } from 'vitest';
import { parseCustomerId } from './parse-customer-id';

test.each([
  ['17850.0', '17850'],
  ['17850', '17850'],
  [' 17850.00 ', '17850'],
  ['17850.5', '17850.5'],
  ['C-001', 'C-001'],
  ['', null],
  ['NaN', null],
  ['NULL', null],
  ['  ', null],
])('%j -> %j', (text, expected) => {
  expect(parseCustomerId(text)).toBe(expected);
});
