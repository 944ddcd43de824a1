import { expect, test } from 'vitest';
import { createRng } from '../random';
import {
  fitMbgNbd,
  mbgNbdConditionalExpectedPurchases,
  mbgNbdExpectedPurchases,
  mbgNbdLogLikelihood,
  mbgNbdProbabilityAlive,
  mbgNbdProbabilityOfPurchases,
} from './mbg-nbd';
import { simulatePurchases } from './simulate';
import { hyp2f1 } from './special-functions';
import { summarizeCustomers } from './summarize';
import { CDNOW, CDNOW_AVAILABLE, CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END, loadCdnow, thrownCode } from '../testing/cdnow';
import type { BgNbdParams } from './types';

const HAND: BgNbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const one = (x: number, tx: number, T: number) => ({ x: Float64Array.of(x), tx: Float64Array.of(tx), T: Float64Array.of(T) });

test('a one-time buyer may have left right after the first purchase: LL = ln(b/(a+b) (alpha/(alpha+T))^r + a/(a+b))', () => {
  const { r, alpha, a, b } = HAND;
  const expected = Math.log((b / (a + b)) * Math.pow(alpha / (alpha + 40), r) + a / (a + b));
  expect(mbgNbdLogLikelihood(HAND, one(0, 0, 40)).total).toBeCloseTo(expected, 12);
});

test('P(alive) is below 1 for one-time buyers and falls with T', () => {
  const { r, alpha, a, b } = HAND;
  const p = mbgNbdProbabilityAlive(HAND, 0, 0, 40);
  expect(p).toBeCloseTo(1 / (1 + (a / b) * Math.pow((alpha + 40) / alpha, r)), 14);
  expect(p).toBeLessThan(1);
  expect(mbgNbdProbabilityAlive(HAND, 0, 0, 80)).toBeLessThan(p);
});

test('conditional expected purchases equal the 2F1 form of Wagner & Hoppe (2008)', () => {
  const { r, alpha, a, b } = HAND;
  for (const [x, tx, T, t] of [
    [0, 0, 30, 39],
    [2, 20, 30, 39],
    [7, 29, 30, 10],
  ]) {
    const z = t / (alpha + T + t);
    const numerator = ((a + b + x) / (a - 1)) * (1 - hyp2f1(r + x, b + x + 1, a + b + x, z) * Math.pow((alpha + T) / (alpha + T + t), r + x));
    const expected = numerator / (1 + (a / (b + x)) * Math.pow((alpha + T) / (alpha + tx), r + x));
    expect(mbgNbdConditionalExpectedPurchases(HAND, t, x, tx, T)).toBeCloseTo(expected, 10);
  }
});

test('E[X(t)] = b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))] and matches simulation', () => {
  const { r, alpha, a, b } = HAND;
  const closedForm = (b / (a - 1)) * (1 - Math.pow(alpha / (alpha + 30), r) * hyp2f1(r, b + 1, a + b, 30 / (alpha + 30)));
  expect(mbgNbdExpectedPurchases(HAND, 30)).toBeCloseTo(closedForm, 10);
  const sim = simulatePurchases(HAND, { nCustomers: 200_000, T: 30, seed: 5, model: 'mbgnbd' });
  const n = sim.x.length;
  const mean = sim.x.reduce((s, v) => s + v, 0) / n;
  const variance = sim.x.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  expect(Math.abs(mean - closedForm)).toBeLessThan(3 * Math.sqrt(variance / n));
});

test('the purchase-count distribution sums to 1 and its mean is E[X(t)]', () => {
  let total = 0;
  let mean = 0;
  for (let n = 0; n <= 400; n++) {
    const p = mbgNbdProbabilityOfPurchases(HAND, 52, n);
    total += p;
    mean += n * p;
  }
  expect(total).toBeCloseTo(1, 10);
  expect(mean).toBeCloseTo(mbgNbdExpectedPurchases(HAND, 52), 8);
});

test('fitting 5,000 simulated MBG/NBD customers recovers the parameters within 3 standard errors', () => {
  const rng = createRng(11);
  const T = Float64Array.from({ length: 5000 }, () => 20 + 20 * rng.next());
  const sim = simulatePurchases(HAND, { nCustomers: 5000, T, seed: 2, model: 'mbgnbd' });
  const fit = fitMbgNbd({ ...sim, unit: 'weeks' });
  expect(fit.model).toBe('mbgnbd');
  expect(fit.convergence.converged).toBe(true);
  for (const name of fit.paramNames) {
    expect(Math.abs(fit.params[name] - HAND[name])).toBeLessThan(3 * fit.standardErrors[name]);
  }
  expect(fit.logLikelihood).toBeCloseTo(mbgNbdLogLikelihood(fit.params, sim).total, 6);
});

test('fitMbgNbd rejects one customer and NaN input', () => {
  expect(thrownCode(() => fitMbgNbd({ ...one(1, 1, 5), unit: 'days' }))).toBe('TOO_FEW_CUSTOMERS');
  const bad = { x: new Float64Array(5), tx: new Float64Array(5), T: Float64Array.of(1, 2, NaN, 4, 5), unit: 'days' as const };
  expect(thrownCode(() => fitMbgNbd(bad))).toBe('INVALID_INPUT');
});

test.skipIf(!CDNOW_AVAILABLE)(`${CDNOW}: MBG/NBD fit (regression: r 0.5248, alpha 6.1831, a 0.8914, b 1.6140, LL -9582.14)`, () => {
  const cdnow = loadCdnow();
  const summary = summarizeCustomers(cdnow, {
    nCustomers: cdnow.nCustomers,
    calibrationEnd: CDNOW_CALIBRATION_END,
    observationEnd: CDNOW_OBSERVATION_END,
    unit: 'weeks',
  });
  const fit = fitMbgNbd(summary);
  expect(fit.convergence.converged).toBe(true);
  expect(fit.params.r).toBeCloseTo(0.5248, 3);
  expect(fit.params.alpha).toBeCloseTo(6.1831, 2);
  expect(fit.params.a).toBeCloseTo(0.8914, 3);
  expect(fit.params.b).toBeCloseTo(1.614, 2);
  expect(fit.logLikelihood).toBeCloseTo(-9582.14, 1);
  const oneTimeBuyers = summary.x.filter((x) => x === 0).length;
  expect(oneTimeBuyers).toBeGreaterThan(0);
  expect(mbgNbdProbabilityAlive(fit.params, 0, 0, summary.T[2])).toBeLessThan(1);
});
