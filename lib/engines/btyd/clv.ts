import { EngineError } from '../errors';
import { createRng, type Rng } from '../random';
import { cholesky } from './cholesky';
import {
  createSeriesCoefficients,
  eulerFactors,
  expectedPurchasesKernelMany,
  resetSeriesCoefficients,
  type SeriesCoefficients,
} from './expected-purchases-kernel';
import { expectedSpendPerPurchase } from './expected-spend';
import { paretoNbdExpectedPurchasesIfAlive, paretoNbdProbabilityAliveEvaluator } from './pareto-nbd';
import { assertPositiveParameters, BG_NBD_PARAM_NAMES, GAMMA_GAMMA_PARAM_NAMES, PARETO_NBD_PARAM_NAMES } from './parameters';
import { PURCHASE_MODEL_LABEL, unknownPurchaseModel, unknownPurchaseModelSpec } from './purchase-model';
import { quantileInPlace } from '../quantile';
import { distinctColumn, validateRepeatData, type DistinctColumn } from './repeat-data';
import { daysToUnit } from './time-unit';
import type {
  BgNbdParams,
  ClvOptions,
  ClvResult,
  GammaGammaFit,
  GammaGammaParams,
  ParetoNbdParams,
  PurchaseModel,
  PurchaseModelSpec,
  RepeatPurchaseData,
  SpendData,
  TimeUnit,
} from './types';

export const DEFAULT_CLV_OPTIONS: Required<ClvOptions> = {
  horizonMonths: 6,
  discountRate: 0.01,
  monthLengthDays: 30,
  intervalDraws: 200,
  intervalLevel: 0.9,
  seed: 1,
  withoutDropout: false,
};

/** Per-customer input of the CLV: history, mean repeat value and (for the fallback spend) the mean value. */
export type ClvData = RepeatPurchaseData & SpendData & { meanValue?: Float64Array };
export type ClvPurchaseModel = PurchaseModelSpec & { unit: TimeUnit; logCovariance: number[][] | null };
export type ClvSpendModel = Pick<GammaGammaFit, 'params' | 'logCovariance'>;

const MAX_SPEND_REDRAWS = 100;
// Relative accuracy of the expected-purchases series: tight for the point estimate, looser for
// parameter draws, whose percentile interval carries far larger Monte Carlo error.
const POINT_TOLERANCE = 1e-13;
const DRAW_TOLERANCE = 1e-9;

function resolveClvOptions(options: ClvOptions): Required<ClvOptions> {
  const o = { ...DEFAULT_CLV_OPTIONS, ...options };
  if (!Number.isInteger(o.horizonMonths) || o.horizonMonths < 1 || o.horizonMonths > 1200) {
    throw new EngineError('INVALID_OPTION', `horizonMonths must be a whole number from 1 to 1200, got ${o.horizonMonths}.`);
  }
  if (!Number.isFinite(o.discountRate) || o.discountRate < 0) {
    throw new EngineError('INVALID_OPTION', `discountRate must be a monthly rate of at least 0, got ${o.discountRate}.`);
  }
  if (!Number.isFinite(o.monthLengthDays) || o.monthLengthDays <= 0) {
    throw new EngineError('INVALID_OPTION', `monthLengthDays must be above 0, got ${o.monthLengthDays}.`);
  }
  if (!Number.isInteger(o.intervalDraws) || o.intervalDraws < 0) {
    throw new EngineError('INVALID_OPTION', `intervalDraws must be a whole number of at least 0, got ${o.intervalDraws}.`);
  }
  if (!(o.intervalLevel > 0 && o.intervalLevel < 1)) {
    throw new EngineError('INVALID_OPTION', `intervalLevel must be between 0 and 1, got ${o.intervalLevel}.`);
  }
  if (!Number.isFinite(o.seed)) throw new EngineError('INVALID_OPTION', 'seed must be a finite number.');
  return o;
}

/**
 * The expected-purchases series depends on (x, T) only; tx enters through P(alive). So the
 * series runs once per distinct (x, T) pair, logs once per distinct T or tx, and only P(alive)
 * per customer.
 */
