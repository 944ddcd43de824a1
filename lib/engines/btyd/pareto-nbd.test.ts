import { expect, test } from 'vitest';
import { createRng } from '../random';
import {
  fitParetoNbd,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
  paretoNbdProbabilityAliveEvaluator,
} from './pareto-nbd';
import { fitPurchaseModel, predictConditionalPurchases, predictProbabilityAlive } from './purchase-model';
import { simulateParetoNbdPurchases } from './simulate';
import { logGamma } from './special-functions';
import { summarizeCustomers } from './summarize';
import { CDNOW, CDNOW_AVAILABLE, CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END, loadCdnow, thrownCode } from '../testing/cdnow';
import type { ParetoNbdParams } from './types';

// Rounded CDNOW estimates (alpha < beta) and the same with alpha and beta swapped (alpha > beta),
// so both branches of the likelihood are exercised.
const CDNOW_PARAMS: ParetoNbdParams = { r: 0.5533, alpha: 10.578, s: 0.6062, beta: 11.668 };
const SWAPPED: ParetoNbdParams = { r: 0.5533, alpha: 11.668, s: 0.6062, beta: 10.578 };
const TRUTH: ParetoNbdParams = { r: 0.6, alpha: 8, s: 0.8, beta: 12 };
const one = (x: number, tx: number, T: number) => ({ x: Float64Array.of(x), tx: Float64Array.of(tx), T: Float64Array.of(T) });

test('with alpha = beta the likelihood has a closed form: x 0 gives q + s/(r+s) (1 - q), q = (alpha/(alpha+T))^(r+s)', () => {
  const p = { r: 0.5, alpha: 4, s: 0.8, beta: 4 };
  const q = Math.pow(4 / 34, 1.3);
  expect(paretoNbdLogLikelihood(p, one(0, 0, 30)).total).toBeCloseTo(Math.log(q + (0.8 / 1.3) * (1 - q)), 13);
});

test('with alpha = beta and a repeat purchase the likelihood integrates the dropout time in closed form', () => {
  const { r, alpha, s } = { r: 0.5, alpha: 4, s: 0.8 };
  const [x, tx, T] = [3, 10, 30];
  const k = r + s + x;
  const expected =
    logGamma(r + x) - logGamma(r) + (r + s) * Math.log(alpha) + Math.log(Math.pow(alpha + T, -k) + (s / k) * (Math.pow(alpha + tx, -k) - Math.pow(alpha + T, -k)));
  expect(paretoNbdLogLikelihood({ r, alpha, s, beta: alpha }, one(x, tx, T)).total).toBeCloseTo(expected, 12);
  // Both hypergeometric branches tend to the same value as alpha and beta meet.
  const below = paretoNbdLogLikelihood({ r, alpha: alpha - 1e-9, s, beta: alpha }, one(x, tx, T)).total;
  const above = paretoNbdLogLikelihood({ r, alpha: alpha + 1e-9, s, beta: alpha }, one(x, tx, T)).total;
  expect(below).toBeCloseTo(expected, 8);
  expect(above).toBeCloseTo(expected, 8);
});

// Hand checks against lifetimes 0.11.3 (ParetoNBDFitter with params_ set to these values:
// conditional_probability_alive and conditional_expected_number_of_purchases_up_to_time(39, ...)),
// which agree with a 40-digit mpmath quadrature of the dropout integral to 1e-14. For x = 150
// lifetimes drifts in the tenth digit; those two rows are the mpmath values.
test.each([
  ['alpha < beta', CDNOW_PARAMS, 0, 0, 38.86, 0.29510255987623835, 0.10706611096541888],
  ['alpha < beta', CDNOW_PARAMS, 2, 30.43, 38.86, 0.8691216168638758, 1.4551265935823534],
  ['alpha < beta', CDNOW_PARAMS, 7, 20, 39, 0.21644184367549726, 1.0694184693362208],
  ['alpha < beta', CDNOW_PARAMS, 1, 1, 39, 0.14974891541283755, 0.15215588319392595],
  ['alpha < beta', CDNOW_PARAMS, 150, 38, 39, 0.9247073452828226, 91.06768740322131],
  ['alpha > beta', SWAPPED, 0, 0, 38.86, 0.2820808475848629, 0.09980577492892694],
  ['alpha > beta', SWAPPED, 2, 30.43, 38.86, 0.8668789039652544, 1.4154081122565079],
  ['alpha > beta', SWAPPED, 7, 20, 39, 0.22260100740138786, 1.0726786178233116],
  ['alpha > beta', SWAPPED, 150, 38, 39, 0.9264804047892744, 88.98817121277521],
])('%s, x = %s, tx = %s, T = %s: P(alive) and 39-unit expected purchases match lifetimes', (_label, params, x, tx, T, alive, expected) => {
  expect(paretoNbdProbabilityAlive(params, x, tx, T)).toBeCloseTo(alive, 12);
  expect(paretoNbdConditionalExpectedPurchases(params, 39, x, tx, T) / expected).toBeCloseTo(1, 12);
});

