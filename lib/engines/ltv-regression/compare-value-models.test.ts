import { beforeAll, expect, test } from 'vitest';
import { evaluateHoldout } from '../btyd/holdout';
import type { HoldoutResult, PurchaseColumns } from '../btyd/types';
import { createRng } from '../random';
import { thrownCode } from '../testing/cdnow';
import { compareValueModels, type CompareValueModelsResult, type HoldoutForecasts } from './compare-value-models';
import { scoreValueForecast } from './value-metrics';

const N = 1200;
const CALIBRATION_END = 540;
const OBSERVATION_END = 720;

/**
 * A shop whose truth is known: each customer starts in the first year, buys at their own rate
 * (Gamma across customers) until an exponential lifetime ends, and spends around their own mean.
 */
function simulateLog(seed: number): PurchaseColumns {
  const rng = createRng(seed);
  const customer: number[] = [];
  const day: number[] = [];
  const value: number[] = [];
  for (let c = 0; c < N; c++) {
    const start = rng.next() * 360;
    const rate = rng.gamma(1.2, 1 / 60);
    const end = Math.min(OBSERVATION_END, start + rng.gamma(1, 400));
    const meanSpend = rng.gamma(3, 20);
    let t = start;
    customer.push(c);
    day.push(t);
    value.push(meanSpend * rng.gamma(4, 0.25));
    for (;;) {
      t += -Math.log(1 - rng.next()) / rate;
      if (t >= end) break;
      customer.push(c);
      day.push(t);
      value.push(meanSpend * rng.gamma(4, 0.25));
    }
  }
  return { customer: Int32Array.from(customer), day: Float64Array.from(day), value: Float64Array.from(value) };
}

function forecastsOf(holdout: HoldoutResult): HoldoutForecasts {
  return {
    nCustomers: N,
    unit: holdout.unit,
    calibrationEnd: holdout.calibrationEnd,
    observationEnd: holdout.observationEnd,
    customer: holdout.customer,
    predictedSpend: holdout.predictedSpend,
    modelLabel: 'BG/NBD',
    naiveSpend: holdout.naiveSpend,
  };
}

let purchases: PurchaseColumns;
let holdout: HoldoutResult;
let base: CompareValueModelsResult;
beforeAll(() => {
  purchases = simulateLog(7);
  holdout = evaluateHoldout(purchases, { nCustomers: N, calibrationEnd: CALIBRATION_END, observationEnd: OBSERVATION_END, unit: 'weeks' }, { seed: 1 });
  base = compareValueModels(purchases, forecastsOf(holdout), { seed: 3 });
});

test('the regressors train one holdout length before the calibration end and are scored on the holdout customers', () => {
  const result = base;
  expect(result.holdoutDays).toBe(180);
  expect(result.trainingEnd).toBe(360);
  expect(result.calibrationEnd).toBe(CALIBRATION_END);
  expect(result.customers).toBe(holdout.nCustomers);
  // The actual holdout spend, summed straight from the log for the customers who bought before the calibration end.
  const first = new Float64Array(N).fill(Infinity);
  for (let i = 0; i < purchases.day.length; i++) first[purchases.customer[i]] = Math.min(first[purchases.customer[i]], Math.floor(purchases.day[i]));
  let actual = 0;
  for (let i = 0; i < purchases.day.length; i++) {
    const d = Math.floor(purchases.day[i]);
    if (d >= CALIBRATION_END && d < OBSERVATION_END && first[purchases.customer[i]] < CALIBRATION_END) actual += purchases.value[i];
  }
  expect(result.actualTotal).toBeCloseTo(actual, 6);
  expect(result.trainingRows).toBe(Math.min(800, result.trainingCustomers));
  expect(result.trainingNote).toMatch(/^Regressors trained on 800 of [\d,]+ customers \(seed 3\): features from purchases before 1970-12-27/);
  expect(result.models.map((m) => m.model)).toEqual(['random-forest', 'linear', 'btyd', 'naive']);
  expect(result.models[2].label).toBe('BG/NBD + Gamma-Gamma');
});