interface Histories {
  /** x of each distinct (x, T) pair. */
  pairX: Float64Array;
  /** Pairs ordered by x, so pairs with the same x share series coefficients. */
  pairOrder: Int32Array;
  /** Distinct-T index of each pair. */
  pairT: Int32Array;
  /** Per customer: its pair, and its T and tx indices into the distinct values. */
  pair: Int32Array;
  T: DistinctColumn;
  tx: DistinctColumn;
  x: Float64Array;
}

function distinctHistories(data: RepeatPurchaseData): Histories {
  const n = data.x.length;
  const xs = distinctColumn(data.x);
  const Ts = distinctColumn(data.T);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = xs.index[i] * Ts.values.length + Ts.index[i];
  const pairs = distinctColumn(keys);
  const m = pairs.values.length;
  const pairX = new Float64Array(m);
  const pairT = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    pairX[pairs.index[i]] = data.x[i];
    pairT[pairs.index[i]] = Ts.index[i];
  }
  const pairOrder = Int32Array.from({ length: m }, (_, u) => u).sort((u, v) => pairX[u] - pairX[v]);
  return { pairX, pairOrder, pairT, pair: pairs.index, T: Ts, tx: distinctColumn(data.tx), x: data.x };
}

/**
 * BG/NBD and MBG/NBD differ only by a shift of one in the beta terms and by whether dropout
 * can happen before the first repeat purchase (see expected-purchases-kernel.ts).
 */
function modelShape(model: 'bgnbd' | 'mbgnbd'): { shift: number; dropoutAtStart: boolean } {
  return model === 'bgnbd' ? { shift: 1, dropoutAtStart: false } : { shift: 0, dropoutAtStart: true };
}

/** Parameter names of a purchase model, in the order of its covariance matrix. */
function purchaseParamNames(model: PurchaseModel): readonly string[] {
  switch (model) {
    case 'bgnbd':
    case 'mbgnbd':
      return BG_NBD_PARAM_NAMES;
    case 'pnbd':
      return PARETO_NBD_PARAM_NAMES;
    default:
      return unknownPurchaseModel(model);
  }
}

/** A purchase model with parameters given by name (e.g. one parameter draw). */
function specWith(model: PurchaseModel, params: Record<string, number>): PurchaseModelSpec {
  switch (model) {
    case 'bgnbd':
    case 'mbgnbd':
      return { model, params: { r: params.r, alpha: params.alpha, a: params.a, b: params.b } };
    case 'pnbd':
      return { model, params: { r: params.r, alpha: params.alpha, s: params.s, beta: params.beta } };
    default:
      return unknownPurchaseModel(model);
  }
}

interface HorizonSchedule {
  /** Month ends in the model unit. */
  times: Float64Array;
  /** 1 / (1 + d)^i for month i = 1..H. */
  discounts: Float64Array;
}

/** Scratch arrays reused across parameter draws. */
interface HorizonWorkspace {
  /** Per distinct T: H values of z, log(1 - z) and the Euler-form factors. */
  z: Float64Array[];
  logOneMinusZ: Float64Array[];
  front: Float64Array[];
  power: Float64Array[];
  logAlphaT: Float64Array;
  logAlphaTx: Float64Array;
  cumulative: Float64Array;
  /** Per (x, T) pair, before dividing by the dropout odds: purchases over the horizon, discounted. */
  pairTotal: Float64Array;
  pairDiscounted: Float64Array;
  series: SeriesCoefficients;
  /** Pareto/NBD P(alive) of every customer, built on first use. */
  paretoAlive: ((params: ParetoNbdParams, out: Float64Array) => void) | null;
}

/** The per-customer x, tx, T behind the distinct histories. */
function customerHistories(histories: Histories): RepeatPurchaseData {
  const n = histories.x.length;
  return {
    x: histories.x,
    tx: Float64Array.from({ length: n }, (_, c) => histories.tx.values[histories.tx.index[c]]),
    T: Float64Array.from({ length: n }, (_, c) => histories.T.values[histories.T.index[c]]),
  };
}

