import { EngineError } from '../errors';
import { createRng } from '../random';
import type { FeatureMatrix } from '../clustering/types';

/** Seeded isotropic Gaussian blobs around the given centres; truth[i] is the blob of row i. Test data only. */
export function gaussianBlobs(
  centers: readonly (readonly number[])[],
  perCluster: number,
  spread: number,
  seed: number,
): { matrix: FeatureMatrix; truth: Int32Array } {
  const rng = createRng(seed);
  const d = centers[0].length;
  const n = centers.length * perCluster;
  const data = new Float64Array(n * d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % centers.length;
    truth[i] = c;
    for (let j = 0; j < d; j++) data[i * d + j] = centers[c][j] + spread * rng.normal();
  }
  return { matrix: { n, d, data, names: Array.from({ length: d }, (_, j) => `x${j}`) }, truth };
}

export function matrixOf(rows: readonly (readonly number[])[]): FeatureMatrix {
  const d = rows[0].length;
  const names = Array.from({ length: d }, (_, j) => `x${j}`);
  return { n: rows.length, d, data: Float64Array.from(rows.flat()), names };
}

/** True when two labellings split the rows the same way, whatever the cluster numbers. */
export function samePartition(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((forward.get(a[i]) ?? b[i]) !== b[i] || (backward.get(b[i]) ?? a[i]) !== a[i]) return false;
    forward.set(a[i], b[i]);
    backward.set(b[i], a[i]);
  }
  return true;
}

/** The EngineError a call throws; fails the test when it throws anything else or nothing. */
export function thrownEngineError(run: () => unknown): EngineError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('Expected an EngineError, but nothing was thrown.');
}

/** A known 3-component 2-D Gaussian mixture for fitting tests. */
export const TRUE_WEIGHTS = [0.5, 0.3, 0.2];
export const TRUE_MEANS = [
  [0, 0],
  [6, 0],
  [0, 6],
];
// Row-major 2 x 2 covariances.
export const TRUE_COVARIANCES = [
  [1, 0.5, 0.5, 1],
  [0.5, 0, 0, 2],
  [1.5, -0.3, -0.3, 0.5],
];

/** n seeded draws from the TRUE_* mixture. */
export function drawMixture(n: number, seed: number): FeatureMatrix {
  const rng = createRng(seed);
  const data = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    const c = u < TRUE_WEIGHTS[0] ? 0 : u < TRUE_WEIGHTS[0] + TRUE_WEIGHTS[1] ? 1 : 2;
    const [a, b, , e] = TRUE_COVARIANCES[c];
    // Cholesky of [[a, b], [b, e]].
    const l11 = Math.sqrt(a);
    const l21 = b / l11;
    const l22 = Math.sqrt(e - l21 * l21);
    const z1 = rng.normal();
    const z2 = rng.normal();
    data[i * 2] = TRUE_MEANS[c][0] + l11 * z1;
    data[i * 2 + 1] = TRUE_MEANS[c][1] + l21 * z1 + l22 * z2;
  }
  return { n, d: 2, data, names: ['x', 'y'] };
}
