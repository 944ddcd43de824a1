import { expect, test } from 'vitest';
import { gmm } from './gmm';
import { drawMixture, matrixOf, thrownEngineError, TRUE_COVARIANCES, TRUE_MEANS, TRUE_WEIGHTS } from '../testing/clustering';

test('recovers the weights, means and covariances of a simulated 3-component mixture', () => {
  const fit = gmm(drawMixture(3000, 12), 3, { seed: 4 });
  expect(fit.converged).toBe(true);
  for (let c = 0; c < 3; c++) {
    // Match each true component to the fitted one with the nearest mean.
    let match = 0;
    let nearest = Infinity;
    for (let f = 0; f < 3; f++) {
      const distance = Math.hypot(fit.means[f * 2] - TRUE_MEANS[c][0], fit.means[f * 2 + 1] - TRUE_MEANS[c][1]);
      if (distance < nearest) {
        nearest = distance;
        match = f;
      }
    }
    // Standard errors at n = 3000: weight ~0.009, mean <= 0.06, covariance entry <= 0.12; bounds are ~3 of them.
    expect(Math.abs(fit.weights[match] - TRUE_WEIGHTS[c])).toBeLessThan(0.03);
    expect(nearest).toBeLessThan(0.2);
    for (let t = 0; t < 4; t++) {
      expect(Math.abs(fit.covariances[match * 4 + t] - TRUE_COVARIANCES[c][t])).toBeLessThan(0.3);
    }
  }
});

// One component is the maximum-likelihood Gaussian: sample mean, population covariance (+ regCovar),
// and log-likelihood -n/2 (d log 2 pi + log det S + d) when regCovar is 0.
test('a single component has the closed-form mean, covariance, log-likelihood and BIC', () => {
  const matrix = matrixOf([
    [0, 0],
    [2, 0],
    [0, 2],
    [2, 3],
  ]);
  const fit = gmm(matrix, 1, { regCovar: 0 });
  // Means 1 and 1.25; covariance [[1, 0.25], [0.25, 1.6875]].
  expect(fit.means[0]).toBeCloseTo(1, 12);
  expect(fit.means[1]).toBeCloseTo(1.25, 12);
  const expected = [1, 0.25, 0.25, 1.6875];
  expected.forEach((value, t) => expect(fit.covariances[t]).toBeCloseTo(value, 12));
  const logDet = Math.log(1 * 1.6875 - 0.25 * 0.25);
  const logLikelihood = -2 * (2 * Math.log(2 * Math.PI) + logDet + 2);
  expect(fit.logLikelihood).toBeCloseTo(logLikelihood, 10);
  // Parameters: 0 weights + 2 means + 3 covariance entries = 5.
  expect(fit.bic).toBeCloseTo(-2 * logLikelihood + 5 * Math.log(4), 10);
  expect(fit.aic).toBeCloseTo(-2 * logLikelihood + 10, 10);
  Array.from(fit.probabilities).forEach((p) => expect(p).toBeCloseTo(1, 12));
});

test('probabilities are rows summing to 1 and labels are their argmax', () => {
  const fit = gmm(drawMixture(400, 8), 3, { seed: 1 });
  for (let i = 0; i < 400; i++) {
    const row = Array.from(fit.probabilities.subarray(i * 3, i * 3 + 3));
    expect(row.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
    expect(row[fit.labels[i]]).toBe(Math.max(...row));
  }
});

test('regCovar is added to the diagonal', () => {
  const matrix = matrixOf([[0], [2]]);
  expect(gmm(matrix, 1, { regCovar: 0.5 }).covariances[0]).toBeCloseTo(1.5, 12);
});

test('the same seed gives the same fit', () => {
  const matrix = drawMixture(500, 5);
  expect(gmm(matrix, 3, { seed: 9 }).labels).toEqual(gmm(matrix, 3, { seed: 9 }).labels);
});

test.each([
  ['a negative regCovar', { regCovar: -1 }, 'INVALID_OPTION'],
  ['initLabels of the wrong length', { initLabels: Int32Array.from([0]) }, 'INVALID_OPTION'],
  ['initLabels out of range', { initLabels: Int32Array.from([0, 5, 0, 1]) }, 'INVALID_OPTION'],
])('rejects %s', (_, options, code) => {
  const matrix = matrixOf([[0], [1], [5], [6]]);
  expect(thrownEngineError(() => gmm(matrix, 2, options)).code).toBe(code);
});

test('a component collapsed on one repeated point without regularisation fails with advice', () => {
  const matrix = matrixOf([[0], [0], [0], [5], [6], [7]]);
  const initLabels = Int32Array.from([0, 0, 0, 1, 1, 1]);
  const error = thrownEngineError(() => gmm(matrix, 2, { regCovar: 0, initLabels }));
  expect(error.code).toBe('FIT_FAILED');
  expect(error.message).toMatch(/regCovar/);
});
