import { expect, test } from 'vitest';
import { createRng } from '../random';
import { fitBgNbd } from './bg-nbd';
import { computeClv } from './clv';
import { fitGammaGamma, gammaGammaConditionalExpectedSpend } from './gamma-gamma';
import { fitMbgNbd } from './mbg-nbd';
import { fitParetoNbd } from './pareto-nbd';
import { predictConditionalPurchases } from './purchase-model';
import { simulateMeanRepeatValues, simulatePurchases } from './simulate';
import { summarizeCustomers } from './summarize';
import { CDNOW, CDNOW_AVAILABLE, CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END, loadCdnow, thrownCode } from '../testing/cdnow';
import type { BgNbdParams, GammaGammaParams } from './types';

const PURCHASE: BgNbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const SPEND: GammaGammaParams = { p: 6, q: 4, gamma: 15 };

function customers(n: number, seed: number) {
  const rng = createRng(seed);
  const T = Float64Array.from({ length: n }, () => 52 * rng.next());
  const sim = simulatePurchases(PURCHASE, { nCustomers: n, T, seed });
  const meanRepeatValue = simulateMeanRepeatValues(SPEND, sim.x, seed);
  const meanValue = Float64Array.from(meanRepeatValue, (m) => (m > 0 ? m : 20));
  return { x: sim.x, tx: sim.tx, T: sim.T, meanRepeatValue, meanValue };
}

const data = customers(300, 1);
const purchaseModel = { model: 'bgnbd' as const, params: PURCHASE, unit: 'weeks' as const, logCovariance: null };
const spendModel = { params: SPEND, logCovariance: null };

test('with no discounting, CLV is expected spend times expected purchases over the horizon', () => {
  const clv = computeClv(purchaseModel, spendModel, data, { discountRate: 0, intervalDraws: 0 });
  const horizon = (6 * 30) / 7;
  const purchases = predictConditionalPurchases(purchaseModel, data, horizon);
  for (let i = 0; i < data.x.length; i++) {
    expect(clv.expectedPurchases[i]).toBeCloseTo(purchases[i], 10);
    expect(clv.expectedSpend[i]).toBeCloseTo(gammaGammaConditionalExpectedSpend(SPEND, data.x[i], data.meanRepeatValue[i]), 12);
    expect(clv.clv[i]).toBeCloseTo(clv.expectedSpend[i] * purchases[i], 9);
  }
});

test('a one-month horizon is spend x E[purchases in 30 days] / (1 + d)', () => {
  const clv = computeClv(purchaseModel, spendModel, data, { horizonMonths: 1, discountRate: 0.05, intervalDraws: 0 });
  const month = predictConditionalPurchases(purchaseModel, data, 30 / 7);
  expect(clv.monthLength).toBeCloseTo(30 / 7, 14);
  for (let i = 0; i < 20; i++) expect(clv.clv[i]).toBeCloseTo((clv.expectedSpend[i] * month[i]) / 1.05, 10);
});

test('discounting lowers CLV, and more discounting lowers it more', () => {
  const none = computeClv(purchaseModel, spendModel, data, { discountRate: 0, intervalDraws: 0 });
  const some = computeClv(purchaseModel, spendModel, data, { discountRate: 0.01, intervalDraws: 0 });
  const more = computeClv(purchaseModel, spendModel, data, { discountRate: 0.1, intervalDraws: 0 });
  for (let i = 0; i < data.x.length; i++) {
    expect(some.clv[i]).toBeLessThan(none.clv[i]);
    expect(more.clv[i]).toBeLessThan(some.clv[i]);
  }
});

