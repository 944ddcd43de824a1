import { EngineError } from '../errors';
import { bgNbdConditionalExpectedPurchases, bgNbdProbabilityAlive, fitBgNbd } from './bg-nbd';
import { fitMbgNbd, mbgNbdConditionalExpectedPurchases, mbgNbdProbabilityAlive } from './mbg-nbd';
import { fitParetoNbd, paretoNbdConditionalExpectedPurchases, paretoNbdExpectedPurchasesIfAlive, paretoNbdProbabilityAlive, paretoNbdProbabilityAliveEvaluator } from './pareto-nbd';
import { assertHorizon, assertPositiveParameters, BG_NBD_PARAM_NAMES, PARETO_NBD_PARAM_NAMES } from './parameters';
import { validateRepeatData } from './repeat-data';
import type { FitOptions, PurchaseModel, PurchaseModelFit, PurchaseModelSpec, RepeatPurchaseData, TimeUnit } from './types';

export type { PurchaseModelSpec } from './types';

/** Every purchase model, in the order comparisons list them and break ties. */
export const PURCHASE_MODEL_NAMES = ['bgnbd', 'mbgnbd', 'pnbd'] as const satisfies readonly PurchaseModel[];

/** Name of each purchase model in messages. */
export const PURCHASE_MODEL_LABEL: Record<PurchaseModel, string> = { bgnbd: 'BG/NBD', mbgnbd: 'MBG/NBD', pnbd: 'Pareto/NBD' };

/** Parameters of each purchase model's dropout process: what P(alive) rests on. */
export const DROPOUT_PARAMETERS: Record<PurchaseModel, readonly string[]> = { bgnbd: ['a', 'b'], mbgnbd: ['a', 'b'], pnbd: ['s', 'beta'] };

export function unknownPurchaseModel(model: never): never {
  throw new EngineError('INVALID_OPTION', `Unknown purchase model ${JSON.stringify(model)}; use 'bgnbd', 'mbgnbd' or 'pnbd'.`);
}

/** The exhaustive end of a switch over a PurchaseModelSpec's model. */
export function unknownPurchaseModelSpec(spec: never): never {
  return unknownPurchaseModel((spec as PurchaseModelSpec).model as never);
}

/**
 * Fits the named purchase model (BG/NBD, MBG/NBD or Pareto/NBD) to x, tx, T in `data.unit`.
 * @throws EngineError as the model's fit function (TOO_FEW_CUSTOMERS, INVALID_INPUT, DEGENERATE_DATA, INVALID_OPTION)
 */
export function fitPurchaseModel(model: PurchaseModel, data: RepeatPurchaseData & { unit: TimeUnit }, options: FitOptions = {}): PurchaseModelFit {
  switch (model) {
    case 'bgnbd':
      return fitBgNbd(data, options);
    case 'mbgnbd':
      return fitMbgNbd(data, options);
    case 'pnbd':
      return fitParetoNbd(data, options);
    default:
      return unknownPurchaseModel(model);
  }
}

type CustomerFunctions = {
  alive: (x: number, tx: number, T: number) => number;
  expected: (t: number, x: number, tx: number, T: number) => number;
};

/** Checks the parameters and binds the model's per-customer P(alive) and conditional expectation to them. */
function customerFunctions(spec: PurchaseModelSpec): CustomerFunctions {
  switch (spec.model) {
    case 'bgnbd': {
      const { params } = spec;
      assertPositiveParameters(params, BG_NBD_PARAM_NAMES, 'BG/NBD');
      return {
        alive: (x, tx, T) => bgNbdProbabilityAlive(params, x, tx, T),
        expected: (t, x, tx, T) => bgNbdConditionalExpectedPurchases(params, t, x, tx, T),
      };
    }
    case 'mbgnbd': {
      const { params } = spec;
      assertPositiveParameters(params, BG_NBD_PARAM_NAMES, 'MBG/NBD');
      return {
        alive: (x, tx, T) => mbgNbdProbabilityAlive(params, x, tx, T),
        expected: (t, x, tx, T) => mbgNbdConditionalExpectedPurchases(params, t, x, tx, T),
      };
    }
    case 'pnbd': {
      const { params } = spec;
      assertPositiveParameters(params, PARETO_NBD_PARAM_NAMES, 'Pareto/NBD');
      return {
        alive: (x, tx, T) => paretoNbdProbabilityAlive(params, x, tx, T),
        expected: (t, x, tx, T) => paretoNbdConditionalExpectedPurchases(params, t, x, tx, T),
      };
    }
    default:
      return unknownPurchaseModelSpec(spec);
  }
}

/**
 * P(alive at T | x, tx, T) for every customer.
 * @returns one probability per customer, aligned with data
 * @throws EngineError INVALID_INPUT for bad parameters or data, INVALID_OPTION for an unknown model
 */
export function predictProbabilityAlive(spec: PurchaseModelSpec, data: RepeatPurchaseData): Float64Array {
  const { alive } = customerFunctions(spec);
  const n = validateRepeatData(data);
  const out = new Float64Array(n);
  // Pareto/NBD's hypergeometric terms are shared by customers of the same x (see paretoNbdProbabilityAliveEvaluator).
  if (spec.model === 'pnbd') paretoNbdProbabilityAliveEvaluator(data)(spec.params, out);
  else for (let i = 0; i < n; i++) out[i] = alive(data.x[i], data.tx[i], data.T[i]);
  return out;
}

/**
 * Expected purchases in (T, T + t] for every customer, t in the data's time unit.
 * @throws EngineError INVALID_INPUT for bad parameters, data or horizon, INVALID_OPTION for an unknown model
 */
export function predictConditionalPurchases(spec: PurchaseModelSpec, data: RepeatPurchaseData, t: number): Float64Array {
  const { expected } = customerFunctions(spec);
  assertHorizon(t);
  if (spec.model === 'pnbd' && t > 0) {
    // P(alive) for all customers at once, times the expectation if alive: paretoNbdConditionalExpectedPurchases's product.
    const out = predictProbabilityAlive(spec, data);
    for (let i = 0; i < out.length; i++) out[i] *= paretoNbdExpectedPurchasesIfAlive(spec.params, t, data.x[i], data.T[i]);
    return out;
  }
  const n = validateRepeatData(data);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = expected(t, data.x[i], data.tx[i], data.T[i]);
  return out;
}