function createHorizonWorkspace(histories: Histories, H: number): HorizonWorkspace {
  const nT = histories.T.values.length;
  const view = (all: Float64Array) => Array.from({ length: nT }, (_, k) => all.subarray(k * H, (k + 1) * H));
  return {
    z: view(new Float64Array(nT * H)),
    logOneMinusZ: view(new Float64Array(nT * H)),
    front: view(new Float64Array(nT * H)),
    power: view(new Float64Array(nT * H)),
    logAlphaT: new Float64Array(nT),
    logAlphaTx: new Float64Array(histories.tx.values.length),
    cumulative: new Float64Array(H),
    pairTotal: new Float64Array(histories.pairX.length),
    pairDiscounted: new Float64Array(histories.pairX.length),
    series: createSeriesCoefficients(),
    paretoAlive: null,
  };
}

/**
 * For each customer: P(alive), expected purchases over the horizon and the discounted sum of
 * the monthly expected purchases (multiply by spend for the CLV).
 */
function horizonPurchases(
  spec: PurchaseModelSpec,
  histories: Histories,
  schedule: HorizonSchedule,
  work: HorizonWorkspace,
  out: HorizonOutput,
  tolerance: number,
  withoutDropout = false,
): void {
  if (withoutDropout) return noDropoutHorizon(spec.params.r, spec.params.alpha, histories, schedule, out);
  switch (spec.model) {
    case 'bgnbd':
    case 'mbgnbd':
      return betaGeometricHorizon(spec.model, spec.params, histories, schedule, work, out, tolerance);
    case 'pnbd':
      return paretoHorizon(spec.params, histories, schedule, work, out);
    default:
      return unknownPurchaseModelSpec(spec);
  }
}

interface HorizonOutput {
  alive: Float64Array;
  total: Float64Array;
  discounted: Float64Array;
}

/**
 * No dropout: purchases are Poisson at the customer's rate, whose posterior given x repeat
 * purchases in T is Gamma(r + x, alpha + T) in every purchase model, so the expected purchases by
 * time t are t (r + x) / (alpha + T) and P(alive) is 1.
 */
function noDropoutHorizon(r: number, alpha: number, histories: Histories, schedule: HorizonSchedule, out: HorizonOutput): void {
  const H = schedule.times.length;
  let discountedTime = 0;
  let previous = 0;
  for (let i = 0; i < H; i++) {
    discountedTime += (schedule.times[i] - previous) * schedule.discounts[i];
    previous = schedule.times[i];
  }
  for (let c = 0; c < histories.x.length; c++) {
    const rate = (r + histories.x[c]) / (alpha + histories.T.values[histories.T.index[c]]);
    out.alive[c] = 1;
    out.total[c] = rate * previous;
    out.discounted[c] = rate * discountedTime;
  }
}

/**
 * Pareto/NBD: the expectation if alive has a closed form in (x, T) (paretoNbdExpectedPurchasesIfAlive),
 * so month ends are evaluated directly per (x, T) pair and P(alive) per customer.
 */
function paretoHorizon(params: ParetoNbdParams, histories: Histories, schedule: HorizonSchedule, work: HorizonWorkspace, out: HorizonOutput): void {
  const H = schedule.times.length;
  for (let u = 0; u < histories.pairX.length; u++) {
    const x = histories.pairX[u];
    const T = histories.T.values[histories.pairT[u]];
    let discounted = 0;
    let previous = 0;
    for (let i = 0; i < H; i++) {
      const cumulative = paretoNbdExpectedPurchasesIfAlive(params, schedule.times[i], x, T);
      discounted += (cumulative - previous) * schedule.discounts[i];
      previous = cumulative;
    }
    work.pairTotal[u] = previous;
    work.pairDiscounted[u] = discounted;
  }
  const aliveOf = (work.paretoAlive ??= paretoNbdProbabilityAliveEvaluator(customerHistories(histories)));
  aliveOf(params, out.alive);
  for (let c = 0; c < histories.x.length; c++) {
    const alive = out.alive[c];
    const u = histories.pair[c];
    out.total[c] = work.pairTotal[u] * alive;
    out.discounted[c] = work.pairDiscounted[u] * alive;
  }
}