test('the month is 30 days in the model unit and the result carries unit, horizon and discount', () => {
  const days = computeClv({ ...purchaseModel, unit: 'days', params: { ...PURCHASE, alpha: PURCHASE.alpha * 7 } }, spendModel, {
    ...data,
    tx: data.tx.map((v) => v * 7),
    T: data.T.map((v) => v * 7),
  }, { intervalDraws: 0 });
  const weeks = computeClv(purchaseModel, spendModel, data, { intervalDraws: 0 });
  expect(days.unit).toBe('days');
  expect(days.monthLength).toBe(30);
  expect(weeks.monthLength).toBeCloseTo(30 / 7, 14);
  expect(weeks.horizonMonths).toBe(6);
  expect(weeks.discountRate).toBe(0.01);
  expect(weeks.monthLengthDays).toBe(30);
  // The same customers measured in days or weeks have the same CLV.
  for (let i = 0; i < 20; i++) expect(days.clv[i]).toBeCloseTo(weeks.clv[i], 8);
});

test('MBG/NBD works as the purchase model, with P(alive) below 1 for one-time buyers', () => {
  const clv = computeClv({ ...purchaseModel, model: 'mbgnbd' }, spendModel, data, { intervalDraws: 0 });
  const oneTime = data.x.findIndex((x) => x === 0);
  expect(clv.pAlive[oneTime]).toBeLessThan(1);
  expect(clv.clv.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
});

test('without a spend model, each customer’s observed mean value is the spend', () => {
  const clv = computeClv(purchaseModel, null, data, { intervalDraws: 0 });
  expect(clv.spendSource).toBe('observed-mean');
  expect(Array.from(clv.expectedSpend)).toEqual(Array.from(data.meanValue));
  expect(thrownCode(() => computeClv(purchaseModel, null, { ...data, meanValue: undefined }))).toBe('INVALID_INPUT');
});

test('the parametric interval is seeded, brackets the estimate and reports its method', () => {
  const sample = customers(2000, 4);
  const bg = fitBgNbd({ ...sample, unit: 'weeks' });
  const gg = fitGammaGamma(sample);
  const a = computeClv(bg, gg, sample, { seed: 3, intervalDraws: 100 });
  const b = computeClv(bg, gg, sample, { seed: 3, intervalDraws: 100 });
  const c = computeClv(bg, gg, sample, { seed: 4, intervalDraws: 100 });
  expect(a.interval).toEqual({ method: 'parametric-log-normal', draws: 100, level: 0.9, seed: 3, rejectedDraws: 0, spendUncertainty: true });
  expect(Array.from(a.clvLower)).toEqual(Array.from(b.clvLower));
  expect(Array.from(a.clvUpper)).not.toEqual(Array.from(c.clvUpper));
  let inside = 0;
  for (let i = 0; i < sample.x.length; i++) {
    expect(a.clvLower[i]).toBeLessThanOrEqual(a.clvUpper[i]);
    if (a.clvLower[i] <= a.clv[i] && a.clv[i] <= a.clvUpper[i]) inside++;
  }
  expect(inside / sample.x.length).toBeGreaterThan(0.95);
  const wide = computeClv(bg, gg, sample, { seed: 3, intervalDraws: 100, intervalLevel: 0.99 });
  expect(wide.clvUpper[0] - wide.clvLower[0]).toBeGreaterThan(a.clvUpper[0] - a.clvLower[0]);
});

test('no interval without draws or without a covariance matrix', () => {
  const off = computeClv(purchaseModel, spendModel, data, { intervalDraws: 0 });
  expect(off.interval).toBeNull();
  expect(off.clvLower.every(Number.isNaN)).toBe(true);
  const noCovariance = computeClv(purchaseModel, spendModel, data);
  expect(noCovariance.interval).toBeNull();
  expect(noCovariance.warnings.join(' ')).toMatch(/no usable covariance/);
});

test.each([
  ['horizonMonths 0', { horizonMonths: 0 }],
  ['a negative discount rate', { discountRate: -0.1 }],
  ['intervalLevel 1', { intervalLevel: 1 }],
  ['a fractional number of draws', { intervalDraws: 2.5 }],
  ['monthLengthDays 0', { monthLengthDays: 0 }],
])('rejects %s', (_label, options) => {
  expect(thrownCode(() => computeClv(purchaseModel, spendModel, data, options))).toBe('INVALID_OPTION');
});

test('rejects NaN customer data', () => {
  expect(thrownCode(() => computeClv(purchaseModel, spendModel, { ...data, T: data.T.map((v, i) => (i === 3 ? NaN : v)) }))).toBe(
    'INVALID_INPUT',
  );
});

test('4,400 customers x 200 draws x 6 months stays well within budget', () => {
  // Summaries from real purchase logs have whole-day recency and age.
  const simulated = customers(4400, 7);
  const toDays = (v: number) => Math.floor(v * 7) / 7;
  const sample = { ...simulated, T: simulated.T.map(toDays), tx: simulated.tx.map(toDays) };
  const bg = fitBgNbd({ ...sample, unit: 'weeks' });
  const gg = fitGammaGamma(sample);
  computeClv(bg, gg, sample, { intervalDraws: 20 });
  // CPU time rather than wall time, so a busy machine does not fail the test.
  const start = process.cpuUsage();
  const clv = computeClv(bg, gg, sample, { intervalDraws: 200, horizonMonths: 6 });
  const used = process.cpuUsage(start);
  expect(clv.interval?.draws).toBe(200);
  // About 0.15-0.2 s on a developer machine; the bound leaves room for slower runners.
  expect((used.user + used.system) / 1000).toBeLessThan(1000);
});

test.skipIf(!CDNOW_AVAILABLE)(`${CDNOW}: reproduces lifetimes' documented 12-month CLVs (its 30-unit months, here 30 weeks)`, () => {
  const cdnow = loadCdnow();
  const summary = summarizeCustomers(cdnow, {
    nCustomers: cdnow.nCustomers,
    calibrationEnd: CDNOW_CALIBRATION_END,
    observationEnd: CDNOW_OBSERVATION_END,
    unit: 'weeks',
  });
  const clv = computeClv(fitBgNbd(summary), fitGammaGamma(summary), summary, {
    horizonMonths: 12,
    discountRate: 0.01,
    monthLengthDays: 30 * 7,
    intervalDraws: 0,
  });
  // lifetimes docs: customer_lifetime_value(bgf, ..., time=12, discount_rate=0.01) with freq 'D' on weekly data.
  expect(clv.clv[0] / 140.096218).toBeCloseTo(1, 2);
  expect(clv.clv[1] / 18.943466).toBeCloseTo(1, 2);
  expect(clv.clv[2] / 38.180575).toBeCloseTo(1, 2);
});

test('fitted MBG/NBD fits feed the CLV interval too', () => {
  const sample = customers(1500, 9);
  const mbg = fitMbgNbd({ ...sample, unit: 'weeks' });
  const clv = computeClv(mbg, fitGammaGamma(sample), sample, { intervalDraws: 50 });
  expect(clv.interval?.draws).toBe(50);
  expect(clv.clvUpper.every(Number.isFinite)).toBe(true);
});

test('Pareto/NBD as the purchase model: undiscounted CLV is spend x conditional expected purchases; fitted draws give an interval', () => {
  const pnbd = { model: 'pnbd' as const, params: { r: 0.55, alpha: 10.6, s: 0.6, beta: 11.7 }, unit: 'weeks' as const, logCovariance: null };
  const clv = computeClv(pnbd, spendModel, data, { discountRate: 0, intervalDraws: 0 });
  const purchases = predictConditionalPurchases(pnbd, data, (6 * 30) / 7);
  const oneTime = data.x.findIndex((x) => x === 0);
  expect(clv.pAlive[oneTime]).toBeLessThan(1);
  for (let i = 0; i < data.x.length; i++) {
    expect(clv.expectedPurchases[i]).toBeCloseTo(purchases[i], 12);
    expect(clv.clv[i]).toBeCloseTo(clv.expectedSpend[i] * purchases[i], 10);
  }
  const sample = customers(1500, 9);
  const fit = fitParetoNbd({ ...sample, unit: 'weeks' });
  const withInterval = computeClv(fit, fitGammaGamma(sample), sample, { intervalDraws: 50, seed: 3 });
  expect(withInterval.interval?.draws).toBe(50);
  for (let i = 0; i < sample.x.length; i++) {
    expect(withInterval.clvLower[i]).toBeLessThanOrEqual(withInterval.clv[i] * (1 + 1e-12));
    expect(withInterval.clvUpper[i]).toBeGreaterThanOrEqual(withInterval.clv[i] * (1 - 1e-12));
  }
});

test('without dropout each customer keeps the posterior rate (r + x) / (alpha + T): hand-computed on three customers', () => {
  // r 2, alpha 10 weeks; months of 30/7 weeks; 2 months at 1 % a month; observed mean value as spend.
  const hand = { x: Float64Array.of(3, 0, 10), tx: Float64Array.of(5, 0, 6), T: Float64Array.of(20, 4, 30), meanRepeatValue: Float64Array.of(10, 0, 30), meanValue: Float64Array.of(10, 8, 30) };
  const clv = computeClv({ model: 'bgnbd', params: { r: 2, alpha: 10, a: 5, b: 0.5 }, unit: 'weeks', logCovariance: null }, null, hand, {
    horizonMonths: 2,
    discountRate: 0.01,
    intervalDraws: 0,
    withoutDropout: true,
  });
  const discountedMonths = 1 / 1.01 + 1 / 1.01 ** 2;
  // Rates 5/30, 2/14 and 12/40 purchases a week; the heavy dropout (a 5, b 0.5) is ignored.
  const rates = [5 / 30, 2 / 14, 12 / 40];
  rates.forEach((rate, i) => {
    expect(clv.pAlive[i]).toBe(1);
    expect(clv.expectedPurchases[i]).toBeCloseTo((rate * 60) / 7, 12);
    expect(clv.clv[i]).toBeCloseTo(hand.meanValue[i] * rate * (30 / 7) * discountedMonths, 10);
  });
  expect(clv.expectedPurchases[0]).toBeCloseTo(10 / 7, 12);
  // With the model's dropout the same customers are expected to buy less.
  const withDropout = computeClv({ model: 'bgnbd', params: { r: 2, alpha: 10, a: 5, b: 0.5 }, unit: 'weeks', logCovariance: null }, null, hand, {
    horizonMonths: 2,
    discountRate: 0.01,
    intervalDraws: 0,
  });
  for (let i = 0; i < 3; i++) expect(withDropout.expectedPurchases[i]).toBeLessThan(clv.expectedPurchases[i]);
});

test('without dropout the interval draws only r and alpha: a loose dropout covariance does not remove it', () => {
  const params = { r: 2, alpha: 10, a: 5, b: 0.5 };
  // Log-SD 0.1 for r and alpha, 50 (far past drawable) for a and b.
  const logCovariance = [
    [0.01, 0, 0, 0],
    [0, 0.01, 0, 0],
    [0, 0, 2500, 0],
    [0, 0, 0, 2500],
  ];
  const model = { model: 'bgnbd' as const, params, unit: 'weeks' as const, logCovariance };
  const drawn = computeClv(model, null, data, { intervalDraws: 50, seed: 3, withoutDropout: true });
  expect(drawn.interval?.draws).toBe(50);
  for (let i = 0; i < 5; i++) {
    expect(drawn.clvLower[i]).toBeLessThanOrEqual(drawn.clv[i]);
    expect(drawn.clvUpper[i]).toBeGreaterThanOrEqual(drawn.clv[i]);
  }
  expect(computeClv(model, null, data, { intervalDraws: 50, seed: 3 }).interval).toBeNull();
});
