import { expect, test } from 'vitest';
import { prepareMatrix } from './prepare-matrix';
import { thrownEngineError } from '../testing/clustering';

test('log1p then z-score: log1p gives 0, 1, 2 whose population std is sqrt(2/3)', () => {
  const e = Math.E;
  const columns = { x: Float64Array.from([0, e - 1, e * e - 1]) };
  const { matrix, means, stds } = prepareMatrix(columns, { features: ['x'] });
  expect(means[0]).toBeCloseTo(1, 12);
  expect(stds[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
  const z = 1 / Math.sqrt(2 / 3);
  [-z, 0, z].forEach((value, i) => expect(matrix.data[i]).toBeCloseTo(value, 12));
});

test('without log the raw values are standardised and columns stay in feature order', () => {
  const { matrix } = prepareMatrix(
    { a: Float64Array.from([1, 3]), b: Float64Array.from([10, 30]) },
    { features: ['b', 'a'], log: false },
  );
  expect(matrix.names).toEqual(['b', 'a']);
  expect(Array.from(matrix.data)).toEqual([-1, -1, 1, 1]);
});

test('negative values are clamped at 0 before log1p: -3 and e - 1 become 0 and 1, then -1 and 1', () => {
  const { matrix } = prepareMatrix({ r: Float64Array.from([-3, Math.E - 1]) }, { features: ['r'] });
  expect(matrix.data[0]).toBeCloseTo(-1, 12);
  expect(matrix.data[1]).toBeCloseTo(1, 12);
});

test('a constant column becomes zeros with std 0 instead of NaN', () => {
  const { matrix, stds } = prepareMatrix(
    { r: Float64Array.from([-5, 0, -1]), f: Float64Array.from([7, 7, 7]) },
    { features: ['r', 'f'] },
  );
  expect(Array.from(stds)).toEqual([0, 0]);
  expect(Array.from(matrix.data)).toEqual([0, 0, 0, 0, 0, 0]);
});

test.each([
  ['a missing feature', { recency: Float64Array.from([1]) }, {}, 'MISSING_COLUMNS'],
  ['a NaN value', { x: Float64Array.from([1, Number.NaN]) }, { features: ['x'] }, 'INVALID_INPUT'],
  [
    'columns of different lengths',
    { x: Float64Array.from([1, 2]), y: Float64Array.from([1]) },
    { features: ['x', 'y'] },
    'INVALID_INPUT',
  ],
  ['no features', { x: Float64Array.from([1]) }, { features: [] }, 'INVALID_OPTION'],
  ['a repeated feature', { x: Float64Array.from([1]) }, { features: ['x', 'x'] }, 'INVALID_OPTION'],
])('rejects %s', (_, columns, options, code) => {
  expect(thrownEngineError(() => prepareMatrix(columns, options)).code).toBe(code);
});
