const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Customer indices ordered by value (largest first when descending), equal values in index order.
 * An LSD radix sort on the bits of each double, 16 bits per pass: linear time and stable, which is
 * what makes ties fall in index order. Values must be finite or infinite, never NaN; -0 counts as 0.
 */
export function stableArgsort(values: Float64Array, descending: boolean): Int32Array {
  const n = values.length;
  let order = new Int32Array(n);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  const word = new Float64Array(1);
  const halves = new Uint32Array(word.buffer);
  const hiWord = LITTLE_ENDIAN ? 1 : 0;
  const loWord = 1 - hiWord;
  for (let i = 0; i < n; i++) {
    word[0] = values[i] + 0;
    let h = halves[hiWord];
    let l = halves[loWord];
    // Map IEEE 754 bit patterns to unsigned keys that sort like the numbers: flip every bit of
    // negatives, only the sign bit of positives.
    if (h & 0x80000000) {
      h = ~h;
      l = ~l;
    } else {
      h |= 0x80000000;
    }
    if (descending) {
      h = ~h;
      l = ~l;
    }
    order[i] = i;
    hi[i] = h;
    lo[i] = l;
  }

  let nextOrder = new Int32Array(n);
  let nextHi = new Uint32Array(n);
  let nextLo = new Uint32Array(n);
  const count = new Int32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const keys = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(keys[i] >>> shift) & 0xffff]++;
    // Every key shares this digit: the pass would not move anything.
    if (count[(keys[0] >>> shift) & 0xffff] === n) continue;
    let total = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d];
      count[d] = total;
      total += c;
    }
    for (let i = 0; i < n; i++) {
      const at = count[(keys[i] >>> shift) & 0xffff]++;
      nextOrder[at] = order[i];
      nextHi[at] = hi[i];
      nextLo[at] = lo[i];
    }
    [order, nextOrder] = [nextOrder, order];
    [hi, nextHi] = [nextHi, hi];
    [lo, nextLo] = [nextLo, lo];
  }
  return order;
}
