import { expect, test } from 'vitest';
import { compareHoldout, errorMetrics, evaluateHoldout, naiveHoldoutForecast } from './holdout';
import { CDNOW, CDNOW_AVAILABLE, CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END, loadCdnow, thrownCode } from '../testing/cdnow';

// Customer A: no repeat purchase in 10 units, buys once in the holdout (spend 4).
// Customer B: 2 repeat purchases in 20 units, buys 3 times in the holdout (spend 36).
const summary = {
  x: Float64Array.of(0, 2),
  T: Float64Array.of(10, 20),
  meanValue: Float64Array.of(5, 10),
  holdout: { length: 10, purchases: Float64Array.of(1, 3), spend: Float64Array.of(4, 36) },
};
const predictedPurchases = Float64Array.of(0.5, 2);
const predictedSpend = Float64Array.of(2.5, 20);

test('error metrics on a hand case', () => {
  expect(errorMetrics(Float64Array.of(0.5, 2), Float64Array.of(1, 3))).toEqual({ mae: 0.75, rmse: Math.sqrt(0.625), bias: -0.75 });
});

test('the naive baseline carries the calibration repeat rate x / T forward at the observed mean value', () => {
  const naive = naiveHoldoutForecast(summary);
  expect(Array.from(naive.purchases)).toEqual([0, 1]);
  expect(Array.from(naive.spend)).toEqual([0, 10]);
});

test('compareHoldout scores the model and the baseline on two customers with known predictions', () => {
  const result = compareHoldout(summary, predictedPurchases, predictedSpend);
  expect(result.holdoutLength).toBe(10);
  expect(result.model.purchases).toEqual({ mae: 0.75, rmse: Math.sqrt(0.625), bias: -0.75 });
  expect(result.model.spend).toEqual({ mae: 8.75, rmse: Math.sqrt(129.125), bias: -8.75 });
  expect(result.model.totalPurchases).toBe(2.5);
  expect(result.model.totalSpend).toBe(22.5);
  expect(result.naive.purchases).toEqual({ mae: 1.5, rmse: Math.sqrt(2.5), bias: -1.5 });
  expect(result.naive.spend).toEqual({ mae: 15, rmse: Math.sqrt(346), bias: -15 });
  expect(result.actual).toEqual({ totalPurchases: 4, totalSpend: 40 });
  expect(result.calibrationTable).toEqual([
    { x: 0, label: '0', customers: 1, meanActual: 1, meanPredicted: 0.5, meanNaive: 0 },
    { x: 2, label: '2', customers: 1, meanActual: 3, meanPredicted: 2, meanNaive: 1 },
  ]);
});

test('the calibration table collects x >= 7 in one row', () => {
  const many = { ...summary, x: Float64Array.of(7, 12), T: Float64Array.of(10, 20) };
  const table = compareHoldout(many, predictedPurchases, predictedSpend).calibrationTable;
  expect(table).toEqual([{ x: 7, label: '7+', customers: 2, meanActual: 2, meanPredicted: 1.25, meanNaive: 6.5 }]);
});

test('compareHoldout refuses summaries without a holdout and misaligned or NaN predictions', () => {
  expect(thrownCode(() => compareHoldout({ ...summary, holdout: null }, predictedPurchases, predictedSpend))).toBe('INVALID_INPUT');
  expect(thrownCode(() => compareHoldout(summary, Float64Array.of(1), predictedSpend))).toBe('INVALID_INPUT');
  expect(thrownCode(() => compareHoldout(summary, Float64Array.of(1, NaN), predictedSpend))).toBe('INVALID_INPUT');
});

test('evaluateHoldout goes on when nobody bought twice: spend model skipped, observed mean value used', () => {
  const n = 12;
  const purchases = {
    customer: Int32Array.from({ length: n + 2 }, (_, i) => (i < n ? i : i - n)),
    day: Float64Array.from({ length: n + 2 }, (_, i) => (i < n ? 10 + i : 50)),
    value: Float64Array.from({ length: n + 2 }, (_, i) => 10 + i),
  };
  const result = evaluateHoldout(purchases, { nCustomers: n, calibrationEnd: 40, observationEnd: 60, unit: 'days' });
  expect(result.spend.status).toBe('skipped');
  expect(result.warnings.join(' ')).toMatch(/Spend model skipped/);
  expect(result.actual.totalPurchases).toBe(2);
  expect(result.predictedSpend.every(Number.isFinite)).toBe(true);
  expect(result.calibrationTable).toHaveLength(1);
});

test('evaluateHoldout rejects NaN input', () => {
  const purchases = { customer: Int32Array.of(0, 1), day: Float64Array.of(1, NaN), value: Float64Array.of(1, 2) };
  expect(thrownCode(() => evaluateHoldout(purchases, { nCustomers: 2, calibrationEnd: 5, observationEnd: 9, unit: 'days' }))).toBe(
    'INVALID_INPUT',
  );
});

test.skipIf(!CDNOW_AVAILABLE)(`${CDNOW}: BG/NBD beats the naive baseline over the 39-week holdout`, () => {
  const cdnow = loadCdnow();
  const result = evaluateHoldout(
    cdnow,
    { nCustomers: cdnow.nCustomers, calibrationEnd: CDNOW_CALIBRATION_END, observationEnd: CDNOW_OBSERVATION_END, unit: 'weeks' },
    { model: 'bgnbd' },
  );
  expect(result.unit).toBe('weeks');
  expect(result.holdoutLength).toBe(39);
  expect(result.nCustomers).toBe(2357);
  expect(result.spend.status).toBe('fitted');
  expect(result.purchaseFit.params.r).toBeCloseTo(0.2426, 3);
  expect(result.actual.totalPurchases).toBe(1882);
  expect(result.model.purchases.mae).toBeLessThan(result.naive.purchases.mae);
  expect(result.model.spend.mae).toBeLessThan(result.naive.spend.mae);
  expect(Math.abs(result.model.purchases.bias)).toBeLessThan(Math.abs(result.naive.purchases.bias));
  expect(result.model.totalPurchases / result.actual.totalPurchases).toBeGreaterThan(0.8);
  expect(result.model.totalPurchases / result.actual.totalPurchases).toBeLessThan(1.1);
  expect(result.calibrationTable.map((row) => row.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
  expect(result.calibrationTable.reduce((s, row) => s + row.customers, 0)).toBe(2357);
  expect(result.calibrationTable[0].meanPredicted).toBeCloseTo(0.225, 2);
  expect(result.calibrationTable[0].meanActual).toBeCloseTo(0.237, 3);
});
