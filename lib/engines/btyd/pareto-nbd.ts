import { findDegeneracy } from './degenerate-fit';
import { fitRepeatPurchaseModel } from './fit-repeat-purchase-model';
import { logHyp2f1One, logHyp2f1OneMany } from './log-hyp2f1-one';
import { assertHorizon, assertPositiveParameters, PARETO_NBD_PARAM_NAMES } from './parameters';
import { prepareRepeatData, purchaseModelStart, repeatDataLogLikelihood, type PreparedRepeatData } from './repeat-data';
import type { NegLogLikelihood } from './maximum-likelihood';
import { logGamma } from './special-functions';
import type { FitOptions, ParetoNbdFit, ParetoNbdParams, RepeatPurchaseData, TimeUnit } from './types';

/*
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987) in the form of Fader, Hardie & Lee (2005),
 * "A note on deriving the Pareto/NBD model and related expressions", eq. 18-20:
 *
 *   L = Gamma(r + x) alpha^r beta^s / Gamma(r) * [ (alpha + T)^-(r + x) (beta + T)^-s + s / (r + s + x) * A0 ],
 *   A0 = F(tx) - F(T),
 *
 * where F(y) = 2F1(r + s + x, s + 1; r + s + x + 1; (alpha - beta) / (alpha + y)) / (alpha + y)^(r + s + x)
 * when alpha >= beta, and 2F1(r + s + x, r + x; r + s + x + 1; (beta - alpha) / (beta + y)) / (beta + y)^(r + s + x)
 * otherwise (the two cases of lifetimes' ParetoNBDFitter). Euler's transformation
 * 2F1(a, b; c; z) = (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z) turns both into 2F1(1, .; .; z), whose
 * series has positive terms and never overflows, however large x is:
 *
 *   alpha >= beta: F(y) = (alpha + y)^-(r + x) (beta + y)^-s 2F1(1, r + x; r + s + x + 1; z)
 *   alpha <  beta: F(y) = (alpha + y)^-(r + x - 1) (beta + y)^-(s + 1) 2F1(1, s + 1; r + s + x + 1; z)
 *
 * Everything is kept in logs relative to the "still alive" term, whose ratio to the "died in
 * (tx, T]" term is the dropout odds R = P(dead) / P(alive); then LL = ... + log(1 + R) and
 * P(alive) = 1 / (1 + R).
 */

/** log(e^v - 1) for v > 0; -Infinity for v <= 0. */
function logExpm1(v: number): number {
  if (!(v > 0)) return -Infinity;
  return v > 30 ? v + Math.log1p(-Math.exp(-v)) : Math.log(Math.expm1(v));
}

/** log(1 + e^v) without overflow. */
function log1pExp(v: number): number {
  return v > 30 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
}

/** log F(y) + (r + x) log(alpha + T) + s log(beta + T), from alpha + y, beta + y and their logs. */
function logF(r: number, alpha: number, s: number, beta: number, x: number, alphaY: number, betaY: number, logAlphaY: number, logBetaY: number): number {
  const c = r + s + x + 1;
  if (alpha >= beta) {
    return -(r + x) * logAlphaY - s * logBetaY + logHyp2f1One(r + x, c, (alpha - beta) / alphaY, logBetaY - logAlphaY);
  }
  return -(r + x - 1) * logAlphaY - (s + 1) * logBetaY + logHyp2f1One(s + 1, c, (beta - alpha) / betaY, logAlphaY - logBetaY);
}

/** log of the dropout odds R = P(died in (tx, T]) / P(alive at T) of one customer, from precomputed logs. */
function logOdds(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  logAlphaTx: number,
  logBetaTx: number,
  logAlphaT: number,
  logBetaT: number,
): number {
  if (tx >= T) return -Infinity;
  const logAlive = -(r + x) * logAlphaT - s * logBetaT;
  const atT = logF(r, alpha, s, beta, x, alpha + T, beta + T, logAlphaT, logBetaT) - logAlive;
  const atTx = logF(r, alpha, s, beta, x, alpha + tx, beta + tx, logAlphaTx, logBetaTx) - logAlive;
  return Math.log(s) - Math.log(r + s + x) + atT + logExpm1(atTx - atT);
}

