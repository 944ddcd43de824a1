import { expect, test } from 'vitest';
import {
  createSeriesCoefficients,
  eulerFactors,
  expectedPurchasesKernel,
  expectedPurchasesKernelMany,
  resetSeriesCoefficients,
  usesOriginalForm,
} from './expected-purchases-kernel';
import { hyp2f1 } from './special-functions';

// The textbook form: C / (a - 1) * [1 - (1 - z)^(r + x) 2F1(r + x, B; C; z)].
function direct(r: number, a: number, x: number, B: number, C: number, z: number): number {
  return (C / (a - 1)) * (1 - Math.pow(1 - z, r + x) * hyp2f1(r + x, B, C, z));
}

const cases = [
  { r: 0.2426, a: 0.7929, b: 2.4259 },
  { r: 1.3, a: 2.5, b: 4 },
  { r: 0.5, a: 0.3, b: 0.4 },
  { r: 0.4, a: 14, b: 9 },
];

test.each(cases)('BG/NBD kernel equals the direct 2F1 form (%o)', ({ r, a, b }) => {
  for (const x of [0, 1, 4, 25]) {
    for (const z of [0.01, 0.3, 0.7, 0.9]) {
      const expected = direct(r, a, x, b + x, a + b + x - 1, z);
      expect(expectedPurchasesKernel(r + x, a, a + b + x - 1, z) / expected).toBeCloseTo(1, 9);
    }
  }
});

test.each(cases)('MBG/NBD kernel equals the direct 2F1 form (%o)', ({ r, a, b }) => {
  for (const x of [0, 2, 10]) {
    for (const z of [0.05, 0.5, 0.85]) {
      const expected = direct(r, a, x, b + x + 1, a + b + x, z);
      expect(expectedPurchasesKernel(r + x, a, a + b + x, z) / expected).toBeCloseTo(1, 9);
    }
  }
});

test('the kernel is continuous through a = 1, where the textbook form is 0 / 0', () => {
  const at = (a: number) => expectedPurchasesKernel(0.4 + 3, a, a + 2 + 3 - 1, 0.6);
  expect(at(1)).toBeCloseTo((at(1 - 1e-7) + at(1 + 1e-7)) / 2, 9);
});

test('the Euler and original forms agree where the kernel switches between them', () => {
  const rx = 2.3;
  const a = rx + 10;
  expect(usesOriginalForm(rx, a - 1e-9)).toBe(false);
  expect(usesOriginalForm(rx, a + 1e-9)).toBe(true);
  for (const z of [0.2, 0.6, 0.9]) {
    const C = a + 4 + 2 - 1;
    expect(expectedPurchasesKernel(rx, a + 1e-9, C + 1e-9, z) / expectedPurchasesKernel(rx, a - 1e-9, C - 1e-9, z)).toBeCloseTo(1, 9);
  }
});

test('nearly homogeneous dropout (a, b huge) tends to E[purchases | alive] = (1 - (1 + p s)^-(r + x)) / p', () => {
  const p = 0.3;
  const a = 3e12;
  const b = (a * (1 - p)) / p;
  const [r, x, z] = [0.7, 2, 0.8];
  const s = z / (1 - z);
  const limit = (1 - Math.pow(1 + p * s, -(r + x))) / p;
  expect(expectedPurchasesKernel(r + x, a, a + b + x - 1, z)).toBeCloseTo(limit, 8);
});

test.each([
  [3.5, 0.8, 5.2],
  [0.25, 0.3, -0.3],
  [40.2, 2.5, 42.5],
  [1.2, 5e6, 1.2e7],
])('the batched kernel with shared coefficients matches the single one at every z (r + x %d, a %d, C %d)', (rx, a, C) => {
  const z = Float64Array.of(0, 0.1, 0.25, 0.4, 0.55, 0.7, 0.8, 0.95);
  const logOneMinusZ = z.map((v) => Math.log1p(-v));
  const front = new Float64Array(z.length);
  const power = new Float64Array(z.length);
  const out = new Float64Array(z.length);
  const series = createSeriesCoefficients();
  resetSeriesCoefficients(series, rx, a, C);
  eulerFactors(a, logOneMinusZ, z.length, front, power);
  expectedPurchasesKernelMany(series, z, logOneMinusZ, front, power, z.length, out, 1e-13);
  z.forEach((zi, i) => expect(out[i]).toBeCloseTo(expectedPurchasesKernel(rx, a, C, zi), 10));
});
