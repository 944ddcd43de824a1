import { expect, test } from 'vitest';
import { selectGmmK } from './select-gmm-k';
import { drawMixture, thrownEngineError } from '../testing/clustering';

test('BIC prefers the true number of components of a simulated 3-component mixture', () => {
  const { bestK, best, entries } = selectGmmK(drawMixture(1500, 3), { kMin: 1, kMax: 5, seed: 2 });
  expect(bestK).toBe(3);
  expect(best.k).toBe(3);
  expect(entries.map((entry) => entry.k)).toEqual([1, 2, 3, 4, 5]);
  expect(Math.min(...entries.map((entry) => entry.bic))).toBe(best.bic);
});

test('rejects an empty k range', () => {
  expect(thrownEngineError(() => selectGmmK(drawMixture(50, 1), { kMin: 3, kMax: 2 })).code).toBe('INVALID_OPTION');
});
