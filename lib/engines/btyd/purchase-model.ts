import { EngineError } from '../errors';
import { bgNbdConditionalExpectedPurchases, bgNbdProbabilityAlive, fitBgNbd } from './bg-nbd';
import { fitMbgNbd, mbgNbdConditionalExpectedPurchases, mbgNbdProbabilityAlive } from './mbg-nbd';
import { assertHorizon, assertPositiveParameters, BG_NBD_PARAM_NAMES } from './parameters';
import { validateRepeatData } from './repeat-data';
import type { BgNbdParams, FitOptions, PurchaseModel, PurchaseModelFit, RepeatPurchaseData, TimeUnit } from './types';

/** The part of a fit that predictions need. */
export type PurchaseModelSpec = Pick<PurchaseModelFit, 'model' | 'params'>;

export function unknownPurchaseModel(model: never): never {
  throw new EngineError('INVALID_OPTION', `Unknown purchase model ${JSON.stringify(model)}; use 'bgnbd' or 'mbgnbd'.`);
}

export function fitPurchaseModel(model: PurchaseModel, data: RepeatPurchaseData & { unit: TimeUnit }, options: FitOptions = {}): PurchaseModelFit {
  switch (model) {
    case 'bgnbd':
      return fitBgNbd(data, options);
    case 'mbgnbd':
      return fitMbgNbd(data, options);
    default:
      return unknownPurchaseModel(model);
  }
}

type CustomerFunction = (params: BgNbdParams, x: number, tx: number, T: number) => number;

function modelFunctions(model: PurchaseModel): { alive: CustomerFunction; expected: (params: BgNbdParams, t: number, x: number, tx: number, T: number) => number } {
  switch (model) {
    case 'bgnbd':
      return { alive: bgNbdProbabilityAlive, expected: bgNbdConditionalExpectedPurchases };
    case 'mbgnbd':
      return { alive: mbgNbdProbabilityAlive, expected: mbgNbdConditionalExpectedPurchases };
    default:
      return unknownPurchaseModel(model);
  }
}

function checkSpec(spec: PurchaseModelSpec): void {
  assertPositiveParameters(spec.params, BG_NBD_PARAM_NAMES, spec.model === 'bgnbd' ? 'BG/NBD' : 'MBG/NBD');
}

/** P(alive) for every customer. */
export function predictProbabilityAlive(spec: PurchaseModelSpec, data: RepeatPurchaseData): Float64Array {
  checkSpec(spec);
  const n = validateRepeatData(data);
  const { alive } = modelFunctions(spec.model);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = alive(spec.params, data.x[i], data.tx[i], data.T[i]);
  return out;
}

/** Expected purchases in the next t units for every customer. */
export function predictConditionalPurchases(spec: PurchaseModelSpec, data: RepeatPurchaseData, t: number): Float64Array {
  checkSpec(spec);
  assertHorizon(t);
  const n = validateRepeatData(data);
  const { expected } = modelFunctions(spec.model);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = expected(spec.params, t, data.x[i], data.tx[i], data.T[i]);
  return out;
}