function customerLogOdds(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  return logOdds(r, alpha, s, beta, x, tx, T, Math.log(alpha + tx), Math.log(beta + tx), Math.log(alpha + T), Math.log(beta + T));
}

function customerLogLikelihood(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const head = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const logAlive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  return head + logAlive + log1pExp(customerLogOdds(params, x, tx, T));
}

/**
 * Pareto/NBD log-likelihood per customer and in total (Fader, Hardie & Lee 2005, eq. 18-20).
 * @param data x (repeat purchases), tx (recency) and T (age), one entry per customer, in one time unit
 * @returns total and per-customer log-likelihood (natural log)
 * @throws EngineError INVALID_INPUT for non-positive parameters or inconsistent data
 */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, data: RepeatPurchaseData): { total: number; perCustomer: Float64Array } {
  return repeatDataLogLikelihood(params, PARETO_NBD_PARAM_NAMES, 'Pareto/NBD', data, customerLogLikelihood);
}

/**
 * The distinct (x, y) pairs the likelihood needs F at, y being a customer's tx or T, grouped by x
 * (the hypergeometric parameters depend on x only) and ascending in y within a group, and each
 * customer's slots for its tx and T.
 */
interface HistoryLayout {
  /** x of each group; group g owns slots groupStart[g] .. groupStart[g + 1] - 1. */
  groupX: Int32Array;
  groupStart: Int32Array;
  /** y (tx or T) of each slot. */
  y: Float64Array;
  txSlot: Int32Array;
  TSlot: Int32Array;
}

function historyLayout(data: PreparedRepeatData): HistoryLayout {
  const { n, x, T, tx } = data;
  const byX = new Map<number, Map<number, number>>();
  const local = { tx: new Int32Array(n), T: new Int32Array(n) };
  const slotOf = (xi: number, y: number): number => {
    let ys = byX.get(xi);
    if (!ys) byX.set(xi, (ys = new Map()));
    let slot = ys.get(y);
    if (slot === undefined) ys.set(y, (slot = ys.size));
    return slot;
  };
  for (let i = 0; i < n; i++) {
    local.tx[i] = slotOf(x[i], tx.values[tx.index[i]]);
    local.T[i] = slotOf(x[i], T.values[T.index[i]]);
  }
  const xs = Array.from(byX.keys()).sort((u, v) => u - v);
  const groupX = Int32Array.from(xs);
  const groupStart = new Int32Array(xs.length + 1);
  const offset = new Map<number, number>();
  xs.forEach((xi, g) => {
    offset.set(xi, groupStart[g]);
    groupStart[g + 1] = groupStart[g] + byX.get(xi)!.size;
  });
  // Within a group the slots ascend in y, so the hypergeometric arguments come in monotone order.
  const y = new Float64Array(groupStart[xs.length]);
  const rank = new Map<number, Int32Array>();
  for (const [xi, ys] of byX) {
    const values = Float64Array.from(ys.keys()).sort();
    const ranks = new Int32Array(ys.size);
    values.forEach((value, j) => {
      y[offset.get(xi)! + j] = value;
      ranks[ys.get(value)!] = j;
    });
    rank.set(xi, ranks);
  }
  const txSlot = new Int32Array(n);
  const TSlot = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const ranks = rank.get(x[i])!;
    txSlot[i] = offset.get(x[i])! + ranks[local.tx[i]];
    TSlot[i] = offset.get(x[i])! + ranks[local.T[i]];
  }
  return { groupX, groupStart, y, txSlot, TSlot };
}

/** d ln F(y) / d(r, alpha, s, beta) at each slot of a HistoryLayout. */
interface SlotGradient {
  r: Float64Array;
  alpha: Float64Array;
  s: Float64Array;
  beta: Float64Array;
}

