/**
 * Exact Ward linkage by the nearest-neighbour chain algorithm, recomputing
 * Ward distances from cluster centroids and sizes (O(m^2 d) time, O(m d) memory).
 * Optional weights make each input point a cluster of that size, which is exact
 * Ward on pre-grouped data because the Ward cost depends only on sizes and centroids.
 *
 * Heights follow scipy: merging A and B costs
 * dSSE = nA nB / (nA + nB) |cA - cB|^2 and is recorded at sqrt(2 dSSE), so two
 * single points merge at their Euclidean distance.
 *
 * Returns the linkage in scipy's layout: (m - 1) rows of [a, b, height, size],
 * sorted by height; ids below m are input points, id m + r is the cluster made in row r, a < b.
 */
export function wardLinkage(points: Float64Array, m: number, d: number, weights?: Float64Array): Float64Array {
  const centroid = Float64Array.from(points.subarray(0, m * d));
  const size = weights === undefined ? new Float64Array(m).fill(1) : Float64Array.from(weights);
  const active = new Int32Array(m);
  const position = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    active[i] = i;
    position[i] = i;
  }
  let activeCount = m;
  const chain = new Int32Array(m);
  let chainLength = 0;

  const merges = Math.max(0, m - 1);
  const mergeA = new Int32Array(merges);
  const mergeB = new Int32Array(merges);
  const mergeHeight = new Float64Array(merges);
  const mergeSize = new Float64Array(merges);
  // Last merge that wrote each slot, to keep parents at or above their children despite rounding.
  const lastMerge = new Int32Array(m).fill(-1);

  for (let step = 0; step < merges; step++) {
    if (chainLength === 0) chain[chainLength++] = active[0];
    let a = 0;
    let b = 0;
    let cost = 0;
    for (;;) {
      a = chain[chainLength - 1];
      const previous = chainLength >= 2 ? chain[chainLength - 2] : -1;
      // Prefer the previous chain element on ties, which guarantees the chain ends in a reciprocal pair.
      let best = previous;
      let bestCost = previous >= 0 ? wardCost(centroid, size, a, previous, d) : Infinity;
      const sizeA = size[a];
      const rowA = a * d;
      if (d === 3) {
        const ax = centroid[rowA];
        const ay = centroid[rowA + 1];
        const az = centroid[rowA + 2];
        for (let idx = 0; idx < activeCount; idx++) {
          const x = active[idx];
          if (x === a) continue;
          const rowX = x * 3;
          const dx = ax - centroid[rowX];
          const dy = ay - centroid[rowX + 1];
          const dz = az - centroid[rowX + 2];
          const sizeX = size[x];
          const c = ((sizeA * sizeX) / (sizeA + sizeX)) * (dx * dx + dy * dy + dz * dz);
          if (c < bestCost) {
            bestCost = c;
            best = x;
          }
        }
      } else {
        for (let idx = 0; idx < activeCount; idx++) {
          const x = active[idx];
          if (x === a) continue;
          const rowX = x * d;
          let squared = 0;
          for (let j = 0; j < d; j++) {
            const diff = centroid[rowA + j] - centroid[rowX + j];
            squared += diff * diff;
          }
          const c = ((sizeA * size[x]) / (sizeA + size[x])) * squared;
          if (c < bestCost) {
            bestCost = c;
            best = x;
          }
        }
      }
      if (best === previous) {
        b = previous;
        cost = bestCost;
        break;
      }
      chain[chainLength++] = best;
    }
    chainLength -= 2;

    const keep = a < b ? a : b;
    const drop = a < b ? b : a;
    let height = Math.sqrt(2 * cost);
    if (lastMerge[keep] >= 0 && mergeHeight[lastMerge[keep]] > height) height = mergeHeight[lastMerge[keep]];
    if (lastMerge[drop] >= 0 && mergeHeight[lastMerge[drop]] > height) height = mergeHeight[lastMerge[drop]];
    mergeA[step] = keep;
    mergeB[step] = drop;
    mergeHeight[step] = height;
    const total = size[keep] + size[drop];
    mergeSize[step] = total;
    for (let j = 0; j < d; j++) {
      centroid[keep * d + j] = (size[keep] * centroid[keep * d + j] + size[drop] * centroid[drop * d + j]) / total;
    }
    size[keep] = total;
    lastMerge[keep] = step;
    const slot = position[drop];
    activeCount--;
    active[slot] = active[activeCount];
    position[active[slot]] = slot;
  }

  // Replay merges in height order to number clusters as scipy does; the stable
  // sort keeps children ahead of equal-height parents.
  const order = Array.from({ length: merges }, (_, i) => i).sort((x, y) => mergeHeight[x] - mergeHeight[y] || x - y);
  const clusterId = new Int32Array(m);
  for (let i = 0; i < m; i++) clusterId[i] = i;
  const linkage = new Float64Array(merges * 4);
  for (let row = 0; row < merges; row++) {
    const step = order[row];
    const idA = clusterId[mergeA[step]];
    const idB = clusterId[mergeB[step]];
    linkage[row * 4] = Math.min(idA, idB);
    linkage[row * 4 + 1] = Math.max(idA, idB);
    linkage[row * 4 + 2] = mergeHeight[step];
    linkage[row * 4 + 3] = mergeSize[step];
    clusterId[mergeA[step]] = m + row;
  }
  return linkage;
}

function wardCost(centroid: Float64Array, size: Float64Array, a: number, b: number, d: number): number {
  let squared = 0;
  for (let j = 0; j < d; j++) {
    const diff = centroid[a * d + j] - centroid[b * d + j];
    squared += diff * diff;
  }
  return ((size[a] * size[b]) / (size[a] + size[b])) * squared;
}
