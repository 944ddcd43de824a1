/** Rearranges values so that values[k] is the k-th smallest (Hoare quickselect, median-of-three pivot). */
function selectInPlace(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const pivot = Math.max(Math.min(values[lo], values[mid]), Math.min(Math.max(values[lo], values[mid]), values[hi]));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const tmp = values[i];
        values[i] = values[j];
        values[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k];
}

/** Linear-interpolation quantile (type 7, as R's default) of a non-empty array; reorders `values`. */
export function quantileInPlace(values: Float64Array, probability: number): number {
  const position = (values.length - 1) * probability;
  const lo = Math.floor(position);
  const below = selectInPlace(values, lo);
  if (lo + 1 >= values.length || position === lo) return below;
  // After selection everything right of lo is >= below; the next order statistic is their minimum.
  let above = Infinity;
  for (let i = lo + 1; i < values.length; i++) if (values[i] < above) above = values[i];
  return below + (position - lo) * (above - below);
}

/** Median of the finite values (NaN when there are none); leaves `values` untouched. */
export function median(values: Float64Array): number {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? NaN : quantileInPlace(finite, 0.5);
}
