import { EngineError } from '../errors';
import { mergeOptions } from '../merge-options';
import type { TopCustomersOptions } from './types';
import { assertColumn } from './validate-column';

export const DEFAULT_TOP_CUSTOMERS_OPTIONS: Readonly<TopCustomersOptions> = Object.freeze({
  order: 'descending',
  column: 'value',
});

/**
 * Indices of the `count` customers with the largest values (smallest with order 'ascending'),
 * best first; equal values are listed by customer index. Keeps a heap of `count` candidates,
 * so it runs in O(n log count). Asking for more customers than exist returns all of them, sorted.
 * @example
 * topCustomers(new Float64Array([5, 9, 9, 1, 9, 7]), 4); // Int32Array [1, 2, 4, 5]
 */
export function topCustomers(
  values: Float64Array,
  count: number,
  options: Partial<TopCustomersOptions> = {},
): Int32Array {
  const opts = mergeOptions(DEFAULT_TOP_CUSTOMERS_OPTIONS, options);
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new EngineError('INVALID_OPTION', `The number of top customers must be a whole number, 0 or more; got ${String(count)}.`, {
      option: 'count',
    });
  }
  let sign: number;
  switch (opts.order) {
    case 'descending':
      sign = 1;
      break;
    case 'ascending':
      sign = -1;
      break;
    default: {
      const never: never = opts.order;
      throw new EngineError('INVALID_OPTION', `Unknown order "${String(never)}"; use 'descending' or 'ascending'.`, {
        option: 'order',
      });
    }
  }
  assertColumn(values, opts.column);

  const size = Math.min(count, values.length);
  // True when customer a ranks ahead of customer b.
  const ahead = (a: number, b: number): boolean => {
    const d = sign * (values[a] - values[b]);
    return d > 0 || (d === 0 && a < b);
  };

  // Heap with the weakest kept candidate at the root.
  const heap = new Int32Array(size);
  const siftDown = (start: number, length: number): void => {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= length) return;
      const right = left + 1;
      const weaker = right < length && ahead(heap[left], heap[right]) ? right : left;
      if (!ahead(heap[i], heap[weaker])) return;
      const t = heap[i];
      heap[i] = heap[weaker];
      heap[weaker] = t;
      i = weaker;
    }
  };

  if (size === 0) return heap;
  for (let i = 0; i < size; i++) heap[i] = i;
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(i, size);
  for (let i = size; i < values.length; i++) {
    if (ahead(i, heap[0])) {
      heap[0] = i;
      siftDown(0, size);
    }
  }

  // Pop the weakest to the back until the heap is empty: the array ends up best first.
  for (let end = size - 1; end > 0; end--) {
    const t = heap[0];
    heap[0] = heap[end];
    heap[end] = t;
    siftDown(0, end);
  }
  return heap;
}
