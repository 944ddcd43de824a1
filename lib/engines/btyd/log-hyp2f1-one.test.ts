import { expect, test } from 'vitest';
import { logHyp2f1One, logHyp2f1OneMany } from './log-hyp2f1-one';
import { hyp2f1 } from './special-functions';

// Reference values: mpmath 1.3 at 50 digits, log(hyp2f1(1, b, c, z)) at the same binary z.
test.each([
  [0.55, 1.71, 0.3, 0.11107604473754288],
  [3.55, 4.76, 0.001, 0.00074610952334805968],
  [0.55, 1.71, 0.99, 0.94074982817424416],
  [12.0, 12.3, 0.95, 2.7660934610169925],
  [1.6, 2.16, 0.999999, 6.9642889262294017],
  [50.5, 52.1, 0.999999999, 4.4445175735473058],
  [1.6, 501.7, 0.999999999999, 0.003200642860332314],
  [2.0, 3.0, 0.999999999999, 3.9752247549075128],
  [1.01, 1.02, 0.9999, 9.1185633792430524],
])('log 2F1(1, %d; %d; %d) matches mpmath', (b, c, z, expected) => {
  expect(logHyp2f1One(b, c, z, Math.log1p(-z))).toBeCloseTo(expected, 11);
});

test('2F1(1, 1; 2; z) = -ln(1 - z) / z on both sides of the switch to the integral form', () => {
  for (const z of [0.5, 0.9, 0.95, 0.999, 1 - 1e-8]) {
    expect(logHyp2f1One(1, 2, z, Math.log1p(-z))).toBeCloseTo(Math.log(-Math.log1p(-z) / z), 12);
  }
});

test('agrees with the plain series where that converges quickly, and is 0 at z = 0', () => {
  for (const [b, c, z] of [
    [0.7, 2.2, 0.6],
    [4, 9.5, 0.8],
  ]) {
    expect(logHyp2f1One(b, c, z, Math.log1p(-z))).toBeCloseTo(Math.log(hyp2f1(1, b, c, z)), 13);
  }
  expect(logHyp2f1One(3, 4, 0, 0)).toBe(0);
});

test('is NaN outside c >= b > 0, 0 <= z < 1; c = b gives 1 / (1 - z)', () => {
  expect(logHyp2f1One(2, 1, 0.5, Math.log(0.5))).toBeNaN();
  expect(logHyp2f1One(1, 2, 1, -Infinity)).toBeNaN();
  expect(logHyp2f1One(1, 2, -0.1, Math.log(1.1))).toBeNaN();
  expect(logHyp2f1One(5e8, 5e8, 1 - 1e-7, Math.log(1e-7))).toBeCloseTo(-Math.log(1e-7), 9);
  expect(logHyp2f1One(3, 3, 0.5, Math.log(0.5))).toBeCloseTo(Math.log(2), 14);
});

test('the batched form (one integral sweep for all arguments near 1, in any order) equals one call per argument', () => {
  const z = Float64Array.of(1 - 1e-6, 0.3, 0.999, 1 - 1e-12, 0.95, 2, 1 - 1e-9);
  const logOneMinusZ = z.map((v) => Math.log1p(-v));
  const out = new Float64Array(z.length);
  for (const [b, c] of [
    [1.6, 2.16],
    [0.55, 1.71],
    [50.5, 52.1],
  ]) {
    logHyp2f1OneMany(b, c, z, logOneMinusZ, z.length, out);
    z.forEach((v, k) => {
      if (v >= 1) expect(out[k]).toBeNaN();
      else expect(out[k]).toBeCloseTo(logHyp2f1One(b, c, v, logOneMinusZ[k]), 12);
    });
  }
  logHyp2f1OneMany(1.6, 2.16, z, logOneMinusZ, z.length, out);
  expect(out[0]).toBeCloseTo(6.9642889262294017, 11);
});
