import { EngineError } from '../errors';
import { assertPositiveParameters } from './parameters';
import type { RepeatPurchaseData } from './types';

/** Checks that x, tx and T are aligned, finite and consistent (x whole, 0 <= tx <= T, tx = 0 when x = 0). */
export function validateRepeatData(data: RepeatPurchaseData): number {
  const { x, tx, T } = data;
  const n = x.length;
  if (tx.length !== n || T.length !== n) {
    throw new EngineError('INVALID_INPUT', `x, tx and T must have the same length (got ${n}, ${tx.length}, ${T.length}).`);
  }
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const ti = tx[i];
    const Ti = T[i];
    if (!Number.isFinite(xi) || !Number.isFinite(ti) || !Number.isFinite(Ti)) {
      throw new EngineError('INVALID_INPUT', `Customer row ${i} has a missing or non-finite x, tx or T.`, { row: i });
    }
    if (xi < 0 || !Number.isInteger(xi)) {
      throw new EngineError('INVALID_INPUT', `Customer row ${i}: repeat purchases x must be a whole number of at least 0, got ${xi}.`, { row: i });
    }
    if (ti < 0 || Ti < 0 || ti > Ti * (1 + 1e-12) + 1e-12) {
      throw new EngineError('INVALID_INPUT', `Customer row ${i}: need 0 <= tx <= T, got tx ${ti} and T ${Ti}.`, { row: i });
    }
    if (xi === 0 && ti !== 0) {
      throw new EngineError('INVALID_INPUT', `Customer row ${i} has no repeat purchase but a recency of ${ti}; tx must be 0 when x is 0.`, { row: i });
    }
  }
  return n;
}

/** Distinct values of a column and, for each row, the index of its value. */
export interface DistinctColumn {
  values: Float64Array;
  index: Int32Array;
}

export function distinctColumn(column: Float64Array): DistinctColumn {
  const positions = new Map<number, number>();
  const index = new Int32Array(column.length);
  const values: number[] = [];
  for (let i = 0; i < column.length; i++) {
    let position = positions.get(column[i]);
    if (position === undefined) {
      position = values.length;
      values.push(column[i]);
      positions.set(column[i], position);
    }
    index[i] = position;
  }
  return { values: Float64Array.from(values), index };
}

/**
 * Repeat-purchase data laid out for fast likelihoods: x as integers, and T and tx reduced to
 * their distinct values, so logs depending on them are taken once per distinct value.
 */
export interface PreparedRepeatData {
  n: number;
  x: Int32Array;
  maxX: number;
  T: DistinctColumn;
  tx: DistinctColumn;
}

export function prepareRepeatData(data: RepeatPurchaseData): PreparedRepeatData {
  const n = validateRepeatData(data);
  const x = Int32Array.from(data.x);
  let maxX = 0;
  for (let i = 0; i < n; i++) if (x[i] > maxX) maxX = x[i];
  return { n, x, maxX, T: distinctColumn(data.T), tx: distinctColumn(data.tx) };
}

/** Fewest customers a four-parameter purchase model is fitted to. */
export const MIN_PURCHASE_MODEL_CUSTOMERS = 5;

/** Data-scaled first start: r = 1, alpha from the mean repeat rate, a = 1, b = 3. */
export function purchaseModelStart(data: PreparedRepeatData, T: Float64Array): Float64Array {
  let sumX = 0;
  let sumT = 0;
  for (let i = 0; i < data.n; i++) {
    sumX += data.x[i];
    sumT += T[i];
  }
  const meanT = sumT / data.n;
  const alpha = Math.max(meanT, 1e-6) / Math.max(sumX / data.n, 0.1);
  return Float64Array.from([0, Math.log(alpha), 0, Math.log(3)]);
}

export function assertEnoughCustomers(n: number, model: string): void {
  if (n < MIN_PURCHASE_MODEL_CUSTOMERS) {
    throw new EngineError(
      'TOO_FEW_CUSTOMERS',
      `${model} needs at least ${MIN_PURCHASE_MODEL_CUSTOMERS} customers to estimate its 4 parameters, got ${n}.`,
      { customers: n },
    );
  }
}

export function repeatPurchaseWarnings(data: PreparedRepeatData, model = 'BG/NBD'): string[] {
  for (let i = 0; i < data.n; i++) if (data.x[i] > 0) return [];
  const dropout = model === 'Pareto/NBD' ? 's, beta' : 'a, b';
  return [`No customer made a repeat purchase: the dropout parameters (${dropout}) are not identified and predicted repeat purchases are near 0.`];
}

/**
 * Per-customer log-likelihood of a purchase model and its total, after checking the parameters
 * (all positive) and the data (x, tx, T of equal length, 0 <= tx <= T).
 * @param customerLogLikelihood the model's log-likelihood of one customer (x, tx, T)
 * @throws EngineError INVALID_INPUT for non-positive parameters or inconsistent data
 */
export function repeatDataLogLikelihood<P extends object>(
  params: P,
  names: readonly (keyof P & string)[],
  label: string,
  data: RepeatPurchaseData,
  customerLogLikelihood: (params: P, x: number, tx: number, T: number) => number,
): { total: number; perCustomer: Float64Array } {
  assertPositiveParameters(params, names, label);
  const n = validateRepeatData(data);
  const perCustomer = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    perCustomer[i] = customerLogLikelihood(params, data.x[i], data.tx[i], data.T[i]);
    total += perCustomer[i];
  }
  return { total, perCustomer };
}

/**
 * out[k] = sum over j < k of 1 / (p + j), for k = 0 .. out.length - 1: the digamma differences
 * psi(p + k) - psi(p) (Abramowitz & Stegun 6.3.5), the derivative in p of ln Gamma(p + k) / Gamma(p)
 * in the BG/NBD and MBG/NBD gradients. p > 0.
 */
export function fillDigammaDifferences(out: Float64Array, p: number): void {
  out[0] = 0;
  for (let j = 0; j + 1 < out.length; j++) out[j + 1] = out[j] + 1 / (p + j);
}
