import { expect, test } from 'vitest';
import { sweepK } from './sweep-k';
import { gaussianBlobs, matrixOf, thrownEngineError } from '../testing/clustering';

const FOUR_BLOBS = [
  [0, 0, 0],
  [6, 0, 0],
  [0, 6, 0],
  [0, 0, 6],
];

test('picks the true k on separated blobs and reports every k from 2 to 10', () => {
  const { matrix } = gaussianBlobs(FOUR_BLOBS, 80, 0.6, 13);
  const result = sweepK(matrix, { seed: 3 });
  expect(result.entries.map((entry) => entry.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(result.chosenK).toBe(4);
  expect(result.elbowK).toBe(4);
  expect(result.silhouetteExact).toBe(true);
  expect(result.silhouetteSampleSize).toBe(320);
  const four = result.entries[2];
  expect(four.silhouette).toBeGreaterThan(0.7);
  expect(four.calinskiHarabasz).toBe(Math.max(...result.entries.map((entry) => entry.calinskiHarabasz)));
  expect(four.daviesBouldin).toBe(Math.min(...result.entries.map((entry) => entry.daviesBouldin)));
  expect(result.fits.map((fit) => fit.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  for (let i = 1; i < result.entries.length; i++) {
    expect(result.entries[i].inertia).toBeLessThan(result.entries[i - 1].inertia);
  }
});

test('reports the silhouette sample size when it samples', () => {
  const { matrix } = gaussianBlobs(FOUR_BLOBS, 50, 0.6, 1);
  const result = sweepK(matrix, { kMax: 5, silhouetteSampleSize: 120 });
  expect(result.silhouetteSampleSize).toBe(120);
  expect(result.silhouetteExact).toBe(false);
  expect(result.chosenK).toBe(4);
});

test('the same seed gives the same sweep', () => {
  const { matrix } = gaussianBlobs(FOUR_BLOBS, 40, 2, 7);
  const first = sweepK(matrix, { seed: 5, kMax: 6 });
  const second = sweepK(matrix, { seed: 5, kMax: 6 });
  expect(second.entries).toEqual(first.entries);
  expect(second.fits.map((fit) => fit.labels)).toEqual(first.fits.map((fit) => fit.labels));
});

test('without an explicit kMax the range stops at the number of distinct customers', () => {
  const matrix = matrixOf([[0], [0], [1], [1], [5], [5], [5]]);
  expect(sweepK(matrix).entries.map((entry) => entry.k)).toEqual([2, 3]);
});

test.each([
  [
    'all identical customers',
    matrixOf([[1, 2], [1, 2], [1, 2], [1, 2]]),
    {},
    'DEGENERATE_DATA',
    /same x0, x1.*at least 2 customers that differ/,
  ],
  ['two customers', matrixOf([[1], [2]]), {}, 'TOO_FEW_CUSTOMERS', /at least 3 customers; there are 2/],
  ['kMin below 2', matrixOf([[1], [2], [3]]), { kMin: 1 }, 'INVALID_OPTION', /at least 2/],
  ['kMax above n - 1', matrixOf([[1], [2], [3], [4]]), { kMax: 4 }, 'INVALID_OPTION', /at most 3 clusters/],
  ['kMax below kMin', matrixOf([[1], [2], [3], [4]]), { kMin: 3, kMax: 2 }, 'INVALID_OPTION', /at least 3/],
  [
    'fewer distinct customers than kMax',
    matrixOf([[1], [1], [2], [2], [2]]),
    { kMax: 3 },
    'DEGENERATE_DATA',
    /Only 2 customers differ/,
  ],
])('refuses %s with a helpful message', (_, matrix, options, code, message) => {
  const error = thrownEngineError(() => sweepK(matrix, options));
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
});
