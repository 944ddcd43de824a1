import { expect, test } from 'vitest';
import { summarizeCustomers } from './summarize';
import { CDNOW, CDNOW_AVAILABLE, CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END, loadCdnow, thrownCode } from '../testing/cdnow';
import type { PurchaseColumns } from './types';

// Customer 0 buys on days 100 (twice), 107 and 121; customer 1 never; customer 2 on day 130;
// customer 3 only on day 131, the observation end. Lines are deliberately out of order.
const purchases: PurchaseColumns = {
  customer: Int32Array.of(0, 2, 0, 3, 0, 0),
  day: Float64Array.of(121.0, 130.99, 100.9, 131.0, 100.2, 107.5),
  value: Float64Array.of(30, 8, 5, 99, 10, 20),
};

test('merges same-day purchases and measures tx and T from the end of the first purchase day', () => {
  const s = summarizeCustomers(purchases, { nCustomers: 4, observationEnd: 131, unit: 'days' });
  expect(Array.from(s.customer)).toEqual([0, 2]);
  expect(Array.from(s.x)).toEqual([2, 0]);
  expect(Array.from(s.tx)).toEqual([21, 0]);
  expect(Array.from(s.T)).toEqual([30, 0]);
  expect(s.meanRepeatValue[0]).toBeCloseTo(25, 12);
  expect(s.meanValue[0]).toBeCloseTo(65 / 3, 12);
  expect(s.meanRepeatValue[1]).toBe(0);
  expect(s.meanValue[1]).toBe(8);
  expect(Array.from(s.firstPurchaseDay)).toEqual([100, 130]);
  expect(s.holdout).toBeNull();
  expect(s.customersWithoutPurchases).toBe(2);
  expect(s.ignoredPurchases).toBe(1);
});

test('weeks divide every duration by 7', () => {
  const s = summarizeCustomers(purchases, { nCustomers: 4, observationEnd: 131, unit: 'weeks' });
  expect(s.unit).toBe('weeks');
  expect(s.tx[0]).toBeCloseTo(3, 12);
  expect(s.T[0]).toBeCloseTo(30 / 7, 12);
});

test('a fractional observation end includes the whole day it falls in', () => {
  const s = summarizeCustomers(purchases, { nCustomers: 4, observationEnd: 130.5, unit: 'days' });
  expect(s.observationEnd).toBe(131);
  expect(s.T[0]).toBe(30);
});

test('splits calibration and holdout at calibrationEnd and leaves out late first purchases', () => {
  const s = summarizeCustomers(purchases, { nCustomers: 4, calibrationEnd: 110, observationEnd: 131, unit: 'days' });
  expect(Array.from(s.customer)).toEqual([0]);
  expect(s.x[0]).toBe(1);
  expect(s.tx[0]).toBe(7);
  expect(s.T[0]).toBe(9);
  expect(s.meanRepeatValue[0]).toBe(20);
  expect(s.meanValue[0]).toBe(17.5);
  expect(s.holdout).not.toBeNull();
  expect(s.holdout!.length).toBe(21);
  expect(Array.from(s.holdout!.purchases)).toEqual([1]);
  expect(Array.from(s.holdout!.spend)).toEqual([30]);
  expect(s.excludedLateCustomers).toBe(1);
  expect(s.periodEnd).toBe(110);
});

test('a purchase late on the day before calibrationEnd is calibration, one at calibrationEnd is holdout', () => {
  const s = summarizeCustomers(
    { customer: Int32Array.of(0, 0, 0), day: Float64Array.of(100, 109.99, 110), value: Float64Array.of(1, 2, 4) },
    { nCustomers: 1, calibrationEnd: 110, observationEnd: 120, unit: 'days' },
  );
  expect(s.x[0]).toBe(1);
  expect(s.tx[0]).toBe(9);
  expect(s.T[0]).toBe(9);
  expect(s.holdout!.purchases[0]).toBe(1);
  expect(s.holdout!.spend[0]).toBe(4);
});

