import { expect, test } from 'vitest';
import { createRng } from '../random';
import { bgNbdNegLogLikelihood } from './bg-nbd';
import type { NegLogLikelihood } from './maximum-likelihood';
import { mbgNbdNegLogLikelihood } from './mbg-nbd';
import { paretoNbdNegLogLikelihood } from './pareto-nbd';
import { prepareRepeatData, type PreparedRepeatData } from './repeat-data';
import { simulateParetoNbdPurchases, simulatePurchases } from './simulate';
import { summarizeCustomers } from './summarize';
import { CDNOW, CDNOW_AVAILABLE, CDNOW_CALIBRATION_END, loadCdnow } from '../testing/cdnow';
import type { RepeatPurchaseData } from './types';

type Model = 'bgnbd' | 'mbgnbd' | 'pnbd';

const NEG_LOG_LIKELIHOOD: Record<Model, (data: PreparedRepeatData) => NegLogLikelihood> = {
  bgnbd: bgNbdNegLogLikelihood,
  mbgnbd: mbgNbdNegLogLikelihood,
  pnbd: paretoNbdNegLogLikelihood,
};

/**
 * Central differences extrapolated twice (Richardson: error O(h^6)) of the value alone, the
 * reference the analytic gradient is held to.
 */
function referenceGradient(f: (theta: Float64Array) => number, theta: Float64Array): Float64Array {
  const out = new Float64Array(theta.length);
  const central = (i: number, h: number) => {
    const point = Float64Array.from(theta);
    point[i] = theta[i] + h;
    const plus = f(point);
    point[i] = theta[i] - h;
    return (plus - f(point)) / (2 * h);
  };
  for (let i = 0; i < theta.length; i++) {
    const h = 4e-3;
    const [d1, d2, d3] = [central(i, h), central(i, h / 2), central(i, h / 4)];
    const r1 = (4 * d2 - d1) / 3;
    const r2 = (4 * d3 - d2) / 3;
    out[i] = (16 * r2 - r1) / 15;
  }
  return out;
}

/** Repeat-purchase data sets of different shapes: simulated by both model families, in days and weeks, and hand-made edge rows. */
function dataSets(): [string, RepeatPurchaseData][] {
  const ages = (n: number, max: number, seed: number) => {
    const rng = createRng(seed);
    return Float64Array.from({ length: n }, () => Math.round(rng.next() * max * 7) / 7);
  };
  const paretoWeeks = simulateParetoNbdPurchases({ r: 0.6, alpha: 8, s: 0.8, beta: 12 }, { nCustomers: 400, T: ages(400, 52, 3), seed: 11 });
  const paretoDays = simulateParetoNbdPurchases({ r: 0.8, alpha: 60, s: 0.1, beta: 4000 }, { nCustomers: 300, T: ages(300, 370, 4), seed: 12 });
  const bgWeeks = simulatePurchases({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { nCustomers: 400, T: ages(400, 39, 5), seed: 13 });
  const mbgDays = simulatePurchases({ r: 2, alpha: 30, a: 0.3, b: 5 }, { nCustomers: 300, T: ages(300, 200, 6), seed: 14, model: 'mbgnbd' });
  const edges: RepeatPurchaseData = {
    x: Float64Array.of(0, 0, 1, 1, 3, 40, 150, 7, 2, 0),
    tx: Float64Array.of(0, 0, 0.5, 20, 30, 51.9, 52, 1e-3, 38.999, 0),
    T: Float64Array.of(0, 52, 52, 20, 52, 52, 52.5, 52, 39, 1e-4),
  };
  return [
    ['Pareto/NBD simulated, weeks', paretoWeeks],
    ['Pareto/NBD simulated, days', paretoDays],
    ['BG/NBD simulated, weeks', bgWeeks],
    ['MBG/NBD simulated, days', mbgDays],
    ['edge rows (x 0 at T 0, tx = T, x 150, tx near 0 and near T)', edges],
  ];
}

/** Random log-parameters: r, alpha, and the dropout pair, over ranges wider than fits of real data reach. */
function randomPoints(count: number, seed: number): Float64Array[] {
  const rng = createRng(seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rng.next();
  return Array.from({ length: count }, () => Float64Array.of(between(-3, 2), between(-1, 6), between(-5, 2.5), between(-1, 8)));
}

function maxRelativeError(model: Model, data: RepeatPurchaseData, points: Float64Array[]): number {
  const f = NEG_LOG_LIKELIHOOD[model](prepareRepeatData(data));
  const gradient = new Float64Array(4);
  let worst = 0;
  for (const theta of points) {
    const value = f(theta, gradient);
    // One pass gives the value and the gradient; the value is the value-only pass's, digit for digit.
    expect(value).toBe(f(theta));
    const reference = referenceGradient((t) => f(t), theta);
    for (let i = 0; i < 4; i++) {
      expect(Number.isFinite(gradient[i])).toBe(true);
      worst = Math.max(worst, Math.abs(gradient[i] - reference[i]) / Math.max(Math.abs(reference[i]), 1));
    }
  }
  return worst;
}

const MODELS: Model[] = ['bgnbd', 'mbgnbd', 'pnbd'];

test.each(MODELS.flatMap((model) => dataSets().map(([name, data]) => [model, name, data] as const)))(
  '%s: the analytic gradient matches the extrapolated numeric one at 40 random points (%s)',
  (model, _name, data) => {
    expect(maxRelativeError(model, data, randomPoints(40, model.length * 7 + data.x.length))).toBeLessThan(1e-6);
  },
);

test('Pareto/NBD: the gradient is right on both sides of alpha = beta and at alpha = beta exactly', () => {
  const [, data] = dataSets()[0];
  const points = [-1e-7, 0, 1e-7, 0.3, -0.3].map((shift) => Float64Array.of(-0.5, Math.log(10) + shift, -0.4, Math.log(10)));
  expect(maxRelativeError('pnbd', data, points)).toBeLessThan(1e-6);
});

test('Pareto/NBD: the gradient is right where the dropout parameters run off (s near 0, beta huge), as on Online Retail', () => {
  const [, data] = dataSets()[1];
  const points = [Float64Array.of(-0.19, 2.29, -16, 11.2), Float64Array.of(-0.33, 2.24, -13.5, 13.4), Float64Array.of(-0.2, 2.3, -9, 8)];
  expect(maxRelativeError('pnbd', data, points)).toBeLessThan(1e-6);
});

test.skipIf(!CDNOW_AVAILABLE).each(MODELS)(`${CDNOW}: %s analytic gradient matches the numeric one on the calibration period`, (model) => {
  const cdnow = loadCdnow();
  const summary = summarizeCustomers(cdnow, { nCustomers: cdnow.nCustomers, observationEnd: CDNOW_CALIBRATION_END, unit: 'weeks' });
  expect(maxRelativeError(model, summary, randomPoints(15, 99))).toBeLessThan(1e-6);
});
