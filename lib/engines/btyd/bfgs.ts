import { numericGradient, type Objective } from './numeric-derivatives';

export interface MinimizeOptions {
  maxIterations: number;
  /** Converged when the max-norm of the gradient falls below this. */
  gradientTolerance: number;
  /** Longest step (max-norm) tried by the line search. */
  maxStep: number;
}

export interface MinimizeResult {
  x: Float64Array;
  f: number;
  gradientNorm: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

const ARMIJO = 1e-4;
const STALL = 1e-15;

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return Number.isNaN(m) ? NaN : m;
}

function resetToIdentity(h: Float64Array, k: number, scale = 1): void {
  h.fill(0);
  for (let i = 0; i < k; i++) h[i * k + i] = scale;
}

/** An objective that returns its value at x and writes its gradient there into `gradient`. */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

/**
 * Quasi-Newton (BFGS) minimisation with a backtracking Armijo line search. The gradient is `fg`'s
 * analytic one when given (each line-search point then costs one fg call, which also yields the
 * gradient should the point be accepted), else a central-difference one of f (2 k more calls per
 * accepted point). Counts every call of f or fg as one evaluation.
 */
export function minimizeBfgs(f: Objective, x0: Float64Array, options: MinimizeOptions, fg?: ObjectiveWithGradient): MinimizeResult {
  const k = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(k);
  const gNew = new Float64Array(k);
  const direction = new Float64Array(k);
  const trial = new Float64Array(k);
  const s = new Float64Array(k);
  const y = new Float64Array(k);
  const hy = new Float64Array(k);
  const inverseHessian = new Float64Array(k * k);
  resetToIdentity(inverseHessian, k);
  let identity = true;

  let fx = fg ? fg(x, g) : f(x);
  let evaluations = 1;
  if (!Number.isFinite(fx)) return { x, f: fx, gradientNorm: NaN, iterations: 0, evaluations, converged: false };
  if (!fg) evaluations += numericGradient(f, x, fx, g);
  let gradientNorm = maxAbs(g);
  let iterations = 0;
  let stalled = 0;

  while (iterations < options.maxIterations && gradientNorm > options.gradientTolerance && Number.isFinite(gradientNorm)) {
    iterations++;
    let slope = 0;
    for (let i = 0; i < k; i++) {
      let d = 0;
      for (let j = 0; j < k; j++) d -= inverseHessian[i * k + j] * g[j];
      direction[i] = d;
      slope += d * g[i];
    }
    if (!(slope < 0)) {
      resetToIdentity(inverseHessian, k);
      identity = true;
      slope = 0;
      for (let i = 0; i < k; i++) {
        direction[i] = -g[i];
        slope -= g[i] * g[i];
      }
    }
    const length = maxAbs(direction);
    let step = length > options.maxStep ? options.maxStep / length : 1;
    let fTrial = Infinity;
    let accepted = false;
    while (step > 1e-14) {
      for (let i = 0; i < k; i++) trial[i] = x[i] + step * direction[i];
      fTrial = fg ? fg(trial, gNew) : f(trial);
      evaluations++;
      if (Number.isFinite(fTrial) && fTrial <= fx + ARMIJO * step * slope) {
        accepted = true;
        break;
      }
      step *= Number.isFinite(fTrial) ? Math.max(0.1, Math.min(0.5, (-slope * step) / (2 * (fTrial - fx - slope * step)))) : 0.2;
    }
    if (!accepted) {
      if (identity) break;
      resetToIdentity(inverseHessian, k);
      identity = true;
      continue;
    }
    if (!fg) evaluations += numericGradient(f, trial, fTrial, gNew);
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < k; i++) {
      s[i] = trial[i] - x[i];
      y[i] = gNew[i] - g[i];
      sy += s[i] * y[i];
      yy += y[i] * y[i];
    }
    if (sy > 1e-14 * Math.sqrt(yy) * maxAbs(s) && Number.isFinite(sy)) {
      if (identity) resetToIdentity(inverseHessian, k, sy / yy);
      identity = false;
      // H <- (I - rho s y') H (I - rho y s') + rho s s'
      const rho = 1 / sy;
      let yHy = 0;
      for (let i = 0; i < k; i++) {
        let v = 0;
        for (let j = 0; j < k; j++) v += inverseHessian[i * k + j] * y[j];
        hy[i] = v;
        yHy += y[i] * v;
      }
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          inverseHessian[i * k + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
        }
      }
    }
    // Near the optimum a numeric gradient is noise; stop once the objective stops moving.
    stalled = fx - fTrial <= STALL * (1 + Math.abs(fx)) ? stalled + 1 : 0;
    x.set(trial);
    g.set(gNew);
    fx = fTrial;
    gradientNorm = maxAbs(g);
    if (stalled >= 3) break;
  }
  return {
    x,
    f: fx,
    gradientNorm,
    iterations,
    evaluations,
    converged: gradientNorm <= options.gradientTolerance,
  };
}