/**
 * Per-customer log "alive" term -(r + x) ln(alpha + T) - s ln(beta + T) and log dropout odds, for
 * many parameter vectors on fixed data: F is evaluated once per distinct (x, y), the
 * hypergeometric function once per x for all its y (logHyp2f1OneMany shares the integral). With
 * `gradient`, also the derivatives of ln F at every slot (formulas below).
 */
type OddsEvaluator = (r: number, alpha: number, s: number, beta: number, logAlive: Float64Array, logOdds: Float64Array, gradient?: SlotGradient) => void;

interface Odds {
  evaluate: OddsEvaluator;
  layout: HistoryLayout;
  /** ln F(y), ln(alpha + y) and ln(beta + y) of the last evaluation, one per slot. */
  logFy: Float64Array;
  logAlphaY: Float64Array;
  logBetaY: Float64Array;
}

/*
 * The derivatives of ln F(y) (see the top of this file) through those of ln H = ln 2F1(1, b; c; z)
 * in b, c and L = -ln(1 - z) (logHyp2f1OneMany):
 *
 *   alpha >= beta: b = r + x, c = r + s + x + 1, L = ln(alpha + y) - ln(beta + y);
 *     d/dr = -ln(alpha + y) + H_b + H_c,  d/ds = -ln(beta + y) + H_c,
 *     d/dalpha = (H_L - (r + x)) / (alpha + y),  d/dbeta = -(H_L + s) / (beta + y);
 *   alpha < beta: b = s + 1, c = r + s + x + 1, L = ln(beta + y) - ln(alpha + y);
 *     d/dr = -ln(alpha + y) + H_c,  d/ds = -ln(beta + y) + H_b + H_c,
 *     d/dalpha = -(H_L + r + x - 1) / (alpha + y),  d/dbeta = (H_L - s - 1) / (beta + y).
 */
function oddsEvaluator(data: PreparedRepeatData): Odds {
  const { n, x } = data;
  const layout = historyLayout(data);
  const { groupX, groupStart, y, txSlot, TSlot } = layout;
  const slots = y.length;
  const logAlphaY = new Float64Array(slots);
  const logBetaY = new Float64Array(slots);
  const z = new Float64Array(slots);
  const logOneMinusZ = new Float64Array(slots);
  const logH = new Float64Array(slots);
  const logFy = new Float64Array(slots);
  const dH = { dB: new Float64Array(slots), dC: new Float64Array(slots), dL: new Float64Array(slots) };
  const evaluate: OddsEvaluator = (r, alpha, s, beta, logAlive, logOdds, gradient) => {
    const alphaAbove = alpha >= beta;
    for (let k = 0; k < slots; k++) {
      const alphaY = alpha + y[k];
      const betaY = beta + y[k];
      logAlphaY[k] = Math.log(alphaY);
      logBetaY[k] = Math.log(betaY);
      z[k] = alphaAbove ? (alpha - beta) / alphaY : (beta - alpha) / betaY;
      logOneMinusZ[k] = alphaAbove ? logBetaY[k] - logAlphaY[k] : logAlphaY[k] - logBetaY[k];
    }
    for (let g = 0; g < groupX.length; g++) {
      const xg = groupX[g];
      const from = groupStart[g];
      const to = groupStart[g + 1];
      const c = r + s + xg + 1;
      const slotDerivatives = gradient && { dB: dH.dB.subarray(from, to), dC: dH.dC.subarray(from, to), dL: dH.dL.subarray(from, to) };
      logHyp2f1OneMany(alphaAbove ? r + xg : s + 1, c, z.subarray(from, to), logOneMinusZ.subarray(from, to), to - from, logH.subarray(from, to), slotDerivatives);
      for (let k = from; k < to; k++) {
        logFy[k] = alphaAbove
          ? -(r + xg) * logAlphaY[k] - s * logBetaY[k] + logH[k]
          : -(r + xg - 1) * logAlphaY[k] - (s + 1) * logBetaY[k] + logH[k];
      }
      if (!gradient) continue;
      for (let k = from; k < to; k++) {
        const hB = dH.dB[k];
        const hC = dH.dC[k];
        const hL = dH.dL[k];
        if (alphaAbove) {
          gradient.r[k] = -logAlphaY[k] + hB + hC;
          gradient.s[k] = -logBetaY[k] + hC;
          gradient.alpha[k] = (hL - (r + xg)) / (alpha + y[k]);
          gradient.beta[k] = -(hL + s) / (beta + y[k]);
        } else {
          gradient.r[k] = -logAlphaY[k] + hC;
          gradient.s[k] = -logBetaY[k] + hB + hC;
          gradient.alpha[k] = -(hL + r + xg - 1) / (alpha + y[k]);
          gradient.beta[k] = (hL - s - 1) / (beta + y[k]);
        }
      }
    }
    const logS = Math.log(s);
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      const kT = TSlot[i];
      const kTx = txSlot[i];
      logAlive[i] = -(r + xi) * logAlphaY[kT] - s * logBetaY[kT];
      if (y[kTx] < y[kT]) {
        const atT = logFy[kT] - logAlive[i];
        logOdds[i] = logS - Math.log(r + s + xi) + atT + logExpm1(logFy[kTx] - logAlive[i] - atT);
      } else {
        logOdds[i] = -Infinity;
      }
    }
  };
  return { evaluate, layout, logFy, logAlphaY, logBetaY };
}

