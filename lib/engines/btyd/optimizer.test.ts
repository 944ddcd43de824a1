import { expect, test } from 'vitest';
import { minimizeBfgs } from './bfgs';
import { DEFAULT_FIT_OPTIONS, maximizeLikelihood } from './maximum-likelihood';
import { cholesky, invertSymmetric } from './cholesky';
import { minimizeNelderMead } from './nelder-mead';
import { numericHessian, numericHessianFromGradient } from './numeric-derivatives';

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

test('Nelder-Mead stops once its evaluation budget is spent, with the best point so far', () => {
  const options = { maxIterations: 5000, initialStep: 0.5, tolerance: 1e-16 };
  const full = minimizeNelderMead(rosenbrock, Float64Array.of(-1.2, 1), options);
  let calls = 0;
  const counted = (v: Float64Array) => {
    calls++;
    return rosenbrock(v);
  };
  const capped = minimizeNelderMead(counted, Float64Array.of(-1.2, 1), { ...options, maxEvaluations: 60 });
  expect(capped.evaluations).toBe(calls);
  // The budget is checked before each iteration, which spends at most k + 2 = 4 more (reflect, contract, shrink k = 2).
  expect(calls).toBeGreaterThanOrEqual(60);
  expect(calls).toBeLessThanOrEqual(63);
  expect(full.evaluations).toBeGreaterThan(200);
  expect(capped.f).toBeGreaterThan(full.f);
  expect(capped.f).toBe(rosenbrock(capped.x));
  expect(capped.f).toBeLessThan(rosenbrock(Float64Array.of(-1.2, 1)));
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

test('BFGS with an analytic gradient finds the Rosenbrock minimum in far fewer evaluations', () => {
  const gradient = (v: Float64Array, g: Float64Array) => {
    g[0] = -2 * (1 - v[0]) - 400 * v[0] * (v[1] - v[0] ** 2);
    g[1] = 200 * (v[1] - v[0] ** 2);
    return rosenbrock(v);
  };
  const options = { maxIterations: 500, gradientTolerance: 1e-8, maxStep: 2 };
  const analytic = minimizeBfgs(rosenbrock, Float64Array.of(-1.2, 1), options, gradient);
  const numeric = minimizeBfgs(rosenbrock, Float64Array.of(-1.2, 1), options);
  expect(analytic.converged).toBe(true);
  expect(analytic.x[0]).toBeCloseTo(1, 7);
  expect(analytic.x[1]).toBeCloseTo(1, 7);
  expect(analytic.evaluations).toBeLessThan(numeric.evaluations / 2);
});

test('the Hessian from gradient differences of a quadratic is its matrix', () => {
  const fg = (v: Float64Array, g: Float64Array) => {
    g[0] = 4 * v[0] + 3 * v[1];
    g[1] = 3 * v[0] + 10 * v[1];
    return 2 * v[0] ** 2 + 3 * v[0] * v[1] + 5 * v[1] ** 2;
  };
  const h = numericHessianFromGradient(fg, Float64Array.of(0.3, -0.7));
  expect(h).toEqual([
    [expect.closeTo(4, 9), expect.closeTo(3, 9)],
    [expect.closeTo(3, 9), expect.closeTo(10, 9)],
  ]);
});

// (theta^2 - 1)^2 + 0.1 (theta - 1)^2 per customer: minima near -1 (higher) and at 1 (lower).
const doubleWell = (shift: number) => ({
  nCustomers: 10,
  start: Float64Array.of(shift),
  negLogLikelihood: (t: Float64Array) => 10 * ((t[0] ** 2 - 1) ** 2 + 0.1 * (t[0] - 1) ** 2),
  negLogLikelihoodWithGradient: (t: Float64Array, g: Float64Array) => {
    g[0] = 10 * (4 * t[0] * (t[0] ** 2 - 1) + 0.2 * (t[0] - 1));
    return 10 * ((t[0] ** 2 - 1) ** 2 + 0.1 * (t[0] - 1) ** 2);
  },
});

test('the starts stop once two converged starts agree on the optimum, and go on while they disagree', () => {
  const options = { ...DEFAULT_FIT_OPTIONS, seed: 3 };
  // Started at the bottom of the lower well, the seeded starts (spread 1) agree at the second.
  const agreeing = maximizeLikelihood(doubleWell(1), options);
  expect(agreeing.convergence.starts).toBe(2);
  expect(agreeing.convergence.convergedStarts).toBe(2);
  expect(agreeing.logParams[0]).toBeCloseTo(1, 7);
  // From the upper well every start has to run until two land in the same well; the best is the lower one.
  const all = maximizeLikelihood(doubleWell(-1.5), { ...options, starts: 8 });
  expect(all.convergence.starts).toBeGreaterThan(2);
  expect(all.logParams[0]).toBeCloseTo(1, 7);
});
