import { EngineError } from '../errors';
import { maximizeLikelihood, resolveFitOptions, toNamedFit } from './maximum-likelihood';
import { BG_NBD_PARAM_NAMES } from './parameters';
import { assertEnoughCustomers, prepareRepeatData, purchaseModelStart, repeatPurchaseWarnings, type PreparedRepeatData } from './repeat-data';
import { assertTimeUnit } from './time-unit';
import type { BgNbdParams, FitOptions, RepeatPurchaseData, TimeUnit } from './types';

/** Shared driver of the BG/NBD and MBG/NBD fits: validate, maximise over log-parameters, name the result. */
export function fitRepeatPurchaseModel(
  label: string,
  negLogLikelihood: (data: PreparedRepeatData) => (theta: Float64Array) => number,
  data: RepeatPurchaseData & { unit: TimeUnit },
  options: FitOptions,
) {
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
  const estimate = maximizeLikelihood(
    { negLogLikelihood: negLogLikelihood(prepared), nCustomers: prepared.n, start: purchaseModelStart(prepared, data.T) },
    resolved,
  );
  return toNamedFit<BgNbdParams>(BG_NBD_PARAM_NAMES, estimate, {
    penalizer: resolved.penalizer,
    nCustomers: prepared.n,
    warnings: repeatPurchaseWarnings(prepared),
  });
}
