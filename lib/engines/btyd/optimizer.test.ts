import { expect, test } from 'vitest';
import { minimizeBfgs } from './bfgs';
import { cholesky, invertSymmetric } from './cholesky';
import { minimizeNelderMead } from './nelder-mead';
import { numericHessian } from './numeric-derivatives';

const rosenbrock = (v: Float64Array) => (1 - v[0]) ** 2 + 100 * (v[1] - v[0] ** 2) ** 2;

test('BFGS finds the Rosenbrock minimum (1, 1) from (-1.2, 1)', () => {
  const result = minimizeBfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIterations: 500, gradientTolerance: 1e-8, maxStep: 2 });
  expect(result.converged).toBe(true);
  expect(result.x[0]).toBeCloseTo(1, 5);
  expect(result.x[1]).toBeCloseTo(1, 5);
});

test('BFGS backs away from walls where the objective is not finite', () => {
  const f = (v: Float64Array) => (v[0] <= 0 ? Infinity : v[0] - Math.log(v[0]));
  const result = minimizeBfgs(f, Float64Array.of(3), { maxIterations: 200, gradientTolerance: 1e-9, maxStep: 10 });
  expect(result.x[0]).toBeCloseTo(1, 6);
});

test('Nelder-Mead finds the Rosenbrock minimum', () => {
  const result = minimizeNelderMead(rosenbrock, Float64Array.of(-1.2, 1), { maxIterations: 5000, initialStep: 0.5, tolerance: 1e-16 });
  expect(result.x[0]).toBeCloseTo(1, 3);
  expect(result.x[1]).toBeCloseTo(1, 3);
});

test('numeric Hessian of a quadratic is its matrix', () => {
  const f = (v: Float64Array) => 2 * v[0] ** 2 + 3 * v[0] * v[1] + 5 * v[1] ** 2;
  const h = numericHessian(f, Float64Array.of(0.3, -0.7));
  expect(h[0][0]).toBeCloseTo(4, 5);
  expect(h[0][1]).toBeCloseTo(3, 5);
  expect(h[1][0]).toBeCloseTo(3, 5);
  expect(h[1][1]).toBeCloseTo(10, 5);
});

test('invertSymmetric inverts a positive definite matrix and refuses an indefinite one', () => {
  const inverse = invertSymmetric([
    [4, 2],
    [2, 3],
  ]);
  expect(inverse).not.toBeNull();
  expect(inverse![0][0]).toBeCloseTo(3 / 8, 12);
  expect(inverse![0][1]).toBeCloseTo(-2 / 8, 12);
  expect(inverse![1][1]).toBeCloseTo(4 / 8, 12);
  expect(
    cholesky([
      [1, 2],
      [2, 1],
    ]),
  ).toBeNull();
});
