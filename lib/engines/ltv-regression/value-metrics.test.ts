import { expect, test } from 'vitest';
import { thrownCode } from '../testing/cdnow';
import { rSquared, scoreValueForecast, topShareCaptured } from './value-metrics';

// Four customers: actual holdout spend 0, 10, 20, 50 (total 80, mean 20, SS_tot = 400 + 100 + 0 + 900 = 1400).
const actual = Float64Array.of(0, 10, 20, 50);
const predicted = Float64Array.of(5, 5, 30, 40);

test('R² by hand: 1 - SS_res / SS_tot', () => {
  // Residuals -5, 5, -10, 10: SS_res = 25 + 25 + 100 + 100 = 250.
  expect(rSquared(predicted, actual)).toBeCloseTo(1 - 250 / 1400, 12);
  expect(rSquared(actual, actual)).toBe(1);
  // Predicting the mean for everyone scores 0, worse than the mean scores below 0.
  expect(rSquared(Float64Array.of(20, 20, 20, 20), actual)).toBe(0);
  expect(rSquared(Float64Array.of(50, 20, 10, 0), actual)).toBeCloseTo(1 - (2500 + 100 + 100 + 2500) / 1400, 12);
  expect(rSquared(Float64Array.of(1, 2), Float64Array.of(3, 3))).toBeNull();
});

test.each([
  // share, customers in the top (ceil(share x 4)), their actual spend / 80
  [0.1, 1, 50 / 80],
  [0.25, 1, 50 / 80],
  [0.2, 1, 50 / 80],
  [0.5, 2, 70 / 80],
  // Rows 0 and 1 tie at 5: row 0 (spend 0) comes first.
  [0.75, 3, 70 / 80],
  [1, 4, 1],
])('the top %s by prediction (%i customers) capture their actual share of revenue', (share, _count, expected) => {
  expect(topShareCaptured(predicted, actual, share)).toBeCloseTo(expected, 12);
});

test('equal predictions are ranked by the order key (customer index), lower first', () => {
  const flat = Float64Array.of(1, 1, 1, 1);
  // Without a key the rows keep their own order: the top quarter is row 0 (spend 0).
  expect(topShareCaptured(flat, actual, 0.25)).toBe(0);
  // Keyed so that row 3 comes first: the top quarter is row 3 (spend 50).
  expect(topShareCaptured(flat, actual, 0.25, Int32Array.of(9, 8, 7, 1))).toBeCloseTo(50 / 80, 12);
});

test('capture is null when the holdout brought no revenue; bad shares and arrays are refused', () => {
  expect(topShareCaptured(predicted, Float64Array.of(0, 0, 0, 0), 0.2)).toBeNull();
  expect(thrownCode(() => topShareCaptured(predicted, actual, 0))).toBe('INVALID_OPTION');
  expect(thrownCode(() => topShareCaptured(predicted, actual, 1.5))).toBe('INVALID_OPTION');
  expect(thrownCode(() => rSquared(Float64Array.of(1), actual))).toBe('INVALID_INPUT');
  expect(thrownCode(() => rSquared(Float64Array.of(NaN, 1, 1, 1), actual))).toBe('INVALID_INPUT');
  expect(thrownCode(() => rSquared(new Float64Array(0), new Float64Array(0)))).toBe('NO_CUSTOMERS');
});

test('scoreValueForecast gathers every metric of one forecast', () => {
  const score = scoreValueForecast(predicted, actual);
  expect(score.r2).toBeCloseTo(1 - 250 / 1400, 12);
  expect(score.mae).toBe(7.5);
  expect(score.rmse).toBeCloseTo(Math.sqrt(62.5), 12);
  expect(score.bias).toBe(0);
  expect(score.top10).toBeCloseTo(50 / 80, 12);
  expect(score.top20).toBeCloseTo(50 / 80, 12);
  expect(Array.from(predicted)).toEqual([5, 5, 30, 40]);
});
