import type { Objective } from './numeric-derivatives';

export interface NelderMeadResult {
  x: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
}

/**
 * Derivative-free simplex minimisation (standard coefficients), used to get out of places BFGS stalls in.
 * Stops when the simplex's values agree to `tolerance` (relative), after `maxIterations`, or once an
 * iteration starts with `maxEvaluations` evaluations spent (default: no limit).
 */
export function minimizeNelderMead(
  f: Objective,
  x0: Float64Array,
  options: { maxIterations: number; initialStep: number; tolerance: number; maxEvaluations?: number },
): NelderMeadResult {
  const maxEvaluations = options.maxEvaluations ?? Infinity;
  const k = x0.length;
  const points: Float64Array[] = [Float64Array.from(x0)];
  for (let i = 0; i < k; i++) {
    const p = Float64Array.from(x0);
    p[i] += options.initialStep;
    points.push(p);
  }
  const values = points.map((p) => f(p));
  let evaluations = k + 1;
  const centroid = new Float64Array(k);
  const reflected = new Float64Array(k);
  const candidate = new Float64Array(k);
  const order = Array.from({ length: k + 1 }, (_, i) => i);
  const value = (v: number) => (Number.isFinite(v) ? v : Infinity);
  let iterations = 0;

  for (; iterations < options.maxIterations && evaluations < maxEvaluations; iterations++) {
    order.sort((i, j) => value(values[i]) - value(values[j]));
    const best = order[0];
    const worst = order[k];
    const secondWorst = order[k - 1];
    if (Math.abs(value(values[worst]) - value(values[best])) <= options.tolerance * (1 + Math.abs(value(values[best])))) break;
    centroid.fill(0);
    for (const i of order.slice(0, k)) for (let d = 0; d < k; d++) centroid[d] += points[i][d] / k;
    for (let d = 0; d < k; d++) reflected[d] = centroid[d] + (centroid[d] - points[worst][d]);
    const fReflected = value(f(reflected));
    evaluations++;
    if (fReflected < value(values[best])) {
      for (let d = 0; d < k; d++) candidate[d] = centroid[d] + 2 * (centroid[d] - points[worst][d]);
      const fExpanded = value(f(candidate));
      evaluations++;
      if (fExpanded < fReflected) {
        points[worst].set(candidate);
        values[worst] = fExpanded;
      } else {
        points[worst].set(reflected);
        values[worst] = fReflected;
      }
      continue;
    }
    if (fReflected < value(values[secondWorst])) {
      points[worst].set(reflected);
      values[worst] = fReflected;
      continue;
    }
    const outside = fReflected < value(values[worst]);
    for (let d = 0; d < k; d++) {
      candidate[d] = outside ? centroid[d] + 0.5 * (reflected[d] - centroid[d]) : centroid[d] + 0.5 * (points[worst][d] - centroid[d]);
    }
    const fContracted = value(f(candidate));
    evaluations++;
    if (fContracted < (outside ? fReflected : value(values[worst]))) {
      points[worst].set(candidate);
      values[worst] = fContracted;
      continue;
    }
    for (const i of order.slice(1)) {
      for (let d = 0; d < k; d++) points[i][d] = points[best][d] + 0.5 * (points[i][d] - points[best][d]);
      values[i] = f(points[i]);
      evaluations++;
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= k; i++) if (value(values[i]) < value(values[bestIndex])) bestIndex = i;
  return { x: points[bestIndex], f: values[bestIndex], iterations, evaluations };
}