test('large x and a dropout integral dominated by its lower end: P(alive) 2.6574977015690e-83 (mpmath, 40 digits)', () => {
  expect(paretoNbdProbabilityAlive(CDNOW_PARAMS, 150, 3, 39) / 2.657497701569064e-83).toBeCloseTo(1, 10);
  // x = 500 (mpmath: P(alive) 0.841019024069586, LL 654.7344756645335).
  expect(paretoNbdProbabilityAlive(CDNOW_PARAMS, 500, 38.5, 39)).toBeCloseTo(0.841019024069586, 12);
  expect(paretoNbdLogLikelihood(CDNOW_PARAMS, one(500, 38.5, 39)).total).toBeCloseTo(654.7344756645335, 9);
});

test('extreme alpha/beta ratios (hypergeometric argument within 1e-4 of 1) match mpmath', () => {
  // (r, alpha, s, beta) = (0.8, 0.05, 0.7, 500) and (0.8, 500, 0.7, 0.01); mpmath quadrature, 40 digits.
  const fastBuyers = { r: 0.8, alpha: 0.05, s: 0.7, beta: 500 };
  const fastLeavers = { r: 0.8, alpha: 500, s: 0.7, beta: 0.01 };
  expect(paretoNbdProbabilityAlive(fastBuyers, 3, 2, 30)).toBeCloseTo(0.03390378647941123, 13);
  expect(paretoNbdLogLikelihood(fastBuyers, one(0, 0, 30)).total).toBeCloseTo(-5.015889549367997, 12);
  expect(paretoNbdProbabilityAlive(fastLeavers, 4, 10, 30)).toBeCloseTo(0.4337726779964221, 13);
  expect(paretoNbdLogLikelihood(fastLeavers, one(4, 10, 30)).total).toBeCloseTo(-27.17831548146813, 11);
});

test('the batch P(alive) evaluator equals one call per customer, also where the hypergeometric argument is near 1', () => {
  const sim = simulateParetoNbdPurchases(TRUTH, { nCustomers: 400, T: Float64Array.from({ length: 400 }, (_, i) => 5 + (i % 40)), seed: 4 });
  const alive = paretoNbdProbabilityAliveEvaluator(sim);
  const out = new Float64Array(400);
  for (const params of [TRUTH, CDNOW_PARAMS, SWAPPED, { r: 0.8, alpha: 0.05, s: 0.7, beta: 500 }, { r: 0.8, alpha: 500, s: 0.7, beta: 0.01 }, { r: 0.8, alpha: 60, s: 3e-6, beta: 4e6 }]) {
    alive(params, out);
    for (let i = 0; i < 400; i++) expect(out[i]).toBeCloseTo(paretoNbdProbabilityAlive(params, sim.x[i], sim.tx[i], sim.T[i]), 12);
  }
});

test('P(alive) is 1 for a purchase at T, below 1 for one-time buyers, and falls with the time since the last purchase', () => {
  expect(paretoNbdProbabilityAlive(CDNOW_PARAMS, 3, 20, 20)).toBe(1);
  expect(paretoNbdProbabilityAlive(CDNOW_PARAMS, 0, 0, 10)).toBeLessThan(1);
  expect(paretoNbdProbabilityAlive(CDNOW_PARAMS, 3, 10, 20)).toBeLessThan(paretoNbdProbabilityAlive(CDNOW_PARAMS, 3, 15, 20));
  const vector = predictProbabilityAlive({ model: 'pnbd', params: CDNOW_PARAMS }, { x: Float64Array.of(0, 2), tx: Float64Array.of(0, 30.43), T: Float64Array.of(38.86, 38.86) });
  expect(vector[1]).toBeCloseTo(0.8691216168638758, 12);
});