/** d/dr of ln Gamma(r + x) - ln Gamma(r) = sum_{j < x} 1 / (r + j), for x = 0 .. maxX, by recurrence. */
function fillDigammaDifference(r: number, out: Float64Array): void {
  out[0] = 0;
  for (let j = 1; j < out.length; j++) out[j] = out[j - 1] + 1 / (r + j - 1);
}

/**
 * Total negative log-likelihood over log-parameters theta = ln(r, alpha, s, beta); with `gradient`
 * (length 4) also its gradient in theta, from the same pass.
 *
 * The gradient is analytic. Per customer LL = ln Gamma(r + x) - ln Gamma(r) + r ln alpha + s ln beta
 * + ln(A + K D) with A = (alpha + T)^-(r + x) (beta + T)^-s, K = s / (r + s + x) and
 * D = F(tx) - F(T) (Fader, Hardie & Lee 2005, eq. 18-20), so
 *
 *   d ln(A + K D) = P(alive) d ln A + (1 - P(alive)) (d ln K + d ln D),
 *   d ln D = (d ln F(tx) - q d ln F(T)) / (1 - q),  q = F(T) / F(tx),
 *
 * with d ln F per distinct (x, y) from the hypergeometric function's own derivatives in its
 * parameters and argument (logHyp2f1OneMany): one likelihood pass, about twice the cost of the value
 * alone, instead of the 8 extra passes of a central-difference gradient.
 */