test.each([
  ['a NaN day', { ...purchases, day: Float64Array.of(121, NaN, 100, 131, 100, 107) }, 'INVALID_INPUT'],
  ['a NaN value', { ...purchases, value: Float64Array.of(30, 8, NaN, 99, 10, 20) }, 'INVALID_INPUT'],
  ['a customer index out of range', { ...purchases, customer: Int32Array.of(0, 2, 0, 9, 0, 0) }, 'INVALID_INPUT'],
  ['columns of different lengths', { ...purchases, value: Float64Array.of(1) }, 'INVALID_INPUT'],
] as const)('rejects %s', (_label, input, code) => {
  expect(thrownCode(() => summarizeCustomers(input, { nCustomers: 4, observationEnd: 131, unit: 'days' }))).toBe(code);
});

test.each([
  ['an unknown unit', { nCustomers: 4, observationEnd: 131, unit: 'months' as 'days' }],
  ['calibrationEnd after observationEnd', { nCustomers: 4, observationEnd: 131, calibrationEnd: 140, unit: 'days' as const }],
  ['a non-finite observationEnd', { nCustomers: 4, observationEnd: NaN, unit: 'days' as const }],
  ['nCustomers 0', { nCustomers: 0, observationEnd: 131, unit: 'days' as const }],
])('rejects %s', (_label, options) => {
  expect(thrownCode(() => summarizeCustomers(purchases, options))).toBe('INVALID_OPTION');
});

test('throws NO_CUSTOMERS when nobody bought before the period end', () => {
  expect(thrownCode(() => summarizeCustomers(purchases, { nCustomers: 4, observationEnd: 50, unit: 'days' }))).toBe('NO_CUSTOMERS');
});

test.skipIf(!CDNOW_AVAILABLE)(
  `${CDNOW}: reproduces the published calibration summary (2,357 customers, 2,457 repeat purchases, customer 1: x 2, tx 30.43, T 38.86)`,
  () => {
    const cdnow = loadCdnow();
    const s = summarizeCustomers(cdnow, {
      nCustomers: cdnow.nCustomers,
      calibrationEnd: CDNOW_CALIBRATION_END,
      observationEnd: CDNOW_OBSERVATION_END,
      unit: 'weeks',
    });
    expect(s.x.length).toBe(2357);
    expect(s.x.reduce((a, b) => a + b, 0)).toBe(2457);
    expect(s.x.filter((x) => x > 0).length).toBe(946);
    expect(s.x[0]).toBe(2);
    expect(s.tx[0]).toBeCloseTo(30.43, 2);
    expect(s.T[0]).toBeCloseTo(38.86, 2);
    expect(s.meanRepeatValue[0]).toBeCloseTo((29.73 + 14.96) / 2, 10);
    expect(s.holdout!.length).toBe(39);
    expect(s.holdout!.purchases.reduce((a, b) => a + b, 0)).toBe(1882);
  },
);

test('a zero-value repeat day is a purchase (x) but not spend (spendX, meanRepeatValue)', () => {
  // Days 10 (5.00), 17 (0.00: a free order), 20 (3.00 + 4.00 on one day), 25 (0.00 and 2.00 on one day).
  const summary = summarizeCustomers(
    {
      customer: Int32Array.of(0, 0, 0, 0, 0, 0),
      day: Float64Array.of(10, 17, 20, 20.5, 25, 25.2),
      value: Float64Array.of(5, 0, 3, 4, 0, 2),
    },
    { nCustomers: 1, observationEnd: 31, unit: 'days' },
  );
  expect(summary.x[0]).toBe(3);
  expect(summary.spendX[0]).toBe(2);
  expect(summary.meanRepeatValue[0]).toBeCloseTo((7 + 2) / 2, 12);
  expect(summary.meanValue[0]).toBeCloseTo(14 / 4, 12);
});