test('expected purchases are continuous through s = 1, where (1 - ((beta+T)/(beta+T+t))^(s-1)) / (s-1) becomes a log', () => {
  const at = (s: number) => paretoNbdConditionalExpectedPurchases({ ...CDNOW_PARAMS, s }, 39, 2, 30, 39);
  expect(at(1)).toBeCloseTo((at(1 - 1e-7) + at(1 + 1e-7)) / 2, 10);
  const ifAlive = ((0.5533 + 2) / (10.578 + 39)) * (11.668 + 39) * Math.log((11.668 + 78) / (11.668 + 39));
  expect(at(1) / paretoNbdProbabilityAlive({ ...CDNOW_PARAMS, s: 1 }, 2, 30, 39)).toBeCloseTo(ifAlive, 12);
});

test('E[X(t)] = r beta / (alpha (s - 1)) [1 - (beta / (beta + t))^(s - 1)]: lifetimes gives 1.2134334017686976 at t = 39', () => {
  expect(paretoNbdExpectedPurchases(CDNOW_PARAMS, 39)).toBeCloseTo(1.2134334017686976, 12);
  expect(paretoNbdExpectedPurchases(SWAPPED, 39)).toBeCloseTo(1.0666090229385257, 12);
  expect(paretoNbdExpectedPurchases(CDNOW_PARAMS, 0)).toBe(0);
  expect(thrownCode(() => paretoNbdExpectedPurchases(CDNOW_PARAMS, -1))).toBe('INVALID_INPUT');
});

test('E[X(t)] matches the mean of 200,000 simulated customers within 3 standard errors', () => {
  const sim = simulateParetoNbdPurchases(TRUTH, { nCustomers: 200_000, T: 30, seed: 5 });
  const n = sim.x.length;
  const mean = sim.x.reduce((s, v) => s + v, 0) / n;
  const variance = sim.x.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  expect(Math.abs(mean - paretoNbdExpectedPurchases(TRUTH, 30))).toBeLessThan(3 * Math.sqrt(variance / n));
});

test('fitting 5,000 simulated customers recovers the parameters within 3 standard errors', () => {
  const rng = createRng(11);
  const T = Float64Array.from({ length: 5000 }, () => 20 + 30 * rng.next());
  const sim = simulateParetoNbdPurchases(TRUTH, { nCustomers: 5000, T, seed: 1 });
  const fit = fitParetoNbd({ ...sim, unit: 'weeks' }, { seed: 3 });
  expect(fit.model).toBe('pnbd');
  expect(fit.unit).toBe('weeks');
  expect(fit.paramNames).toEqual(['r', 'alpha', 's', 'beta']);
  expect(fit.convergence.converged).toBe(true);
  for (const name of fit.paramNames) {
    expect(Math.abs(fit.params[name] - TRUTH[name])).toBeLessThan(3 * fit.standardErrors[name]);
  }
  expect(fit.logLikelihood).toBeCloseTo(paretoNbdLogLikelihood(fit.params, sim).total, 6);
});

test('with the true parameters, predicted holdout purchases of simulated customers add up to the simulated ones', () => {
  const sim = simulateParetoNbdPurchases(TRUTH, { nCustomers: 20_000, T: 30, seed: 8, holdoutLength: 30 });
  const predicted = predictConditionalPurchases({ model: 'pnbd', params: TRUTH }, sim, 30).reduce((s, v) => s + v, 0);
  const actual = sim.holdoutPurchases.reduce((s, v) => s + v, 0);
  expect(Math.abs(predicted - actual) / actual).toBeLessThan(0.03);
});

