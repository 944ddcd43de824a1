import { expect, test } from 'vitest';
import { comparePurchaseModels } from './compare-purchase-models';
import { evaluateHoldout } from './holdout';
import { CDNOW, CDNOW_AVAILABLE, CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END, loadCdnow, thrownCode } from '../testing/cdnow';
import type { PurchaseColumns, PurchaseModel } from './types';

/** 12 customers, first purchases on days 10..65; customers 1, 4, 7, 9 buy again on day 98; one holdout purchase on day 101. */
function smallFile(): PurchaseColumns {
  const rows: [number, number, number][] = [];
  for (let c = 0; c < 12; c++) rows.push([c, 10 + 5 * c, 20]);
  for (const c of [1, 4, 7, 9]) rows.push([c, 98, 30]);
  rows.push([2, 101, 25]);
  return {
    customer: Int32Array.from(rows.map((r) => r[0])),
    day: Float64Array.from(rows.map((r) => r[1])),
    value: Float64Array.from(rows.map((r) => r[2])),
  };
}
const smallPeriod = { nCustomers: 12, calibrationEnd: 100, observationEnd: 110, unit: 'days' as const };

test('a model that cannot be used is reported with its reason; the others are scored and the best chosen among them', () => {
  const result = comparePurchaseModels(smallFile(), smallPeriod, { seed: 1 });
  expect(result.models.map((m) => [m.model, m.status])).toEqual([
    ['bgnbd', 'failed'],
    ['mbgnbd', 'done'],
    ['pnbd', 'done'],
  ]);
  const failed = result.models[0];
  expect(failed.status === 'failed' && failed.code).toBe('DEGENERATE_DATA');
  expect(failed.status === 'failed' && failed.reason).toMatch(/^BG\/NBD fits this data degenerately/);
  expect(['mbgnbd', 'pnbd']).toContain(result.best.model);
  // One spend model, fitted once, serves every scored model.
  for (const entry of result.models) if (entry.status === 'done') expect(entry.result.spend).toBe(result.spend);
  expect(result.holdoutLength).toBe(10);
});

test('throws listing every reason when no model can be fitted, with their common code (TOO_FEW_CUSTOMERS here)', () => {
  const purchases = { customer: Int32Array.of(0, 1, 2, 0), day: Float64Array.of(1, 2, 3, 8), value: Float64Array.of(5, 5, 5, 5) };
  const period = { nCustomers: 3, calibrationEnd: 10, observationEnd: 20, unit: 'days' as const };
  expect(thrownCode(() => comparePurchaseModels(purchases, period))).toBe('TOO_FEW_CUSTOMERS');
  expect(() => comparePurchaseModels(purchases, period)).toThrow(/BG\/NBD: .*at least 5 customers.*MBG\/NBD: .*Pareto\/NBD: /);
});

test.each<[string, PurchaseModel[]]>([
  ['no model', []],
  ['a model twice', ['bgnbd', 'bgnbd']],
  ['an unknown model', ['pareto' as PurchaseModel]],
])('refuses %s', (_label, models) => {
  expect(thrownCode(() => comparePurchaseModels(smallFile(), smallPeriod, { models }))).toBe('INVALID_OPTION');
});

test.skipIf(!CDNOW_AVAILABLE)(`${CDNOW}: Pareto/NBD < MBG/NBD < BG/NBD in holdout purchase MAE over 39 weeks, each as evaluateHoldout scores it`, () => {
  const cdnow = loadCdnow();
  const period = { nCustomers: cdnow.nCustomers, calibrationEnd: CDNOW_CALIBRATION_END, observationEnd: CDNOW_OBSERVATION_END, unit: 'weeks' as const };
  const comparison = comparePurchaseModels(cdnow, period, { seed: 1 });
  expect(comparison.holdoutLength).toBe(39);
  expect(comparison.nCustomers).toBe(2357);
  const mae: Record<string, number> = {};
  for (const entry of comparison.models) {
    if (entry.status !== 'done') throw new Error(`${entry.model} failed: ${entry.reason}`);
    const alone = evaluateHoldout(cdnow, period, { model: entry.model, seed: 1 });
    expect(entry.result.purchaseFit.params).toEqual(alone.purchaseFit.params);
    expect(entry.result.model).toEqual(alone.model);
    expect(entry.result.naive).toEqual(alone.naive);
    expect(entry.result.calibrationTable).toEqual(alone.calibrationTable);
    expect(Array.from(entry.result.predictedSpend)).toEqual(Array.from(alone.predictedSpend));
    expect(entry.beatsNaive).toEqual({ purchases: true, spend: true });
    expect(entry.result.purchaseFit.notIdentified).toEqual([]);
    mae[entry.model] = entry.result.model.purchases.mae;
  }
  expect(mae.bgnbd).toBeCloseTo(0.7855, 4);
  expect(mae.mbgnbd).toBeCloseTo(0.7648, 4);
  expect(mae.pnbd).toBeCloseTo(0.7545, 4);
  expect(comparison.models.map((m) => m.model)).toEqual(['bgnbd', 'mbgnbd', 'pnbd']);
  expect(comparison.best).toEqual({ model: 'pnbd', beatsNaive: { purchases: true, spend: true } });
  // The naive baseline does not depend on the model: MAE 1.0237 purchases, 43.46 spend.
  const first = comparison.models[0];
  expect(first.status === 'done' && first.result.naive.purchases.mae).toBeCloseTo(1.0237, 4);
  // Only the listed models are fitted, and ties would go to the earlier one.
  const two = comparePurchaseModels(cdnow, period, { seed: 1, models: ['mbgnbd', 'bgnbd'] });
  expect(two.models.map((m) => m.model)).toEqual(['mbgnbd', 'bgnbd']);
  expect(two.best.model).toBe('mbgnbd');
});
