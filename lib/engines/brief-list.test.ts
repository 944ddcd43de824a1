import { describe, expect, test } from 'vitest';
import { BRIEF_NAME_CHARS, briefList } from './brief-list';

describe('briefList', () => {
  test.each([
    [[], 3, ''],
    [['a'], 3, 'a'],
    [['a', 'b', 'c'], 3, 'a, b, c'],
    [['a', 'b', 'c', 'd'], 3, 'a, b, c, ... and 1 more'],
  ])('%j showing %i gives %j', (names, shown, expected) => {
    expect(briefList(names, undefined, shown)).toBe(expected);
  });

  test('a 26,000,000-name list names ten and counts the rest', () => {
    const names = new Array<string>(26_000_000).fill('a');
    expect(briefList(names, (n) => `"${n}"`)).toBe(`${new Array(10).fill('"a"').join(', ')}, ... and 25,999,990 more`);
  });

  test('a long name is cut to BRIEF_NAME_CHARS characters with an ellipsis, before formatting', () => {
    const text = briefList(['x'.repeat(1_000_000)], (n) => `"${n}"`);
    expect(text).toBe(`"${'x'.repeat(BRIEF_NAME_CHARS - 1)}…"`);
  });

  test('the input is not changed', () => {
    const names = Object.freeze(['a', 'b']);
    expect(briefList(names, undefined, 1)).toBe('a, ... and 1 more');
    expect(names).toEqual(['a', 'b']);
  });
});
