/**
 * Cluster renumbering by value, so cluster 0 means the same thing across runs and methods:
 * descending mean monetary, then larger size, then the cluster holding the earlier customer
 * (so the numbers never depend on how a method happened to number its clusters); empty
 * clusters go last, in their old order. Returns mapping[old] = new.
 */
export function valueOrder(labels: Int32Array, k: number, monetary: Float64Array): Int32Array {
  const sums = new Float64Array(k);
  const sizes = new Int32Array(k);
  const first = new Int32Array(k).fill(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    sums[c] += monetary[i];
    sizes[c]++;
    if (first[c] === labels.length) first[c] = i;
  }
  const mean = (c: number) => (sizes[c] > 0 ? sums[c] / sizes[c] : -Infinity);
  const order = Array.from({ length: k }, (_, c) => c).sort(
    (a, b) => mean(b) - mean(a) || sizes[b] - sizes[a] || first[a] - first[b] || a - b,
  );
  const mapping = new Int32Array(k);
  order.forEach((old, position) => {
    mapping[old] = position;
  });
  return mapping;
}

export function applyMapping(labels: Int32Array, mapping: Int32Array): Int32Array {
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = mapping[labels[i]];
  return out;
}

/** Move per-cluster blocks of `rowLength` values (centroids, means, covariances, weights) to the new numbers. */
export function permuteRows(values: Float64Array, rowLength: number, mapping: Int32Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let old = 0; old < mapping.length; old++) {
    out.set(values.subarray(old * rowLength, (old + 1) * rowLength), mapping[old] * rowLength);
  }
  return out;
}

/** Move the cluster columns of an n x k row-major matrix (e.g. GMM probabilities) to their new cluster numbers. */
export function permuteColumns(values: Float64Array, n: number, mapping: Int32Array): Float64Array {
  const k = mapping.length;
  const out = new Float64Array(values.length);
  for (let i = 0; i < n; i++) {
    for (let old = 0; old < k; old++) out[i * k + mapping[old]] = values[i * k + old];
  }
  return out;
}

/** Relabel hard labels by value in one step; see valueOrder. */
export function relabelByValue(
  labels: Int32Array,
  k: number,
  monetary: Float64Array,
): { labels: Int32Array; mapping: Int32Array } {
  const mapping = valueOrder(labels, k, monetary);
  return { labels: applyMapping(labels, mapping), mapping };
}
