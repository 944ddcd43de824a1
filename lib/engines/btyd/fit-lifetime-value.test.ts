import { expect, test } from 'vitest';
import { DEFAULT_LIFETIME_VALUE_OPTIONS, fitLifetimeValue } from './fit-lifetime-value';
import { summarizeCustomers } from './summarize';
import { CDNOW, CDNOW_AVAILABLE, CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END, loadCdnow, thrownCode } from '../testing/cdnow';
import type { PurchaseColumns, PurchaseModel } from './types';

// 30 customers: customer i buys on day 10 + i; every third also buys 5 and 12 days later.
function smallLog(repeatBuyers: boolean): PurchaseColumns {
  const customer: number[] = [];
  const day: number[] = [];
  const value: number[] = [];
  for (let i = 0; i < 30; i++) {
    customer.push(i);
    day.push(10 + i);
    value.push(20 + i);
    if (repeatBuyers && i % 3 === 0) {
      customer.push(i, i);
      day.push(15 + i, 22 + i);
      value.push(25 + i, 15 + 2 * i);
    }
  }
  return { customer: Int32Array.from(customer), day: Float64Array.from(day), value: Float64Array.from(value) };
}
const period = { nCustomers: 30, observationEnd: 80, unit: 'days' as const };

test('defaults: BG/NBD, 6 months of 30 days, 1 % a month, 200 draws for a 90 % interval', () => {
  expect(DEFAULT_LIFETIME_VALUE_OPTIONS).toMatchObject({
    model: 'bgnbd',
    horizonMonths: 6,
    discountRate: 0.01,
    monthLengthDays: 30,
    intervalDraws: 200,
    intervalLevel: 0.9,
    penalizer: 0,
    starts: 4,
  });
});

test('fits both models from purchase columns and returns aligned per-customer predictions', () => {
  const result = fitLifetimeValue({ purchases: smallLog(true), period }, { intervalDraws: 50 });
  expect(result.model).toBe('bgnbd');
  expect(result.unit).toBe('days');
  expect(result.purchaseFit.model).toBe('bgnbd');
  expect(result.spend.status).toBe('fitted');
  expect(result.customer).toHaveLength(30);
  for (const column of [result.pAlive, result.expectedPurchases, result.expectedSpend, result.clv, result.x, result.T]) {
    expect(column).toHaveLength(30);
    expect(column.every(Number.isFinite)).toBe(true);
  }
  expect(result.horizonMonths).toBe(6);
  expect(result.discountRate).toBe(0.01);
});

test('a summary input gives the same result as the purchase columns it came from', () => {
  const fromPurchases = fitLifetimeValue({ purchases: smallLog(true), period }, { intervalDraws: 0 });
  const fromSummary = fitLifetimeValue({ summary: summarizeCustomers(smallLog(true), period) }, { intervalDraws: 0 });
  expect(Array.from(fromSummary.clv)).toEqual(Array.from(fromPurchases.clv));
  expect(fromSummary.purchaseFit.params).toEqual(fromPurchases.purchaseFit.params);
});

test.each<PurchaseModel>(['bgnbd', 'mbgnbd', 'pnbd'])('model %s is fitted when asked for', (model) => {
  const result = fitLifetimeValue({ purchases: smallLog(true), period }, { model, intervalDraws: 0 });
  expect(result.model).toBe(model);
  expect(result.purchaseFit.model).toBe(model);
});

test('a purchase fit passed in is used as it is, and one of another model or customer set is refused', () => {
  const summary = summarizeCustomers(smallLog(true), period);
  const fresh = fitLifetimeValue({ summary }, { model: 'mbgnbd', seed: 3, intervalDraws: 20 });
  const reused = fitLifetimeValue({ summary }, { model: 'mbgnbd', seed: 3, intervalDraws: 20 }, fresh.purchaseFit);
  expect(reused.purchaseFit).toBe(fresh.purchaseFit);
  expect(Array.from(reused.clv)).toEqual(Array.from(fresh.clv));
  expect(thrownCode(() => fitLifetimeValue({ summary }, { model: 'bgnbd' }, fresh.purchaseFit))).toBe('INVALID_INPUT');
  const fewer = summarizeCustomers(smallLog(true), { ...period, nCustomers: 30, observationEnd: 20 });
  expect(thrownCode(() => fitLifetimeValue({ summary: fewer }, { model: 'mbgnbd' }, fresh.purchaseFit))).toBe('INVALID_INPUT');
});