test('fitPurchaseModel dispatches pnbd; bad input and parameters are refused', () => {
  const sim = simulateParetoNbdPurchases(TRUTH, { nCustomers: 300, T: 30, seed: 2 });
  expect(fitPurchaseModel('pnbd', { ...sim, unit: 'days' }, { seed: 9 }).params).toEqual(fitParetoNbd({ ...sim, unit: 'days' }, { seed: 9 }).params);
  expect(thrownCode(() => fitParetoNbd({ ...one(1, 1, 5), unit: 'days' }))).toBe('TOO_FEW_CUSTOMERS');
  expect(thrownCode(() => paretoNbdLogLikelihood({ ...TRUTH, s: 0 }, one(1, 1, 5)))).toBe('INVALID_INPUT');
  expect(thrownCode(() => predictProbabilityAlive({ model: 'pnbd', params: { ...TRUTH, beta: NaN } }, one(1, 1, 5)))).toBe('INVALID_INPUT');
  expect(thrownCode(() => simulateParetoNbdPurchases(TRUTH, { nCustomers: 0, T: 30, seed: 1 }))).toBe('INVALID_OPTION');
});

test.skipIf(!CDNOW_AVAILABLE)(`${CDNOW}: Pareto/NBD gives r 0.553, alpha 10.58, s 0.606, beta 11.67, LL -9594.98 (lifetimes: 0.5533, 10.578, 0.6062, 11.668)`, () => {
  const cdnow = loadCdnow();
  const summary = summarizeCustomers(cdnow, {
    nCustomers: cdnow.nCustomers,
    calibrationEnd: CDNOW_CALIBRATION_END,
    observationEnd: CDNOW_OBSERVATION_END,
    unit: 'weeks',
  });
  const fit = fitParetoNbd(summary);
  expect(fit.convergence.converged).toBe(true);
  expect(Number(fit.params.r.toPrecision(3))).toBe(0.553);
  expect(Number(fit.params.alpha.toPrecision(3))).toBe(10.6);
  expect(Number(fit.params.s.toPrecision(3))).toBe(0.606);
  expect(Number(fit.params.beta.toPrecision(3))).toBe(11.7);
  expect(fit.params.alpha).toBeCloseTo(10.578, 2);
  expect(fit.params.beta).toBeCloseTo(11.668, 2);
  expect(fit.logLikelihood).toBeCloseTo(-9594.98, 2);
  // lifetimes' optimum (Nelder-Mead, tol 1e-10) has LL -9594.976178939542 on the same summary.
  expect(fit.logLikelihood).toBeCloseTo(-9594.976178939542, 6);
  // Standard errors from a central-difference Hessian of lifetimes' log-likelihood at its optimum.
  expect(fit.standardErrors.r / 0.0476277).toBeCloseTo(1, 2);
  expect(fit.standardErrors.alpha / 0.842721).toBeCloseTo(1, 2);
  expect(fit.standardErrors.s / 0.187279).toBeCloseTo(1, 2);
  expect(fit.standardErrors.beta / 6.21103).toBeCloseTo(1, 2);
});

test.each([
  ['alpha < beta (CDNOW)', CDNOW_PARAMS],
  ['alpha > beta', SWAPPED],
  ['dropout run off (s near 0, beta huge)', { r: 0.72, alpha: 9.5, s: 1.2e-7, beta: 5.7e7 }],
])('P(alive) and conditional purchases for all customers at once equal the per-customer formulas (%s)', (_name, params) => {
  const rng = createRng(23);
  const T = Float64Array.from({ length: 600 }, () => Math.round(rng.next() * 52 * 7) / 7);
  const data = simulateParetoNbdPurchases(TRUTH, { nCustomers: 600, T, seed: 5 });
  const edges = { x: Float64Array.of(0, 0, 1, 150, 7), tx: Float64Array.of(0, 0, 20, 52, 1e-3), T: Float64Array.of(0, 52, 20, 52.5, 52) };
  for (const rows of [data, edges]) {
    const alive = predictProbabilityAlive({ model: 'pnbd', params }, rows);
    const purchases = predictConditionalPurchases({ model: 'pnbd', params }, rows, 26);
    for (let i = 0; i < rows.x.length; i++) {
      const one = paretoNbdProbabilityAlive(params, rows.x[i], rows.tx[i], rows.T[i]);
      expect(Math.abs(alive[i] - one)).toBeLessThanOrEqual(1e-13 * one);
      const expected = paretoNbdConditionalExpectedPurchases(params, 26, rows.x[i], rows.tx[i], rows.T[i]);
      expect(Math.abs(purchases[i] - expected)).toBeLessThanOrEqual(1e-13 * expected);
    }
  }
});
