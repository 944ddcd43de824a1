/**
 * One customer's clustering row as the run built it (prepareMatrix): log1p with negatives
 * clamped at 0 when `log`, then z-scores; a column the run found constant (std 0) is 0.
 */
export function standardise(
  columns: readonly Float64Array[],
  customer: number,
  means: ArrayLike<number>,
  stds: ArrayLike<number>,
  log: boolean,
  out: Float64Array,
): Float64Array {
  for (let j = 0; j < columns.length; j++) {
    let v = columns[j][customer];
    if (log) v = Math.log1p(v > 0 ? v : 0);
    out[j] = stds[j] === 0 ? 0 : (v - means[j]) / stds[j];
  }
  return out;
}
