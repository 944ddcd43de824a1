import { describe, expect, test } from 'vitest';
import { EngineError } from '../errors';
import { createRng } from '../random';
import { topCustomers } from './top-customers';

const values = new Float64Array([5, 9, 9, 1, 9, 7]);

describe('topCustomers', () => {
  test.each([
    // Three customers tie on 9: listed by index.
    { count: 1, order: 'descending', expected: [1] },
    { count: 2, order: 'descending', expected: [1, 2] },
    { count: 3, order: 'descending', expected: [1, 2, 4] },
    { count: 4, order: 'descending', expected: [1, 2, 4, 5] },
    { count: 6, order: 'descending', expected: [1, 2, 4, 5, 0, 3] },
    { count: 50, order: 'descending', expected: [1, 2, 4, 5, 0, 3] },
    { count: 0, order: 'descending', expected: [] },
    { count: 2, order: 'ascending', expected: [3, 0] },
    { count: 4, order: 'ascending', expected: [3, 0, 5, 1] },
    { count: 6, order: 'ascending', expected: [3, 0, 5, 1, 2, 4] },
  ] as const)('top $count, $order', ({ count, order, expected }) => {
    expect(Array.from(topCustomers(values, count, { order }))).toEqual(expected);
  });

  test('returns an Int32Array, descending by default', () => {
    const top = topCustomers(values, 2);
    expect(top).toBeInstanceOf(Int32Array);
    expect(Array.from(top)).toEqual([1, 2]);
  });

  test('all values equal: the lowest indices, in order', () => {
    expect(Array.from(topCustomers(new Float64Array(8).fill(3), 3))).toEqual([0, 1, 2]);
  });

  test('one customer', () => {
    expect(Array.from(topCustomers(new Float64Array([42]), 5))).toEqual([0]);
  });

  test('negative values and zero', () => {
    expect(Array.from(topCustomers(new Float64Array([-5, 0, -1, 0]), 3))).toEqual([1, 3, 2]);
  });

  test.each([1, 10, 100, 999])('matches a full sort on 2000 customers with ties (count %i)', (count) => {
    const rng = createRng(21);
    const n = 2000;
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = rng.poisson(20);
    const expected = Array.from({ length: n }, (_, i) => i)
      .sort((a, b) => v[b] - v[a] || a - b)
      .slice(0, count);
    expect(Array.from(topCustomers(v, count))).toEqual(expected);
    const ascending = Array.from({ length: n }, (_, i) => i)
      .sort((a, b) => v[a] - v[b] || a - b)
      .slice(0, count);
    expect(Array.from(topCustomers(v, count, { order: 'ascending' }))).toEqual(ascending);
  });

  test.each([
    { label: 'no customers', run: () => topCustomers(new Float64Array(0), 3), code: 'NO_CUSTOMERS', message: /empty/ },
    {
      label: 'NaN value',
      run: () => topCustomers(new Float64Array([1, Number.NaN]), 1, { column: 'predicted CLV' }),
      code: 'INVALID_INPUT',
      message: 'The predicted CLV column has a missing value (NaN) for the customer at position 1.',
    },
    {
      label: 'fractional count',
      run: () => topCustomers(values, 2.5),
      code: 'INVALID_OPTION',
      message: /whole number, 0 or more; got 2.5/,
    },
    { label: 'negative count', run: () => topCustomers(values, -1), code: 'INVALID_OPTION', message: /got -1/ },
    {
      label: 'unknown order',
      run: () => topCustomers(values, 1, { order: 'random' as never }),
      code: 'INVALID_OPTION',
      message: /Unknown order "random"/,
    },
  ])('rejects $label', ({ run, code, message }) => {
    expect(run).toThrow(EngineError);
    expect(run).toThrow(expect.objectContaining({ code }));
    expect(run).toThrow(message);
  });
});
