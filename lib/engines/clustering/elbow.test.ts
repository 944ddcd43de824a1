import { expect, test } from 'vitest';
import { findElbow } from './elbow';

test.each([
  // Scaled: x = 0, .25, .5, .75, 1 and y = (v - 12) / 88 = 1, .432, .091, .034, 0; the chord is y = 1 - x,
  // so the distance is proportional to 1 - x - y: .318, .409, .216 -> k = 3.
  ['a curve bending at 3', [1, 2, 3, 4, 5], [100, 50, 20, 15, 12], 3],
  ['a straight line', [2, 3, 4], [30, 20, 10], 2],
  ['two points', [2, 3], [10, 5], 2],
  ['a flat curve', [2, 3, 4], [5, 5, 5], 2],
])('elbow of %s', (_, ks, values, expected) => {
  expect(findElbow(ks, values)).toBe(expected);
});
