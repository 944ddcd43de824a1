/** Flat labels 0..k-1 from a scipy-layout linkage by applying its first m - k merges; numbered by first member. */
export function cutLinkage(linkage: Float64Array, m: number, k: number): Int32Array {
  const parent = new Int32Array(2 * m - 1);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const root = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let row = 0; row < m - k; row++) {
    parent[root(linkage[row * 4])] = m + row;
    parent[root(linkage[row * 4 + 1])] = m + row;
  }
  const number = new Int32Array(2 * m - 1).fill(-1);
  const labels = new Int32Array(m);
  let next = 0;
  for (let i = 0; i < m; i++) {
    const r = root(i);
    if (number[r] < 0) number[r] = next++;
    labels[i] = number[r];
  }
  return labels;
}