function betaGeometricHorizon(
  model: 'bgnbd' | 'mbgnbd',
  params: BgNbdParams,
  histories: Histories,
  schedule: HorizonSchedule,
  work: HorizonWorkspace,
  out: HorizonOutput,
  tolerance: number,
): void {
  const { shift, dropoutAtStart } = modelShape(model);
  const { r, alpha, a, b } = params;
  const H = schedule.times.length;
  for (let k = 0; k < histories.T.values.length; k++) {
    const base = alpha + histories.T.values[k];
    const logBase = Math.log(base);
    work.logAlphaT[k] = logBase;
    const z = work.z[k];
    const L = work.logOneMinusZ[k];
    for (let i = 0; i < H; i++) {
      const t = schedule.times[i];
      z[i] = t / (base + t);
      L[i] = logBase - Math.log(base + t);
    }
    eulerFactors(a, L, H, work.front[k], work.power[k]);
  }
  for (let k = 0; k < histories.tx.values.length; k++) work.logAlphaTx[k] = Math.log(alpha + histories.tx.values[k]);
  const cumulative = work.cumulative;
  let seriesX = NaN;
  for (let k = 0; k < histories.pairOrder.length; k++) {
    const u = histories.pairOrder[k];
    const x = histories.pairX[u];
    if (x !== seriesX) {
      resetSeriesCoefficients(work.series, r + x, a, a + b + x - shift);
      seriesX = x;
    }
    const tk = histories.pairT[u];
    expectedPurchasesKernelMany(work.series, work.z[tk], work.logOneMinusZ[tk], work.front[tk], work.power[tk], H, cumulative, tolerance);
    let discounted = 0;
    let previous = 0;
    for (let i = 0; i < H; i++) {
      discounted += (cumulative[i] - previous) * schedule.discounts[i];
      previous = cumulative[i];
    }
    work.pairTotal[u] = previous;
    work.pairDiscounted[u] = discounted;
  }
  for (let c = 0; c < histories.x.length; c++) {
    const x = histories.x[c];
    const odds =
      x > 0 || dropoutAtStart
        ? (a / (b + x - shift)) * Math.exp((r + x) * (work.logAlphaT[histories.T.index[c]] - work.logAlphaTx[histories.tx.index[c]]))
        : 0;
    const alive = 1 / (1 + odds);
    const u = histories.pair[c];
    out.alive[c] = alive;
    out.total[c] = work.pairTotal[u] * alive;
    out.discounted[c] = work.pairDiscounted[u] * alive;
  }
}

// Beyond this standard deviation of a log-parameter (a factor of about 150 per SD) the
// asymptotic normal says nothing useful and its draws reach absurd values. Weakly identified but
// strongly correlated parameters (e.g. a, b when dropout is rare) stay below it.
const MAX_LOG_SD = 5;

/** Cholesky factor for drawing log-parameters, or null (with the reason in warnings). */
function drawingFactor(logCovariance: number[][] | null, names: readonly string[], label: string, warnings: string[]): number[][] | null {
  if (!logCovariance) {
    warnings.push(`The ${label} model has no usable covariance matrix.`);
    return null;
  }
  const loose = names.filter((_, i) => !(Math.sqrt(logCovariance[i][i]) <= MAX_LOG_SD));
  if (loose.length > 0) {
    warnings.push(`The ${label} model parameter(s) ${loose.join(', ')} are too poorly determined for a parametric interval.`);
    return null;
  }
  const lower = cholesky(logCovariance);
  if (!lower) warnings.push(`The ${label} model covariance matrix is not positive definite.`);
  return lower;
}

function drawLogNormal(estimate: Record<string, number>, names: readonly string[], lower: number[][], rng: Rng, into: Record<string, number>): void {
  const k = names.length;
  const normals = names.map(() => rng.normal());
  for (let i = 0; i < k; i++) {
    let shiftSum = 0;
    for (let j = 0; j <= i; j++) shiftSum += lower[i][j] * normals[j];
    into[names[i]] = Math.exp(Math.log(estimate[names[i]]) + shiftSum);
  }
}