export function paretoNbdNegLogLikelihood(data: PreparedRepeatData): NegLogLikelihood {
  const { n, x, maxX } = data;
  const { evaluate, layout, logFy, logAlphaY, logBetaY } = oddsEvaluator(data);
  const { y, txSlot, TSlot } = layout;
  const slots = y.length;
  const logGammaRatio = new Float64Array(maxX + 1);
  const digammaDifference = new Float64Array(maxX + 1);
  const logAlive = new Float64Array(n);
  const logOdds = new Float64Array(n);
  const slot: SlotGradient = { r: new Float64Array(slots), alpha: new Float64Array(slots), s: new Float64Array(slots), beta: new Float64Array(slots) };
  return (theta, gradient) => {
    const r = Math.exp(theta[0]);
    const alpha = Math.exp(theta[1]);
    const s = Math.exp(theta[2]);
    const beta = Math.exp(theta[3]);
    for (let j = 0; j < maxX; j++) logGammaRatio[j + 1] = logGammaRatio[j] + Math.log(r + j);
    evaluate(r, Math.exp(theta[1]), s, Math.exp(theta[3]), logAlive, logOdds, gradient && slot);
    const head = r * theta[1] + s * theta[3];
    let ll = 0;
    for (let i = 0; i < n; i++) ll += logGammaRatio[x[i]] + head + logAlive[i] + log1pExp(logOdds[i]);
    if (!gradient) return -ll;

    fillDigammaDifference(r, digammaDifference);
    let dR = n * theta[1];
    let dAlpha = (n * r) / alpha;
    let dS = n * theta[3];
    let dBeta = (n * s) / beta;
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      const kT = TSlot[i];
      const kTx = txSlot[i];
      const aliveR = -logAlphaY[kT];
      const aliveAlpha = -(r + xi) / (alpha + y[kT]);
      const aliveS = -logBetaY[kT];
      const aliveBeta = -s / (beta + y[kT]);
      dR += digammaDifference[xi];
      const odds = logOdds[i];
      if (odds === -Infinity) {
        dR += aliveR;
        dAlpha += aliveAlpha;
        dS += aliveS;
        dBeta += aliveBeta;
        continue;
      }
      const pAlive = 1 / (1 + Math.exp(odds));
      const pDead = 1 / (1 + Math.exp(-odds));
      const logQ = logFy[kT] - logFy[kTx];
      const q = Math.exp(logQ);
      const oneMinusQ = -Math.expm1(logQ);
      const rsx = 1 / (r + s + xi);
      dR += pAlive * aliveR + pDead * (-rsx + (slot.r[kTx] - q * slot.r[kT]) / oneMinusQ);
      dAlpha += pAlive * aliveAlpha + (pDead * (slot.alpha[kTx] - q * slot.alpha[kT])) / oneMinusQ;
      dS += pAlive * aliveS + pDead * (1 / s - rsx + (slot.s[kTx] - q * slot.s[kT]) / oneMinusQ);
      dBeta += pAlive * aliveBeta + (pDead * (slot.beta[kTx] - q * slot.beta[kT])) / oneMinusQ;
    }
    gradient[0] = -r * dR;
    gradient[1] = -alpha * dAlpha;
    gradient[2] = -s * dS;
    gradient[3] = -beta * dBeta;
    return -ll;
  };
}

/**
 * P(alive at T | x, tx, T) of every customer, for many parameter vectors on the same customers
 * (e.g. parameter draws of a CLV interval): the returned function fills `out` (one entry per
 * customer, aligned with data) and is much faster than one paretoNbdProbabilityAlive call each.
 * @throws EngineError INVALID_INPUT for inconsistent data (when created)
 */
export function paretoNbdProbabilityAliveEvaluator(data: RepeatPurchaseData): (params: ParetoNbdParams, out: Float64Array) => void {
  const prepared = prepareRepeatData(data);
  const { evaluate } = oddsEvaluator(prepared);
  const logAlive = new Float64Array(prepared.n);
  const logOdds = new Float64Array(prepared.n);
  return (params, out) => {
    evaluate(params.r, params.alpha, params.s, params.beta, logAlive, logOdds);
    for (let i = 0; i < prepared.n; i++) out[i] = 1 / (1 + Math.exp(logOdds[i]));
  };
}

/** r = 1 and alpha from the mean repeat rate (as BG/NBD), s = 1 and beta = the mean age. */
function paretoNbdStart(data: PreparedRepeatData, T: Float64Array): Float64Array {
  const start = purchaseModelStart(data, T);
  let meanT = 0;
  for (let i = 0; i < T.length; i++) meanT += T[i] / T.length;
  start[2] = 0;
  start[3] = Math.log(Math.max(meanT, 1e-6));
  return start;
}

