import { expect, test } from 'vitest';
import { EngineError } from '../errors';
import { digamma, hyp2f1, logBeta, logGamma } from './special-functions';

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

const EULER_GAMMA = 0.5772156649015329;

test.each([
  [1, -EULER_GAMMA],
  [0.5, -EULER_GAMMA - 2 * Math.LN2],
  [2, 1 - EULER_GAMMA],
  [0.25, -EULER_GAMMA - Math.PI / 2 - 3 * Math.LN2],
  [10, 2.251752589066721],
  [100, 4.600161852738087],
  // -1 / x - gamma + (pi^2 / 6) x + O(x^2), held to 1e-15 of its size.
  [1e-6, -1e6 - EULER_GAMMA + (Math.PI ** 2 / 6) * 1e-6],
])('digamma(%d) = %d', (x, expected) => {
  expect(Math.abs(digamma(x) - expected)).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
});

test('digamma follows psi(x + 1) = psi(x) + 1 / x and is the derivative of logGamma', () => {
  for (const x of [0.003, 0.7, 3.2, 5.999, 6, 17.5, 250, 1e5]) {
    expect(digamma(x + 1)).toBeCloseTo(digamma(x) + 1 / x, 10);
    const h = 1e-5 * Math.max(x, 1e-2);
    expect((logGamma(x + h) - logGamma(x - h)) / (2 * h)).toBeCloseTo(digamma(x), 5);
  }
  expect(digamma(0)).toBeNaN();
  expect(digamma(-1)).toBeNaN();
});
