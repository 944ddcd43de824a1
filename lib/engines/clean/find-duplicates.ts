import type { TransactionTable } from '../ingest/types';
import { releaseArrays } from '../release-arrays';

const scratch = new Float64Array(1);
const scratchBits = new Int32Array(scratch.buffer);

function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x9e3779b1);
  return (h << 13) | (h >>> 19);
}

function mixFloat(h: number, v: number): number {
  scratch[0] = v;
  return mix(mix(h, scratchBits[0]), scratchBits[1]);
}

function sameLine(t: TransactionTable, i: number, j: number): boolean {
  return (
    (!t.ordersNumbered || t.invoice[i] === t.invoice[j]) &&
    Object.is(t.amount[i], t.amount[j]) &&
    t.stockCode[i] === t.stockCode[j] &&
    t.description[i] === t.description[j] &&
    Object.is(t.quantity[i], t.quantity[j]) &&
    Object.is(t.date[i], t.date[j]) &&
    Object.is(t.unitPrice[i], t.unitPrice[j]) &&
    t.customer[i] === t.customer[j] &&
    t.country[i] === t.country[j]
  );
}

/**
 * Mark every line that repeats an earlier identical line (order, product, description,
 * quantity, date, price, amount, customer and country equal; the order only when the file numbers
 * its orders, since a log without order numbers gives every line an order of its own).
 * Open-addressing hash table over typed arrays: no per-row objects.
 */
export function findDuplicates(table: TransactionTable): Uint8Array {
  const n = table.length;
  const flags = new Uint8Array(n);
  let size = 1;
  while (size < n * 2) size <<= 1;
  const mask = size - 1;
  // Slots hold line + 1, so the fresh zeroed array is already the empty table.
  const slots = new Int32Array(size);
  for (let i = 0; i < n; i++) {
    let h = 0x2545f491;
    if (table.ordersNumbered) h = mix(h, table.invoice[i]);
    h = mixFloat(h, table.amount[i]);
    h = mix(h, table.stockCode[i]);
    h = mix(h, table.description[i]);
    h = mixFloat(h, table.quantity[i]);
    h = mixFloat(h, table.date[i]);
    h = mixFloat(h, table.unitPrice[i]);
    h = mix(h, table.customer[i]);
    h = mix(h, table.country[i]);
    let slot = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const j = slots[slot] - 1;
      if (j < 0) {
        slots[slot] = i + 1;
        break;
      }
      if (sameLine(table, i, j)) {
        flags[i] = 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  // 2-4 slots per line (128 MB on 10M lines): freed now, not at the next full collection.
  releaseArrays(slots);
  return flags;
}
