import { EngineError } from '../errors';
import type { DegenerateFit, PurchaseModelFit, RepeatPurchaseData, TimeUnit } from './types';

/** P(alive) below which a customer who bought within their usual gap of the end counts as written off. */
export const WRITTEN_OFF_P_ALIVE = 0.01;
/** Mean dropout probability per purchase (BG/NBD, MBG/NBD) at or above which everyone is said to stop. */
export const CERTAIN_DROPOUT = 0.99;
/** How many times the observed repeat rate the fitted mean purchase rate may be before alpha counts as run to 0. */
export const MAX_RATE_RATIO = 100;

export interface DegeneracyCheck {
  /** Model name in messages, e.g. 'BG/NBD'. */
  label: string;
  unit: TimeUnit;
  /** P(alive | x, tx, T) of every customer of the data under the fitted parameters (all at once: Pareto/NBD shares its hypergeometric terms). */
  pAlive: ArrayLike<number>;
  /** Fitted mean purchase rate r / alpha, in the data's unit. */
  meanPurchaseRate: number;
  /** Fitted mean dropout probability after a purchase, a / (a + b); absent for Pareto/NBD. */
  meanDropoutProbability?: number;
}

const percent = (p: number) => `${(100 * p).toFixed(p > 0.999 ? 4 : 1)} %`;

/**
 * Whether fitted purchase-model parameters contradict the data they were fitted on, with the
 * reasons in words; null when they do not. A fit is degenerate when
 * - customers whose last purchase lies within their own mean inter-purchase gap of the end
 *   (x >= 1 and T - tx <= tx / x) get P(alive) below 1 %: the fit writes off people who just bought
 *   (e.g. BG/NBD with b -> 0 on a small file where nobody bought three times: every customer is
 *   then said to stop at their next purchase);
 * - the mean dropout probability a / (a + b) is 99 % or more (a -> huge or b -> 0);
 * - the mean purchase rate r / alpha is more than 100 times the observed repeat rate sum(x) / sum(T)
 *   (alpha -> 0).
 * Parameters that run off in harmless directions (r, alpha -> infinity together: one purchase rate
 * for all; b -> infinity or s / beta -> 0: no dropout seen) are not degenerate; the identification
 * flags report those.
 */
export function findDegeneracy(check: DegeneracyCheck, data: RepeatPurchaseData): DegenerateFit | null {
  const reasons: string[] = [];
  let recent = 0;
  let writtenOff = 0;
  let example = -1;
  let sumX = 0;
  let sumT = 0;
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i];
    sumX += x;
    sumT += data.T[i];
    if (x < 1 || data.T[i] - data.tx[i] > data.tx[i] / x) continue;
    recent++;
    if (check.pAlive[i] < WRITTEN_OFF_P_ALIVE) {
      writtenOff++;
      if (example < 0) example = i;
    }
  }
  if (writtenOff > 0) {
    const e = example;
    const gap = +(data.T[e] - data.tx[e]).toPrecision(3);
    const unit = gap === 1 ? check.unit.slice(0, -1) : check.unit;
    reasons.push(
      `${writtenOff} of ${recent} customers who bought again within their usual gap of the end (e.g. ${data.x[e]} repeat purchase${data.x[e] === 1 ? '' : 's'}, the last ${gap} ${unit} before the end) get P(alive) below 1 %`,
    );
  }
  const p = check.meanDropoutProbability;
  if (p !== undefined && p >= CERTAIN_DROPOUT) reasons.push(`the fit says customers stop after a purchase with probability ${percent(p)} on average`);
  if (sumX > 0 && sumT > 0 && check.meanPurchaseRate > MAX_RATE_RATIO * (sumX / sumT)) {
    reasons.push(
      `the fitted mean purchase rate (${check.meanPurchaseRate.toPrecision(3)} a ${check.unit.slice(0, -1)}) is over ${MAX_RATE_RATIO} times the observed one (${(sumX / sumT).toPrecision(3)})`,
    );
  }
  if (reasons.length === 0) return null;
  return { reason: `${check.label} fits this data degenerately: ${reasons.join('; ')}.`, writtenOff };
}

/**
 * Throws EngineError DEGENERATE_DATA with the fit's reason when the fit is degenerate, so callers
 * that treat EngineErrors as "skipped with reason" skip it; returns the fit otherwise.
 */
export function requireUsablePurchaseFit<F extends PurchaseModelFit>(fit: F): F {
  if (fit.degenerate) {
    throw new EngineError('DEGENERATE_DATA', `${fit.degenerate.reason} Its P(alive) and CLV would be wrong; use another model or more data.`, {
      model: fit.model,
    });
  }
  return fit;
}