test('when nobody bought twice, the spend model is skipped with a reason and the pipeline still returns', () => {
  const result = fitLifetimeValue({ purchases: smallLog(false), period }, { intervalDraws: 20 });
  expect(result.spend.status).toBe('skipped');
  expect(result.spendSource).toBe('observed-mean');
  expect(result.warnings.join(' ')).toMatch(/Spend model skipped/);
  expect(result.warnings.join(' ')).toMatch(/No customer made a repeat purchase/);
  expect(result.expectedSpend[4]).toBe(24);
  expect(result.clv.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
});

test.each([
  ['one customer', { customer: Int32Array.of(0, 0), day: Float64Array.of(1, 5), value: Float64Array.of(3, 4) }, 1, 'TOO_FEW_CUSTOMERS'],
  ['a NaN value', { ...smallLog(true), value: smallLog(true).value.map((v, i) => (i === 3 ? NaN : v)) }, 30, 'INVALID_INPUT'],
])('throws a clear EngineError for %s', (_label, purchases, nCustomers, code) => {
  expect(thrownCode(() => fitLifetimeValue({ purchases, period: { ...period, nCustomers } }))).toBe(code);
});

test('rejects an unknown model and bad CLV options', () => {
  expect(thrownCode(() => fitLifetimeValue({ purchases: smallLog(true), period }, { model: 'pareto' as PurchaseModel }))).toBe('INVALID_OPTION');
  expect(thrownCode(() => fitLifetimeValue({ purchases: smallLog(true), period }, { horizonMonths: -1 }))).toBe('INVALID_OPTION');
});

test.skipIf(!CDNOW_AVAILABLE)(`${CDNOW}: end to end on the calibration period`, () => {
  const cdnow = loadCdnow();
  const result = fitLifetimeValue(
    { purchases: cdnow, period: { nCustomers: cdnow.nCustomers, observationEnd: CDNOW_CALIBRATION_END, unit: 'weeks' } },
    { seed: 5 },
  );
  expect(result.purchaseFit.params.alpha).toBeCloseTo(4.4136, 3);
  expect(result.spend.status === 'fitted' && result.spend.fit.params.p).toBeCloseTo(6.25, 2);
  expect(result.interval).toMatchObject({ method: 'parametric-log-normal', draws: 200, level: 0.9, seed: 5 });
  expect(result.warnings).toEqual([]);
  expect(result.pAlive[0]).toBeCloseTo(1 / (1 + (0.7929 / 3.4259) * Math.pow((4.4136 + 38.857) / (4.4136 + 30.429), 2.2426)), 3);
  let total = 0;
  for (let i = 0; i < result.clv.length; i++) {
    expect(result.clvLower[i]).toBeLessThanOrEqual(result.clvUpper[i]);
    total += result.clv[i];
  }
  expect(total).toBeGreaterThan(0);
});

test.skipIf(!CDNOW_AVAILABLE)(
  `${CDNOW}: fitting on purchases up to a last day D = summarising with observationEnd D + 1; D = 1997-09-30 gives the published fits`,
  () => {
    const cdnow = loadCdnow();
    // Day numbers (days since 1970-01-01): 1997-01-01 is 9862, the last fit day 1997-09-30 is 10134,
    // so observationEnd = 10135 (1997-10-01, exclusive), the same boundary as the 39-week calibrationEnd.
    expect(CDNOW_CALIBRATION_END).toBe(10135);
    const lastFitDay = 10134;
    const fitSummary = summarizeCustomers(cdnow, { nCustomers: cdnow.nCustomers, observationEnd: lastFitDay + 1, unit: 'weeks' });
    const calibration = summarizeCustomers(cdnow, {
      nCustomers: cdnow.nCustomers,
      calibrationEnd: CDNOW_CALIBRATION_END,
      observationEnd: CDNOW_OBSERVATION_END,
      unit: 'weeks',
    });
    for (const column of ['customer', 'x', 'tx', 'T', 'meanRepeatValue'] as const) {
      expect(Array.from(fitSummary[column])).toEqual(Array.from(calibration[column]));
    }
    // 6,919 purchase lines, 4,960 of them before 1997-10-01.
    expect(fitSummary.ignoredPurchases).toBe(6919 - 4960);
    const result = fitLifetimeValue({ summary: fitSummary }, { intervalDraws: 0 });
    const { params, logLikelihood } = result.purchaseFit;
    expect(params).toMatchObject({ r: expect.closeTo(0.2426, 4), alpha: expect.closeTo(4.4136, 3), a: expect.closeTo(0.7929, 3), b: expect.closeTo(2.4259, 3) });
    expect(logLikelihood).toBeCloseTo(-9582.43, 2);
    if (result.spend.status !== 'fitted') throw new Error(result.spend.reason);
    expect(result.spend.fit.params.p).toBeCloseTo(6.25, 2);
    expect(result.spend.fit.params.q).toBeCloseTo(3.74, 2);
    expect(result.spend.fit.params.gamma).toBeCloseTo(15.44, 1);
    // observationEnd 10134 would end the fit on 1997-09-29: the 13 purchase lines of 1997-09-30 drop out.
    const dayEarly = summarizeCustomers(cdnow, { nCustomers: cdnow.nCustomers, observationEnd: lastFitDay, unit: 'weeks' });
    expect(dayEarly.ignoredPurchases - fitSummary.ignoredPurchases).toBe(13);
    expect(fitLifetimeValue({ summary: dayEarly }, { intervalDraws: 0 }).purchaseFit.logLikelihood).not.toBeCloseTo(-9582.43, 0);
  },
);