/**
 * Fits Pareto/NBD by maximum likelihood over log-parameters (several seeded starts, BFGS), with
 * delta-method standard errors. Units: alpha and beta are in the data's time unit.
 * @throws EngineError TOO_FEW_CUSTOMERS below 5 customers, INVALID_INPUT for bad data,
 *   DEGENERATE_DATA when every T is 0, INVALID_OPTION for bad options
 * @example
 * const fit = fitParetoNbd({ x, tx, T, unit: 'weeks' }, { seed: 1 });
 * fit.params; // { r, alpha, s, beta }; CDNOW: 0.553, 10.58, 0.606, 11.67
 */
export function fitParetoNbd(data: RepeatPurchaseData & { unit: TimeUnit }, options: FitOptions = {}): ParetoNbdFit {
  const fit = fitRepeatPurchaseModel<ParetoNbdParams>(
    { label: 'Pareto/NBD', names: PARETO_NBD_PARAM_NAMES, dropout: ['s', 'beta'], negLogLikelihood: paretoNbdNegLogLikelihood, start: paretoNbdStart },
    data,
    options,
  );
  const pAlive = new Float64Array(data.x.length);
  paretoNbdProbabilityAliveEvaluator(data)(fit.params, pAlive);
  const degenerate = findDegeneracy(
    {
      label: 'Pareto/NBD',
      unit: data.unit,
      pAlive,
      meanPurchaseRate: fit.params.r / fit.params.alpha,
    },
    data,
  );
  return { model: 'pnbd', unit: data.unit, ...fit, degenerate };
}

/**
 * P(alive at T | x, tx, T) = 1 / (1 + s / (r + s + x) (alpha + T)^(r + x) (beta + T)^s A0)
 * (Fader, Hardie & Lee 2005, eq. 36-37). Exactly 1 when tx = T; below 1 for one-time buyers too.
 */
export function paretoNbdProbabilityAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  return 1 / (1 + Math.exp(customerLogOdds(params, x, tx, T)));
}

/** [1 - (1 + u)^-(s - 1)] / (s - 1), continuous through s = 1 (where it is ln(1 + u)). */
function lifetimeFactor(s: number, u: number): number {
  const L = Math.log1p(u);
  const e = (s - 1) * L;
  if (Math.abs(e) < 1e-9) return L * (1 - e / 2);
  return -Math.expm1(-e) / (s - 1);
}

/**
 * E[purchases in (T, T + t] | alive at T, x, T] = (r + x) (beta + T) / ((alpha + T)(s - 1)) *
 * [1 - ((beta + T) / (beta + T + t))^(s - 1)]: the conditional expectation before multiplying by
 * P(alive) (Fader, Hardie & Lee 2005, eq. 41). Does not depend on tx.
 */
export function paretoNbdExpectedPurchasesIfAlive(params: ParetoNbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = params;
  return ((r + x) / (alpha + T)) * (beta + T) * lifetimeFactor(s, t / (beta + T));
}

/**
 * E[purchases in (T, T + t] | x, tx, T] = P(alive) * the expectation if alive (Fader, Hardie &
 * Lee 2005, eq. 41). t, tx and T in the fit's time unit.
 */
export function paretoNbdConditionalExpectedPurchases(params: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  return paretoNbdProbabilityAlive(params, x, tx, T) * paretoNbdExpectedPurchasesIfAlive(params, t, x, T);
}

/**
 * E[X(t)] = r beta / (alpha (s - 1)) [1 - (beta / (beta + t))^(s - 1)]: expected repeat purchases in
 * (0, t] of a customer who made a first purchase at 0 (Fader, Hardie & Lee 2005, eq. 27).
 * @throws EngineError INVALID_INPUT for non-positive parameters or a negative horizon
 */
export function paretoNbdExpectedPurchases(params: ParetoNbdParams, t: number): number {
  assertPositiveParameters(params, PARETO_NBD_PARAM_NAMES, 'Pareto/NBD');
  assertHorizon(t);
  return paretoNbdExpectedPurchasesIfAlive(params, t, 0, 0);
}
