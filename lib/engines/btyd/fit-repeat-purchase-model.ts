import { EngineError } from '../errors';
import { maximizeLikelihood, resolveFitOptions, toNamedFit, type NegLogLikelihood } from './maximum-likelihood';
import { assertEnoughCustomers, prepareRepeatData, purchaseModelStart, repeatPurchaseWarnings, type PreparedRepeatData } from './repeat-data';
import { assertTimeUnit } from './time-unit';
import type { FitOptions, MaximumLikelihoodFit, RepeatPurchaseData, TimeUnit } from './types';

/** Warning of a purchase fit whose dropout parameters are not identified. */
export const DROPOUT_NOT_IDENTIFIED =
  'This data cannot tell when customers stop buying: P(alive) near 100 % means no evidence of churn, not a promise to buy.';

export interface RepeatPurchaseModelDefinition<P> {
  /** Name in messages, e.g. 'BG/NBD'. */
  label: string;
  names: readonly (keyof P & string)[];
  /** The parameters of the dropout process (BG/NBD, MBG/NBD: a, b; Pareto/NBD: s, beta). */
  dropout: readonly (keyof P & string)[];
  /**
   * Total negative log-likelihood over log-parameters, built once per data set; it fills the
   * analytic gradient when given one (every purchase model does).
   */
  negLogLikelihood: (data: PreparedRepeatData) => NegLogLikelihood;
  /** First start in log-parameters; default purchaseModelStart. */
  start?: (data: PreparedRepeatData, T: Float64Array) => Float64Array;
}

/** Shared driver of the purchase-model fits: validate, maximise over log-parameters, name the result. */
export function fitRepeatPurchaseModel<P>(
  model: RepeatPurchaseModelDefinition<P>,
  data: RepeatPurchaseData & { unit: TimeUnit },
  options: FitOptions,
): MaximumLikelihoodFit<P> {
  const { label } = model;
  assertTimeUnit(data.unit);
  const resolved = resolveFitOptions(options);
  const prepared = prepareRepeatData(data);
  assertEnoughCustomers(prepared.n, label);
  if (data.T.every((t) => t === 0)) {
    throw new EngineError(
      'DEGENERATE_DATA',
      `Every customer was observed for no time at all (all first purchases fall at the end of the period), so ${label} cannot be fitted.`,
    );
  }
  const start = (model.start ?? purchaseModelStart)(prepared, data.T);
  const negLogLikelihood = model.negLogLikelihood(prepared);
  const estimate = maximizeLikelihood(
    { negLogLikelihood: (theta) => negLogLikelihood(theta), negLogLikelihoodWithGradient: negLogLikelihood, nCustomers: prepared.n, start },
    resolved,
  );
  const fit = toNamedFit<P>(model.names, estimate, {
    penalizer: resolved.penalizer,
    nCustomers: prepared.n,
    warnings: repeatPurchaseWarnings(prepared, label),
  });
  if (model.dropout.some((name) => fit.notIdentified.includes(name))) fit.warnings.push(DROPOUT_NOT_IDENTIFIED);
  return fit;
}
