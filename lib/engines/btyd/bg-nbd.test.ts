import { expect, test } from 'vitest';
import { createRng } from '../random';
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchases,
  fitBgNbd,
} from './bg-nbd';
import { predictConditionalPurchases, predictProbabilityAlive } from './purchase-model';
import { simulatePurchases } from './simulate';
import { summarizeCustomers } from './summarize';
import { CDNOW, CDNOW_AVAILABLE, CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END, loadCdnow, thrownCode } from '../testing/cdnow';
import type { BgNbdParams } from './types';

const HAND: BgNbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const CDNOW_PARAMS: BgNbdParams = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
const one = (x: number, tx: number, T: number) => ({ x: Float64Array.of(x), tx: Float64Array.of(tx), T: Float64Array.of(T) });

test('single-customer log-likelihood: a 0.80, b 2.50, r 0.25, alpha 4.00, T 40, x 0 gives -0.59947382', () => {
  expect(bgNbdLogLikelihood(HAND, one(0, 0, 40)).total).toBeCloseTo(-0.59947382, 8);
});

test('single-customer log-likelihood for a repeat buyer matches the closed form', () => {
  const { r, alpha, a, b } = HAND;
  // x = 1: B(a, b+1)/B(a, b) = b/(a+b); Gamma(r+1)/Gamma(r) = r; B(a+1, b)/B(a, b) = a/(a+b).
  const common = (r * Math.pow(alpha, r)) / Math.pow(alpha + 10, r + 1);
  const expected = Math.log((b / (a + b)) * (r * Math.pow(alpha, r)) / Math.pow(alpha + 40, r + 1) + (a / (a + b)) * common);
  expect(bgNbdLogLikelihood(HAND, one(1, 10, 40)).total).toBeCloseTo(expected, 12);
});

test('P(alive) is exactly 1 for customers without repeat purchases (a known BG/NBD property)', () => {
  for (const T of [0, 5, 40, 400]) expect(bgNbdProbabilityAlive(CDNOW_PARAMS, 0, 0, T)).toBe(1);
});

test('P(alive) for a repeat buyer follows 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+tx))^(r+x)) and falls with T', () => {
  const { r, alpha, a, b } = CDNOW_PARAMS;
  const expected = 1 / (1 + (a / (b + 1)) * Math.pow((alpha + 38.86) / (alpha + 30.43), r + 2));
  expect(bgNbdProbabilityAlive(CDNOW_PARAMS, 2, 30.43, 38.86)).toBeCloseTo(expected, 14);
  expect(bgNbdProbabilityAlive(CDNOW_PARAMS, 2, 30.43, 60)).toBeLessThan(expected);
  const vector = predictProbabilityAlive({ model: 'bgnbd', params: CDNOW_PARAMS }, { x: Float64Array.of(0, 2), tx: Float64Array.of(0, 30.43), T: Float64Array.of(38.86, 38.86) });
  expect(vector[0]).toBe(1);
  expect(vector[1]).toBeCloseTo(expected, 14);
});