/**
 * Customer lifetime value over H months:
 *   CLV = sum_{i=1..H} spend * (E[purchases by end of month i] - E[purchases by end of month i-1]) / (1 + d)^i
 * with E[purchases] from the purchase model (BG/NBD, MBG/NBD or Pareto/NBD, conditional on each
 * customer's x, tx, T), where a month is `monthLengthDays` (default 30) days expressed in the model unit (30/7 weeks
 * for a weekly model; lifetimes uses 30 days with freq 'D' but 4.345 weeks with freq 'W'), and
 * spend is the Gamma-Gamma expected value per purchase (observed mean value when the spend model
 * is missing or gives no finite value). The interval is percentile-based over parameter vectors
 * drawn from the asymptotic normal of the log-parameters of both fits (independent fits).
 * With `withoutDropout` nobody stops buying: E[purchases by t] = t (r + x) / (alpha + T), P(alive) 1,
 * and only r, alpha are drawn for the interval (fitLifetimeValue sets it when the fit's dropout
 * parameters are not identified).
 * Per-customer arrays of the result are aligned with `data`; money in the data's currency.
 * @throws EngineError INVALID_INPUT for bad parameters or data, INVALID_OPTION for bad options
 * @example
 * const clv = computeClv(bgnbdFit, gammaGammaFit, summary, { horizonMonths: 6, discountRate: 0.01, seed: 7 });
 * clv.clv[0]; clv.clvLower[0]; clv.clvUpper[0];
 */
