import { expect, test } from 'vitest';
import { databaseId, hasControlCharacter, plainText } from './text-rules';

test.each([
  ['France', false],
  ['Côte d’Ivoire', false],
  ['日本', false],
  ['a\u0000b', true],
  ['tab\there', true],
  ['line\nbreak', true],
  ['del\u007f', true],
  ['c1\u0085', true],
])('hasControlCharacter(%j) is %j', (value, expected) => {
  expect(hasControlCharacter(value)).toBe(expected);
});

test('plain text names what is wrong', () => {
  const schema = plainText('The country', 5);
  expect(schema.safeParse('Spain').success).toBe(true);
  expect(schema.safeParse('a\u0000').error?.issues[0].message).toBe('The country contains a control character (such as NUL or a line break); remove it.');
  expect(schema.safeParse('Germany').error?.issues[0].message).toBe('The country is longer than 5 characters.');
});

test.each([
  ['1', 1],
  ['2147483647', 2_147_483_647],
  ['2147483648', null],
  ['0', null],
  ['-1', null],
  ['1.5', null],
  ['abc', null],
])('databaseId(%j) reads as %j', (value, expected) => {
  const parsed = databaseId('Choose one.').safeParse(value);
  expect(parsed.success ? parsed.data : null).toBe(expected);
});
