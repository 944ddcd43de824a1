import type { FeatureMatrix } from './types';

/** A set of matrix rows compared by value, for finding distinct customers. */
export interface RowSet {
  /** Adds row i; false when an equal row is already in the set. */
  add(i: number): boolean;
  readonly size: number;
}

/** A row set sized for at most `capacity` distinct rows. */
export function createRowSet(matrix: FeatureMatrix, capacity: number): RowSet {
  const { d, data } = matrix;
  let slots = 16;
  while (slots < 2 * capacity) slots <<= 1;
  const mask = slots - 1;
  const table = new Int32Array(slots).fill(-1);
  const scratch = new Float64Array(1);
  const bits = new Uint32Array(scratch.buffer);
  let size = 0;
  const add = (i: number): boolean => {
    const row = i * d;
    let h = 0x811c9dc5;
    for (let j = 0; j < d; j++) {
      // + 0 folds -0 into 0 so numerically equal rows hash alike.
      scratch[0] = data[row + j] + 0;
      h = Math.imul(h ^ bits[0], 0x01000193);
      h = Math.imul(h ^ bits[1], 0x01000193);
    }
    let slot = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const other = table[slot];
      if (other === -1) {
        table[slot] = i;
        size++;
        return true;
      }
      if (rowsEqual(data, row, other * d, d)) return false;
      slot = (slot + 1) & mask;
    }
  };
  return {
    add,
    get size() {
      return size;
    },
  };
}

/** Number of distinct rows, counting no further than `cap`. */
export function countDistinctRows(matrix: FeatureMatrix, cap = Infinity): number {
  const limit = Math.min(matrix.n, cap);
  const rows = createRowSet(matrix, limit);
  for (let i = 0; i < matrix.n && rows.size < limit; i++) rows.add(i);
  return rows.size;
}

function rowsEqual(data: Float64Array, a: number, b: number, d: number): boolean {
  for (let j = 0; j < d; j++) if (data[a + j] !== data[b + j]) return false;
  return true;
}
