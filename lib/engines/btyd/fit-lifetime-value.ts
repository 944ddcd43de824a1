import { computeClv, DEFAULT_CLV_OPTIONS } from './clv';
import { DEFAULT_CORRELATION_WARNING_THRESHOLD, fitSpendModel } from './gamma-gamma';
import { dropoutNotIdentified } from './dropout-not-identified';
import { DEFAULT_FIT_OPTIONS } from './maximum-likelihood';
import { requireUsablePurchaseFit } from './degenerate-fit';
import { fitPurchaseModel } from './purchase-model';
import { summarizeCustomers } from './summarize';
import { EngineError } from '../errors';
import type { LifetimeValueInput, LifetimeValueOptions, LifetimeValueResult, PurchaseModelFit } from './types';

export const DEFAULT_LIFETIME_VALUE_OPTIONS: Required<LifetimeValueOptions> = {
  ...DEFAULT_FIT_OPTIONS,
  ...DEFAULT_CLV_OPTIONS,
  model: 'bgnbd',
  spendPenalizer: 0,
  correlationWarningThreshold: DEFAULT_CORRELATION_WARNING_THRESHOLD,
};

/**
 * Fits the purchase model (BG/NBD or MBG/NBD) and the Gamma-Gamma spend model, then predicts
 * P(alive), expected purchases, expected spend and discounted CLV (with a parameter-uncertainty
 * interval) per customer. When fewer than 4 customers have a repeat purchase of positive value
 * the spend model is skipped (`spend.status === 'skipped'`) and spend falls back to each
 * customer's observed mean purchase value; the purchase model needs at least 5 customers.
 * A degenerate purchase fit (see findDegeneracy: e.g. BG/NBD on a small file where nobody bought
 * three times, which writes off customers who bought yesterday) throws EngineError
 * DEGENERATE_DATA with the reason in words rather than returning P(alive) 0 and CLV 0: a pipeline
 * that reports EngineErrors as "skipped with reason" then skips it or tries another model.
 * Parameters that are merely not identified (purchaseFit.notIdentified) do not throw; when a
 * dropout parameter is among them the predictions assume nobody stops buying (computeClv's
 * withoutDropout: P(alive) 1, each customer's posterior purchase rate), because the estimated
 * dropout is then noise that can write off the most loyal customers.
 * Summarise with observationEnd = the day after the last day to fit on (exclusive) to fit on
 * purchases up to that day.
 * Pass `fitted`, the purchase model already fitted on the same summary with the same options, to
 * skip refitting it (INVALID_INPUT when its model or customer count differ).
 * @throws EngineError TOO_FEW_CUSTOMERS, NO_CUSTOMERS, DEGENERATE_DATA, INVALID_INPUT, INVALID_OPTION
 * @example
 * const ltv = fitLifetimeValue(
 *   { purchases: { customer, day, value }, period: { nCustomers, observationEnd, unit: 'weeks' } },
 *   { model: 'bgnbd', horizonMonths: 6, discountRate: 0.01, seed: 42 },
 * );
 * ltv.clv[0]; ltv.clvLower[0]; ltv.purchaseFit.params; ltv.spend.status;
 */
export function fitLifetimeValue(input: LifetimeValueInput, options: LifetimeValueOptions = {}, fitted?: PurchaseModelFit): LifetimeValueResult {
  const o: Required<LifetimeValueOptions> = { ...DEFAULT_LIFETIME_VALUE_OPTIONS, ...options };
  const summary = 'summary' in input ? input.summary : summarizeCustomers(input.purchases, input.period);
  const fitOptions = { starts: o.starts, seed: o.seed, maxIterations: o.maxIterations };
  if (fitted && (fitted.model !== o.model || fitted.nCustomers !== summary.x.length)) {
    throw new EngineError('INVALID_INPUT', `The given ${fitted.model} fit of ${fitted.nCustomers} customers is not a ${o.model} fit of these ${summary.x.length} customers.`);
  }
  const purchaseFit = requireUsablePurchaseFit(fitted ?? fitPurchaseModel(o.model, summary, { ...fitOptions, penalizer: o.penalizer }));
  const spend = fitSpendModel(summary, {
    ...fitOptions,
    penalizer: o.spendPenalizer,
    correlationWarningThreshold: o.correlationWarningThreshold,
  });
  const clv = computeClv(purchaseFit, spend.status === 'fitted' ? spend.fit : null, summary, {
    horizonMonths: o.horizonMonths,
    discountRate: o.discountRate,
    monthLengthDays: o.monthLengthDays,
    intervalDraws: o.intervalDraws,
    intervalLevel: o.intervalLevel,
    seed: o.seed,
    withoutDropout: dropoutNotIdentified(purchaseFit).length > 0,
  });
  const warnings = [
    ...purchaseFit.warnings,
    ...(spend.status === 'fitted'
      ? spend.fit.warnings
      : [`Spend model skipped (${spend.reason}); expected spend is each customer's observed mean purchase value.`]),
    ...clv.warnings,
  ];
  return {
    ...clv,
    model: o.model,
    purchaseFit,
    spend,
    customer: summary.customer,
    x: summary.x,
    tx: summary.tx,
    T: summary.T,
    warnings,
  };
}
