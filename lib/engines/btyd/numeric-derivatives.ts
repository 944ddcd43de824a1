export type Objective = (x: Float64Array) => number;

/** Central-difference gradient; falls back to a one-sided difference next to a wall (non-finite side). */
export function numericGradient(f: Objective, x: Float64Array, fx: number, out: Float64Array, step = 1e-5): number {
  let evaluations = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const h = step * Math.max(1, Math.abs(xi));
    x[i] = xi + h;
    const fPlus = f(x);
    x[i] = xi - h;
    const fMinus = f(x);
    x[i] = xi;
    evaluations += 2;
    if (Number.isFinite(fPlus) && Number.isFinite(fMinus)) out[i] = (fPlus - fMinus) / (2 * h);
    else if (Number.isFinite(fPlus)) out[i] = (fPlus - fx) / h;
    else if (Number.isFinite(fMinus)) out[i] = (fx - fMinus) / h;
    else out[i] = NaN;
  }
  return evaluations;
}

/** Central-difference Hessian (symmetric, row-major rows). */
export function numericHessian(f: Objective, x: Float64Array, step = 1e-4): number[][] {
  const k = x.length;
  const point = Float64Array.from(x);
  const f0 = f(point);
  const h = Array.from(x, (xi) => step * Math.max(1, Math.abs(xi)));
  const at = (i: number, di: number, j: number, dj: number): number => {
    point.set(x);
    point[i] += di;
    point[j] += dj;
    return f(point);
  };
  const hessian = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    hessian[i][i] = (at(i, h[i], i, 0) - 2 * f0 + at(i, -h[i], i, 0)) / (h[i] * h[i]);
    for (let j = 0; j < i; j++) {
      const value =
        (at(i, h[i], j, h[j]) - at(i, h[i], j, -h[j]) - at(i, -h[i], j, h[j]) + at(i, -h[i], j, -h[j])) / (4 * h[i] * h[j]);
      hessian[i][j] = value;
      hessian[j][i] = value;
    }
  }
  return hessian;
}

/**
 * Hessian as central differences of an analytic gradient, symmetrised: column j is
 * (g(x + h_j e_j) - g(x - h_j e_j)) / (2 h_j), h_j = step max(1, |x_j|); 2 k gradient calls
 * instead of the 2 k^2 + 1 values of numericHessian, and an error of O(h^2) without the
 * cancellation of second differences of values. Entries are NaN where a call is not finite.
 */
export function numericHessianFromGradient(fg: (x: Float64Array, gradient: Float64Array) => number, x: Float64Array, step = 1e-4): number[][] {
  const k = x.length;
  const point = Float64Array.from(x);
  const plus = new Float64Array(k);
  const minus = new Float64Array(k);
  const columns = Array.from({ length: k }, () => new Array<number>(k).fill(NaN));
  for (let j = 0; j < k; j++) {
    const h = step * Math.max(1, Math.abs(x[j]));
    point[j] = x[j] + h;
    const fPlus = fg(point, plus);
    point[j] = x[j] - h;
    const fMinus = fg(point, minus);
    point[j] = x[j];
    if (!Number.isFinite(fPlus) || !Number.isFinite(fMinus)) continue;
    for (let i = 0; i < k; i++) columns[j][i] = (plus[i] - minus[i]) / (2 * h);
  }
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (columns[j][i] + columns[i][j]) / 2));
}
