import { expect, test } from 'vitest';
import { createRng } from '../random';
import { fitGammaGamma, fitSpendModel, gammaGammaConditionalExpectedSpend, gammaGammaLogLikelihood, gammaGammaNegLogLikelihood } from './gamma-gamma';
import { simulateMeanRepeatValues } from './simulate';
import { logGamma } from './special-functions';
import { summarizeCustomers } from './summarize';
import { CDNOW, CDNOW_AVAILABLE, CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END, loadCdnow, thrownCode } from '../testing/cdnow';
import type { GammaGammaParams } from './types';

const TRUTH: GammaGammaParams = { p: 6, q: 4, gamma: 15 };

function simulatedSpend(n: number, seed: number) {
  const rng = createRng(seed + 100);
  const x = Float64Array.from({ length: n }, () => 1 + rng.poisson(3));
  return { x, meanRepeatValue: simulateMeanRepeatValues(TRUTH, x, seed) };
}

test('with one repeat purchase the likelihood is the marginal density of one transaction value', () => {
  const { p, q, gamma } = TRUTH;
  const z = 12.5;
  const expected = logGamma(p + q) - logGamma(p) - logGamma(q) + q * Math.log(gamma) + (p - 1) * Math.log(z) - (p + q) * Math.log(gamma + z);
  expect(gammaGammaLogLikelihood(TRUTH, { x: Float64Array.of(1), meanRepeatValue: Float64Array.of(z) }).total).toBeCloseTo(expected, 12);
});

test('customers without repeat purchases are outside the likelihood', () => {
  const ll = gammaGammaLogLikelihood(TRUTH, { x: Float64Array.of(0, 2), meanRepeatValue: Float64Array.of(0, 20) });
  expect(ll.perCustomer[0]).toBeNaN();
  expect(ll.total).toBe(ll.perCustomer[1]);
});

test('expected spend shrinks the observed mean toward the population mean p gamma / (q - 1)', () => {
  const { p, q, gamma } = TRUTH;
  expect(gammaGammaConditionalExpectedSpend(TRUTH, 0, 0)).toBeCloseTo((p * gamma) / (q - 1), 12);
  expect(gammaGammaConditionalExpectedSpend(TRUTH, 3, 50)).toBeCloseTo((p * (gamma + 150)) / (3 * p + q - 1), 12);
  const population = (p * gamma) / (q - 1);
  const shrunk = gammaGammaConditionalExpectedSpend(TRUTH, 3, 50);
  expect(shrunk).toBeGreaterThan(population);
  expect(shrunk).toBeLessThan(50);
  expect(gammaGammaConditionalExpectedSpend({ p: 2, q: 0.9, gamma: 10 }, 0, 0)).toBeNaN();
});

test('fitting 5,000 simulated customers recovers p, q and gamma within 3 standard errors', () => {
  const data = simulatedSpend(5000, 2);
  const fit = fitGammaGamma(data);
  expect(fit.model).toBe('gamma-gamma');
  expect(fit.convergence.converged).toBe(true);
  expect(fit.excludedCustomers).toBe(0);
  for (const name of fit.paramNames) {
    expect(Math.abs(fit.params[name] - TRUTH[name])).toBeLessThan(3 * fit.standardErrors[name]);
  }
  expect(fit.populationMeanSpend).toBeCloseTo((fit.params.p * fit.params.gamma) / (fit.params.q - 1), 10);
  expect(fit.warnings).toEqual([]);
});

test('warns when frequency and mean value are strongly correlated', () => {
  const data = simulatedSpend(2000, 3);
  const correlated = { x: data.x, meanRepeatValue: data.meanRepeatValue.map((m, i) => m * data.x[i]) };
  const fit = fitGammaGamma(correlated);
  expect(fit.frequencyValueCorrelation).toBeGreaterThan(0.3);
  expect(fit.warnings.join(' ')).toMatch(/correlated/);
});

test('cannot be fitted when nobody bought twice: TOO_FEW_CUSTOMERS, or a skipped spend model', () => {
  const data = { x: new Float64Array(30), meanRepeatValue: new Float64Array(30) };
  expect(thrownCode(() => fitGammaGamma(data))).toBe('TOO_FEW_CUSTOMERS');
  const spend = fitSpendModel(data);
  expect(spend.status).toBe('skipped');
  expect(spend.status === 'skipped' && spend.reason).toMatch(/at least 4 customers/);
});

