import { expect, test } from 'vitest';
import { createRng } from '../random';
import { DROPOUT_NOT_IDENTIFIED } from './fit-repeat-purchase-model';
import { fitGammaGamma } from './gamma-gamma';
import { identifyParameters } from './maximum-likelihood';
import { fitPurchaseModel } from './purchase-model';
import { simulateParetoNbdPurchases, simulatePurchases } from './simulate';
import { summarizeCustomers } from './summarize';
import { CDNOW, CDNOW_AVAILABLE, CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END, loadCdnow } from '../testing/cdnow';
import type { PurchaseModel } from './types';

test('95 % intervals are exp(ln p -/+ 1.96 se) and flag wide intervals, SEs above the estimate and missing SEs', () => {
  const seLog = [0.1, 1.2, 0.9, 1.05, NaN, -1];
  const logCovariance = seLog.map((s, i) => seLog.map((_, j) => (i === j ? (s < 0 ? s : s * s) : 0)));
  const result = identifyParameters(['a', 'b', 'c', 'd', 'e', 'f'], [2, 3, 4, 5, 6, 7], logCovariance);
  expect(result[0]).toEqual({ param: 'a', estimate: 2, lower: 2 * Math.exp(-0.1959963984540054), upper: 2 * Math.exp(0.1959963984540054), identified: true });
  // se 1.2: upper / lower = e^(2 * 1.96 * 1.2) = 110 > 100.
  expect(result[1].upper / result[1].lower).toBeCloseTo(110.5, 0);
  expect(result[1].identified).toBe(false);
  // se 0.9: ratio 34, SE 3.6 below the estimate 4.
  expect(result[2].identified).toBe(true);
  // se 1.05: ratio 61 is fine, but the SE 5.25 exceeds the estimate 5.
  expect(result[3].upper / result[3].lower).toBeLessThan(100);
  expect(result[3].identified).toBe(false);
  // No usable variance: NaN bounds, not identified.
  expect(result[4]).toMatchObject({ lower: NaN, upper: NaN, identified: false });
  expect(result[5].identified).toBe(false);
  expect(identifyParameters(['a'], [2], null)).toEqual([{ param: 'a', estimate: 2, lower: NaN, upper: NaN, identified: false }]);
});

test('a parameter run off beyond e^15 or under e^-15, or any parameter of a fit that did not converge, is not identified', () => {
  const tight = [
    [0.01, 0],
    [0, 0.01],
  ];
  expect(identifyParameters(['r', 'alpha'], [Math.exp(15.5), Math.exp(-15.5)], tight).map((p) => p.identified)).toEqual([false, false]);
  expect(identifyParameters(['r', 'alpha'], [Math.exp(14.5), Math.exp(-14.5)], tight).map((p) => p.identified)).toEqual([true, true]);
  const notConverged = identifyParameters(['r', 'alpha'], [2, 3], tight, false);
  expect(notConverged.map((p) => p.identified)).toEqual([false, false]);
  expect(notConverged[0].lower).toBeCloseTo(2 * Math.exp(-0.1959963984540054), 14);
});

const rng = createRng(11);
const T = Float64Array.from({ length: 2000 }, () => 20 + 20 * rng.next());

test.each<[string, PurchaseModel, readonly string[]]>([
  ['BG/NBD', 'bgnbd', ['a', 'b']],
  ['MBG/NBD', 'mbgnbd', ['a', 'b']],
  ['Pareto/NBD', 'pnbd', ['s', 'beta']],
])('%s on customers who never drop out (simulated, mean dropout probability 1e-4): dropout flagged, warning in words', (_label, model, dropout) => {
  const sim = simulatePurchases({ r: 0.5, alpha: 5, a: 0.05, b: 500 }, { nCustomers: 2000, T, seed: 1 });
  const fit = fitPurchaseModel(model, { ...sim, unit: 'weeks' });
  expect(fit.notIdentified).toEqual(expect.arrayContaining([...dropout]));
  expect(fit.identification.filter((p) => dropout.includes(p.param)).every((p) => !p.identified)).toBe(true);
  expect(fit.warnings).toContain(DROPOUT_NOT_IDENTIFIED);
  expect(DROPOUT_NOT_IDENTIFIED).toBe('This data cannot tell when customers stop buying: P(alive) near 100 % means no evidence of churn, not a promise to buy.');
});

test('Pareto/NBD with a dropout rate near 0 (s 0.5, beta 1e5): the purchase rate stays identified, s and beta do not', () => {
  const sim = simulateParetoNbdPurchases({ r: 0.5, alpha: 5, s: 0.5, beta: 1e5 }, { nCustomers: 2000, T, seed: 1 });
  const fit = fitPurchaseModel('pnbd', { ...sim, unit: 'weeks' });
  expect(fit.notIdentified).toEqual(['s', 'beta']);
  const [r, alpha] = fit.identification;
  expect(r.lower).toBeLessThan(0.5);
  expect(r.upper).toBeGreaterThan(0.5);
  expect(alpha.lower).toBeLessThan(5);
  expect(alpha.upper).toBeGreaterThan(5);
  expect(fit.warnings).toEqual([DROPOUT_NOT_IDENTIFIED]);
});

test.skipIf(!CDNOW_AVAILABLE)(`${CDNOW}: every parameter of BG/NBD, MBG/NBD, Pareto/NBD and Gamma-Gamma is identified, no purchase fit is degenerate`, () => {
  const cdnow = loadCdnow();
  const summary = summarizeCustomers(cdnow, {
    nCustomers: cdnow.nCustomers,
    calibrationEnd: CDNOW_CALIBRATION_END,
    observationEnd: CDNOW_OBSERVATION_END,
    unit: 'weeks',
  });
  for (const model of ['bgnbd', 'mbgnbd', 'pnbd'] as const) {
    const fit = fitPurchaseModel(model, summary);
    expect(fit.notIdentified).toEqual([]);
    expect(fit.warnings).toEqual([]);
    expect(fit.degenerate).toBeNull();
  }
  const bg = fitPurchaseModel('bgnbd', summary);
  // a 0.7929, SE 0.1857: exp(ln 0.7929 -/+ 1.96 x 0.1857 / 0.7929) = 0.501 .. 1.255.
  expect(bg.identification[2].lower).toBeCloseTo(0.501, 3);
  expect(bg.identification[2].upper).toBeCloseTo(1.255, 3);
  const pnbd = fitPurchaseModel('pnbd', summary);
  // beta is the loosest: 11.67 with 4.1 .. 33.1, a ratio of 8.
  expect(pnbd.identification[3].lower).toBeCloseTo(4.11, 1);
  expect(pnbd.identification[3].upper).toBeCloseTo(33.1, 0);
  expect(fitGammaGamma(summary).notIdentified).toEqual([]);
});
