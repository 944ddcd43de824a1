import { describe, expect, test } from 'vitest';
import { createRng } from '../random';
import { stableArgsort } from './stable-argsort';

const reference = (values: Float64Array, descending: boolean) =>
  Array.from(values.keys()).sort((a, b) => (descending ? values[b] - values[a] : values[a] - values[b]) || a - b);

describe('stableArgsort', () => {
  test.each([
    { values: [3, 1, 2], descending: false, expected: [1, 2, 0] },
    { values: [3, 1, 2], descending: true, expected: [0, 2, 1] },
    { values: [2, 1, 2, 1, 2], descending: false, expected: [1, 3, 0, 2, 4] },
    { values: [2, 1, 2, 1, 2], descending: true, expected: [0, 2, 4, 1, 3] },
    // -0 and 0 are the same value, so they stay in index order.
    { values: [0, -0, -1.5, 1e-310, -Infinity, Infinity, -1e-310], descending: false, expected: [4, 2, 6, 0, 1, 3, 5] },
    { values: [0, -0, -1.5, 1e-310, -Infinity, Infinity, -1e-310], descending: true, expected: [5, 3, 0, 1, 6, 2, 4] },
    { values: [7], descending: false, expected: [0] },
    { values: [], descending: false, expected: [] },
  ])('$values, descending $descending', ({ values, descending, expected }) => {
    expect(Array.from(stableArgsort(new Float64Array(values), descending))).toEqual(expected);
  });

  test.each([
    { label: 'wide-ranging signed values', make: (r: () => number) => (r() - 0.5) * 10 ** Math.floor(r() * 30 - 15) },
    { label: 'small integers with many ties', make: (r: () => number) => Math.floor(r() * 6) },
    { label: 'money with cents', make: (r: () => number) => Math.round(r() * 100000) / 100 },
  ])('agrees with a comparator sort: $label', ({ make }) => {
    const rng = createRng(17);
    const values = new Float64Array(5000);
    for (let i = 0; i < values.length; i++) values[i] = make(() => rng.next());
    for (const descending of [false, true]) {
      expect(Array.from(stableArgsort(values, descending))).toEqual(reference(values, descending));
    }
  });
});