test.each([
  ['a NaN mean value', { x: Float64Array.of(1, 2), meanRepeatValue: Float64Array.of(NaN, 3) }, 'INVALID_INPUT'],
  ['a negative x', { x: Float64Array.of(-1, 2), meanRepeatValue: Float64Array.of(1, 3) }, 'INVALID_INPUT'],
  ['columns of different lengths', { x: Float64Array.of(1, 2), meanRepeatValue: Float64Array.of(1) }, 'INVALID_INPUT'],
])('rejects %s', (_label, data, code) => {
  expect(thrownCode(() => fitGammaGamma(data))).toBe(code);
  expect(thrownCode(() => fitSpendModel(data))).toBe(code);
});

test.skipIf(!CDNOW_AVAILABLE)(
  `${CDNOW}: Gamma-Gamma on the 946 repeat buyers gives p 6.25, q 3.74, gamma 15.44, LL -4055.92 (Fader & Hardie 2013)`,
  () => {
    const cdnow = loadCdnow();
    const summary = summarizeCustomers(cdnow, {
      nCustomers: cdnow.nCustomers,
      calibrationEnd: CDNOW_CALIBRATION_END,
      observationEnd: CDNOW_OBSERVATION_END,
      unit: 'weeks',
    });
    const fit = fitGammaGamma(summary);
    expect(fit.nCustomers).toBe(946);
    expect(fit.excludedCustomers).toBe(2357 - 946);
    expect(fit.params.p).toBeCloseTo(6.25, 2);
    expect(fit.params.q).toBeCloseTo(3.74, 2);
    expect(fit.params.gamma).toBeCloseTo(15.44, 1);
    expect(fit.logLikelihood).toBeCloseTo(-4055.92, 2);
    // lifetimes' documentation on the same data: correlation 0.11, customer 1 24.66, one-time buyers 35.17.
    expect(fit.frequencyValueCorrelation).toBeCloseTo(0.1139, 3);
    expect(gammaGammaConditionalExpectedSpend(fit.params, summary.x[0], summary.meanRepeatValue[0])).toBeCloseTo(24.6586, 1);
    expect(fit.populationMeanSpend).toBeCloseTo(35.171, 2);
  },
);

test('the fit objective is the per-customer likelihood summed, and its analytic gradient matches extrapolated central differences', () => {
  const data = simulatedSpend(3000, 5);
  const { negLogLikelihood, negLogLikelihoodWithGradient } = gammaGammaNegLogLikelihood(data.x, data.meanRepeatValue);
  const rng = createRng(17);
  const gradient = new Float64Array(3);
  for (let point = 0; point < 30; point++) {
    const theta = Float64Array.of(-3 + 6 * rng.next(), -2 + 5 * rng.next(), -1 + 8 * rng.next());
    const params = { p: Math.exp(theta[0]), q: Math.exp(theta[1]), gamma: Math.exp(theta[2]) };
    const reference = gammaGammaLogLikelihood(params, data).total;
    expect(negLogLikelihood(theta) / reference).toBeCloseTo(-1, 11);
    expect(negLogLikelihoodWithGradient(theta, gradient)).toBe(negLogLikelihood(theta));
    for (let i = 0; i < 3; i++) {
      // Central differences at h, h/2, h/4 extrapolated twice (error O(h^6)).
      const central = (h: number) => {
        const plus = Float64Array.from(theta);
        const minus = Float64Array.from(theta);
        plus[i] += h;
        minus[i] -= h;
        return (negLogLikelihood(plus) - negLogLikelihood(minus)) / (2 * h);
      };
      const [d1, d2, d3] = [central(4e-3), central(2e-3), central(1e-3)];
      const numeric = (16 * ((4 * d3 - d2) / 3) - (4 * d2 - d1) / 3) / 15;
      expect(Math.abs(gradient[i] - numeric) / Math.max(Math.abs(numeric), 1)).toBeLessThan(1e-6);
    }
  }
});
