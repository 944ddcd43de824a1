import { expect, test } from 'vitest';
import { EngineError } from '../errors';
import { hyp2f1, logBeta, logGamma } from './special-functions';

test.each([
  [0.5, 0.5723649429247001],
  [1, 0],
  [2, 0],
  [2.5, 0.2846828704729192],
  [3, Math.LN2],
  [0.1, 2.252712651734206],
  [10, 12.801827480081469],
  [100, 359.1342053695754],
  [1000, 5905.220423209181],
  [1e-5, 11.512919692895825],
])('logGamma(%d) = %d', (x, expected) => {
  expect(logGamma(x)).toBeCloseTo(expected, 12);
});

test('logGamma follows the recurrence lnG(x + 1) = lnG(x) + ln x over a wide range', () => {
  for (const x of [0.013, 0.37, 1.9, 7.3, 9.99, 10.01, 55.5, 1234.5]) {
    expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 11);
  }
});

test('logGamma is NaN for negative input and infinite at 0', () => {
  expect(logGamma(-1)).toBeNaN();
  expect(logGamma(0)).toBe(Infinity);
});

test('logBeta(2, 3) = ln(1/12)', () => {
  expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13);
});

test.each([
  ['1, 1; 2; z = -ln(1 - z) / z', 1, 1, 2, 0.3, -Math.log(0.7) / 0.3],
  ['same, z = 0.99 (slow series)', 1, 1, 2, 0.99, -Math.log(0.01) / 0.99],
  ['a, b; b; z = (1 - z)^-a', 0.7, 2.2, 2.2, 0.6, Math.pow(0.4, -0.7)],
  ['1/2, 1/2; 3/2; z^2 = asin(z) / z', 0.5, 0.5, 1.5, 0.81, Math.asin(0.9) / 0.9],
  ['terminating, a = -2', -2, 1.5, 2.5, 0.4, 1 - (2 * 1.5 * 0.4) / 2.5 + (1.5 * 2.5 * 0.16) / (2.5 * 3.5)],
  ['negative z', 1, 1, 2, -0.5, Math.log(1.5) / 0.5],
  ['z = 0', 3, 4, 5, 0, 1],
])('hyp2f1 %s', (_label, a, b, c, z, expected) => {
  expect(hyp2f1(a, b, c, z)).toBeCloseTo(expected, 12);
});

test('hyp2f1 refuses |z| >= 1 and c a non-positive integer', () => {
  expect(() => hyp2f1(1, 1, 2, 1)).toThrow(EngineError);
  expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(/undefined/);
});