test('the purchase model and the naive baseline score exactly as in the holdout section', () => {
  const result = base;
  const [, , btyd, naive] = result.models;
  expect(naive.mae).toBe(holdout.naive.spend.mae);
  expect(naive.rmse).toBe(holdout.naive.spend.rmse);
  expect(naive.bias).toBe(holdout.naive.spend.bias);
  expect(naive.totalPredicted).toBeCloseTo(holdout.naive.totalSpend, 6);
  expect(btyd.mae).toBe(holdout.model.spend.mae);
  expect(btyd.rmse).toBe(holdout.model.spend.rmse);
  expect(btyd.bias).toBe(holdout.model.spend.bias);
});

test('on the simulated shop (a purchase-and-dropout process) the ranking and the metrics are stable for seed 3', () => {
  const result = base;
  const by = Object.fromEntries(result.models.map((m) => [m.model, m]));
  // The data follow the purchase model's own story, so it explains the most; the naive baseline
  // carries every past rate forward, lapsed customers' too, so it overshoots and does worse than the mean.
  expect([...result.models].sort((a, b) => b.r2! - a.r2!).map((m) => m.model)).toEqual(['btyd', 'random-forest', 'linear', 'naive']);
  expect(by.btyd.r2).toBeCloseTo(0.4672, 3);
  expect(by['random-forest'].r2).toBeCloseTo(0.3766, 3);
  expect(by.linear.r2).toBeCloseTo(0.3386, 3);
  expect(by.naive.r2).toBeCloseTo(-0.1938, 3);
  expect(by.naive.bias).toBeCloseTo(69.81, 1);
  expect(by['random-forest'].mae).toBeCloseTo(76.69, 1);
  for (const m of result.models) {
    // A random ranking captures about 20 % of the revenue with 20 % of the customers.
    expect(m.top20!).toBeGreaterThan(0.6);
    expect(m.top10!).toBeLessThan(m.top20!);
  }
  expect(by.btyd.top20).toBeCloseTo(0.7313, 3);
  expect(by.naive.top20).toBeCloseTo(0.6516, 3);
});

test('same seed, same numbers; another seed draws another training sample', () => {
  const a = base;
  const b = compareValueModels(purchases, forecastsOf(holdout), { seed: 3 });
  expect(b).toEqual(a);
  const c = compareValueModels(purchases, forecastsOf(holdout), { seed: 4 });
  expect(c.models[0].mae).not.toBe(a.models[0].mae);
  expect(c.models[3]).toEqual(a.models[3]);
});

test('the naive row scores like scoreValueForecast on the actual spend summed from the log (ties by customer index)', () => {
  const result = base;
  const naive = scoreValueForecast(holdout.naiveSpend, actualSpend(), holdout.customer);
  expect(result.models[3]).toMatchObject({ r2: naive.r2, top10: naive.top10, top20: naive.top20 });
});

function actualSpend(): Float64Array {
  const rowOf = new Map<number, number>();
  holdout.customer.forEach((c, row) => rowOf.set(c, row));
  const spend = new Float64Array(holdout.customer.length);
  for (let i = 0; i < purchases.day.length; i++) {
    const d = Math.floor(purchases.day[i]);
    const row = rowOf.get(purchases.customer[i]);
    if (row !== undefined && d >= CALIBRATION_END && d < OBSERVATION_END) spend[row] += purchases.value[i];
  }
  return spend;
}

test('forecasts of other customers, and a training window before every purchase, are refused', () => {
  const forecasts = forecastsOf(holdout);
  expect(thrownCode(() => compareValueModels(purchases, { ...forecasts, naiveSpend: forecasts.naiveSpend.subarray(1) }))).toBe('INVALID_INPUT');
  expect(thrownCode(() => compareValueModels(purchases, { ...forecasts, customer: forecasts.customer.map((c) => c + 1) }))).toBe('INVALID_INPUT');
  // Holdout from day 200: training would end at day 0 - 320, before anyone bought.
  const early = evaluateHoldout(purchases, { nCustomers: N, calibrationEnd: 200, observationEnd: 720, unit: 'weeks' }, { seed: 1 });
  expect(thrownCode(() => compareValueModels(purchases, forecastsOf(early)))).toBe('TOO_FEW_CUSTOMERS');
  expect(thrownCode(() => compareValueModels(purchases, forecasts, { trees: 0 }))).toBe('INVALID_OPTION');
});