test('with the CDNOW parameters, a customer with x 2, tx 30.43, T 38.86 expects 1.226 purchases in the next 39 weeks', () => {
  expect(bgNbdConditionalExpectedPurchases(CDNOW_PARAMS, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
});

test('conditional expected purchases are 0 at t = 0 and grow with t', () => {
  const at = (t: number) => bgNbdConditionalExpectedPurchases(CDNOW_PARAMS, t, 3, 20, 35);
  expect(at(0)).toBe(0);
  expect(at(10)).toBeGreaterThan(0);
  expect(at(20)).toBeGreaterThan(at(10));
});

test('the purchase-count distribution sums to 1 and its mean is E[X(t)] (an independent check of the 2F1 form)', () => {
  let total = 0;
  let mean = 0;
  for (let n = 0; n <= 400; n++) {
    const p = bgNbdProbabilityOfPurchases(CDNOW_PARAMS, 52, n);
    total += p;
    mean += n * p;
  }
  expect(total).toBeCloseTo(1, 10);
  expect(mean).toBeCloseTo(bgNbdExpectedPurchases(CDNOW_PARAMS, 52), 8);
});

test('E[X(t)] matches the mean of 200,000 simulated customers within 3 standard errors', () => {
  const sim = simulatePurchases(HAND, { nCustomers: 200_000, T: 30, seed: 5 });
  const n = sim.x.length;
  const mean = sim.x.reduce((s, v) => s + v, 0) / n;
  const variance = sim.x.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  expect(Math.abs(mean - bgNbdExpectedPurchases(HAND, 30))).toBeLessThan(3 * Math.sqrt(variance / n));
});

test('fitting 5,000 simulated customers recovers the parameters within 3 standard errors', () => {
  const rng = createRng(11);
  const T = Float64Array.from({ length: 5000 }, () => 20 + 20 * rng.next());
  const sim = simulatePurchases(HAND, { nCustomers: 5000, T, seed: 1, holdoutLength: 30 });
  const fit = fitBgNbd({ ...sim, unit: 'weeks' }, { seed: 3 });
  expect(fit.model).toBe('bgnbd');
  expect(fit.unit).toBe('weeks');
  expect(fit.convergence.converged).toBe(true);
  expect(fit.warnings).toEqual([]);
  for (const name of fit.paramNames) {
    expect(Math.abs(fit.params[name] - HAND[name])).toBeLessThan(3 * fit.standardErrors[name]);
  }
  expect(fit.logLikelihood).toBeCloseTo(bgNbdLogLikelihood(fit.params, sim).total, 6);
});

test('with the true parameters, predicted holdout purchases of simulated customers add up to the simulated ones', () => {
  const sim = simulatePurchases(HAND, { nCustomers: 20_000, T: 30, seed: 8, holdoutLength: 30 });
  const predicted = predictConditionalPurchases({ model: 'bgnbd', params: HAND }, sim, 30).reduce((s, v) => s + v, 0);
  const actual = sim.holdoutPurchases.reduce((s, v) => s + v, 0);
  expect(Math.abs(predicted - actual) / actual).toBeLessThan(0.03);
});

test('the penalty pulls the log-parameters toward 0 and costs likelihood', () => {
  const sim = simulatePurchases(HAND, { nCustomers: 1000, T: 30, seed: 2 });
  const free = fitBgNbd({ ...sim, unit: 'weeks' });
  const penalised = fitBgNbd({ ...sim, unit: 'weeks' }, { penalizer: 0.1 });
  const norm = (p: BgNbdParams) => Math.hypot(Math.log(p.r), Math.log(p.alpha), Math.log(p.a), Math.log(p.b));
  expect(norm(penalised.params)).toBeLessThan(norm(free.params));
  expect(penalised.logLikelihood).toBeLessThan(free.logLikelihood);
  expect(penalised.penalizer).toBe(0.1);
});

test('the same data and seed give the same fit', () => {
  const sim = simulatePurchases(HAND, { nCustomers: 500, T: 30, seed: 4 });
  expect(fitBgNbd({ ...sim, unit: 'days' }, { seed: 9 }).params).toEqual(fitBgNbd({ ...sim, unit: 'days' }, { seed: 9 }).params);
});

test('when nobody bought twice the fit still returns, warns, and predicts almost no purchases', () => {
  const T = Float64Array.from({ length: 40 }, (_, i) => 5 + i);
  const data = { x: new Float64Array(40), tx: new Float64Array(40), T, unit: 'weeks' as const };
  const fit = fitBgNbd(data);
  expect(fit.warnings.join(' ')).toMatch(/No customer made a repeat purchase/);
  expect(predictConditionalPurchases(fit, data, 52).every((v) => v >= 0 && v < 0.01)).toBe(true);
});

test.each([
  ['one customer', { ...one(1, 2, 5), unit: 'weeks' as const }, 'TOO_FEW_CUSTOMERS'],
  ['a NaN recency', { x: Float64Array.of(1, 0, 0, 0, 0), tx: Float64Array.of(NaN, 0, 0, 0, 0), T: Float64Array.of(5, 5, 5, 5, 5), unit: 'weeks' as const }, 'INVALID_INPUT'],
  ['a fractional x', { x: Float64Array.of(1.5, 0, 0, 0, 0), tx: Float64Array.of(1, 0, 0, 0, 0), T: Float64Array.of(5, 5, 5, 5, 5), unit: 'weeks' as const }, 'INVALID_INPUT'],
  ['tx beyond T', { x: Float64Array.of(1, 0, 0, 0, 0), tx: Float64Array.of(6, 0, 0, 0, 0), T: Float64Array.of(5, 5, 5, 5, 5), unit: 'weeks' as const }, 'INVALID_INPUT'],
  ['an unknown unit', { ...one(0, 0, 5), unit: 'months' as 'weeks' }, 'INVALID_OPTION'],
])('fitBgNbd rejects %s', (_label, data, code) => {
  expect(thrownCode(() => fitBgNbd(data))).toBe(code);
});

test('fitBgNbd rejects a negative penalizer', () => {
  const sim = simulatePurchases(HAND, { nCustomers: 10, T: 30, seed: 1 });
  expect(thrownCode(() => fitBgNbd({ ...sim, unit: 'weeks' }, { penalizer: -1 }))).toBe('INVALID_OPTION');
});

test.skipIf(!CDNOW_AVAILABLE)(`${CDNOW}: BG/NBD gives r 0.2426, alpha 4.4136, a 0.7929, b 2.4259, LL -9582.43 (Fader, Hardie & Lee 2005)`, () => {
  const cdnow = loadCdnow();
  const summary = summarizeCustomers(cdnow, {
    nCustomers: cdnow.nCustomers,
    calibrationEnd: CDNOW_CALIBRATION_END,
    observationEnd: CDNOW_OBSERVATION_END,
    unit: 'weeks',
  });
  const fit = fitBgNbd(summary);
  expect(fit.convergence.converged).toBe(true);
  expect(fit.params.r).toBeCloseTo(0.2426, 4);
  expect(fit.params.alpha).toBeCloseTo(4.4136, 3);
  expect(fit.params.a).toBeCloseTo(0.7929, 3);
  expect(fit.params.b).toBeCloseTo(2.4259, 3);
  expect(fit.logLikelihood).toBeCloseTo(-9582.43, 2);
  // Standard errors reported by lifetimes' BetaGeoFitter on the same data.
  expect(fit.standardErrors.r).toBeCloseTo(0.012557, 4);
  expect(fit.standardErrors.alpha / 0.378221).toBeCloseTo(1, 2);
  expect(fit.standardErrors.a / 0.185719).toBeCloseTo(1, 2);
  expect(fit.standardErrors.b / 0.705345).toBeCloseTo(1, 2);
  expect(fit.covariance![1][1]).toBeCloseTo(fit.standardErrors.alpha ** 2, 10);
});