export function computeClv(purchase: ClvPurchaseModel, spend: ClvSpendModel | null, data: ClvData, options: ClvOptions = {}): ClvResult {
  const o = resolveClvOptions(options);
  const purchaseNames = purchaseParamNames(purchase.model);
  assertPositiveParameters(purchase.params as unknown as Record<string, number>, purchaseNames, PURCHASE_MODEL_LABEL[purchase.model]);
  if (spend) assertPositiveParameters(spend.params, GAMMA_GAMMA_PARAM_NAMES, 'Gamma-Gamma');
  const n = validateRepeatData(data);
  if (data.meanRepeatValue.length !== n || (data.meanValue && data.meanValue.length !== n)) {
    throw new EngineError('INVALID_INPUT', 'meanRepeatValue (and meanValue when given) must have one entry per customer.');
  }
  if (!spend && !data.meanValue) {
    throw new EngineError('INVALID_INPUT', 'Without a spend model the CLV needs each customer’s observed meanValue.');
  }
  const warnings: string[] = [];
  const monthLength = daysToUnit(o.monthLengthDays, purchase.unit);
  const H = o.horizonMonths;
  const schedule: HorizonSchedule = {
    times: Float64Array.from({ length: H }, (_, i) => (i + 1) * monthLength),
    discounts: Float64Array.from({ length: H }, (_, i) => Math.pow(1 + o.discountRate, -(i + 1))),
  };
  const histories = distinctHistories(data);
  const perCustomer = { alive: new Float64Array(n), total: new Float64Array(n), discounted: new Float64Array(n) };
  const work = createHorizonWorkspace(histories, H);
  horizonPurchases(purchase, histories, schedule, work, perCustomer, POINT_TOLERANCE, o.withoutDropout);

  const expectedSpend = new Float64Array(n);
  const fallbacks = expectedSpendPerPurchase(spend?.params ?? null, data, expectedSpend);
  if (spend && fallbacks > 0) {
    warnings.push(`${fallbacks} customers have no finite model-based spend (q <= 1); their observed mean purchase value is used.`);
  }
  const pAlive = perCustomer.alive.slice();
  const expectedPurchases = perCustomer.total.slice();
  const clv = new Float64Array(n);
  for (let i = 0; i < n; i++) clv[i] = expectedSpend[i] * perCustomer.discounted[i];

  const clvLower = new Float64Array(n).fill(NaN);
  const clvUpper = new Float64Array(n).fill(NaN);
  let interval: ClvResult['interval'] = null;
  // Without dropout only the rate parameters r, alpha (the first two of every model) enter the prediction.
  const drawnNames = o.withoutDropout ? purchaseNames.slice(0, 2) : purchaseNames;
  const drawnCovariance = purchase.logCovariance && o.withoutDropout ? purchase.logCovariance.slice(0, 2).map((row) => row.slice(0, 2)) : purchase.logCovariance;
  const purchaseLower = o.intervalDraws > 0 ? drawingFactor(drawnCovariance, drawnNames, 'purchase', warnings) : null;
  if (o.intervalDraws > 0 && !purchaseLower) warnings.push('No CLV interval: the purchase-model parameters cannot be drawn.');
  if (purchaseLower) {
    let spendLower = spend ? drawingFactor(spend.logCovariance, GAMMA_GAMMA_PARAM_NAMES, 'spend', warnings) : null;
    if (spend && spendLower && !(spend.params.q > 1)) {
      spendLower = null;
      warnings.push('The spend parameters are held at their estimate in the CLV interval because q <= 1.');
    } else if (spend && !spendLower) {
      warnings.push('The spend parameters are held at their estimate in the CLV interval.');
    }
    const D = o.intervalDraws;
    const rng = createRng(o.seed);
    const draws = new Float64Array(n * D);
    const drawnPurchase: Record<string, number> = { ...purchase.params };
    const drawnSpend: Record<string, number> = spend ? { ...spend.params } : {};
    const drawSpend = new Float64Array(n);
    let rejectedDraws = 0;
    for (let k = 0; k < D; k++) {
      drawLogNormal({ ...purchase.params }, drawnNames, purchaseLower, rng, drawnPurchase);
      horizonPurchases(specWith(purchase.model, drawnPurchase), histories, schedule, work, perCustomer, DRAW_TOLERANCE, o.withoutDropout);
      let spendParams: GammaGammaParams | null = spend ? spend.params : null;
      if (spend && spendLower) {
        let attempts = 0;
        do {
          drawLogNormal({ ...spend.params }, GAMMA_GAMMA_PARAM_NAMES, spendLower, rng, drawnSpend);
          attempts++;
        } while (!(drawnSpend.q > 1) && attempts < MAX_SPEND_REDRAWS);
        rejectedDraws += attempts - 1;
        spendParams = drawnSpend as unknown as GammaGammaParams;
      }
      expectedSpendPerPurchase(spendParams, data, drawSpend);
      const row = draws.subarray(k * n, (k + 1) * n);
      for (let i = 0; i < n; i++) row[i] = drawSpend[i] * perCustomer.discounted[i];
    }
    const tail = (1 - o.intervalLevel) / 2;
    const column = new Float64Array(D);
    let dropped = 0;
    for (let i = 0; i < n; i++) {
      let m = 0;
      for (let k = 0; k < D; k++) {
        const value = draws[k * n + i];
        if (Number.isFinite(value)) column[m++] = value;
      }
      dropped += D - m;
      // Fewer than half the draws usable: no interval rather than a misleading one.
      if (2 * m < D) continue;
      const usable = column.subarray(0, m);
      clvLower[i] = quantileInPlace(usable, tail);
      clvUpper[i] = quantileInPlace(usable, 1 - tail);
    }
    if (dropped > 0) warnings.push(`${dropped} customer-draw CLVs were not finite and were left out of the intervals.`);
    interval = {
      method: 'parametric-log-normal',
      draws: D,
      level: o.intervalLevel,
      seed: o.seed,
      rejectedDraws,
      spendUncertainty: spendLower !== null,
    };
  }

  return {
    unit: purchase.unit,
    horizonMonths: H,
    discountRate: o.discountRate,
    monthLengthDays: o.monthLengthDays,
    monthLength,
    pAlive,
    expectedPurchases,
    expectedSpend,
    clv,
    clvLower,
    clvUpper,
    interval,
    spendSource: spend ? 'gamma-gamma' : 'observed-mean',
    warnings,
  };
}
