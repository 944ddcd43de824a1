import { EngineError } from '../errors';
import { createRng } from '../random';
import { assertPositiveParameters, BG_NBD_PARAM_NAMES, GAMMA_GAMMA_PARAM_NAMES, PARETO_NBD_PARAM_NAMES } from './parameters';
import { unknownPurchaseModel } from './purchase-model';
import type { BgNbdParams, GammaGammaParams, ParetoNbdParams, PurchaseModel, RepeatPurchaseData } from './types';

export interface SimulatePurchasesOptions {
  nCustomers: number;
  /** Age of every customer, or one age per customer. */
  T: number | Float64Array;
  seed: number;
  /** Default 'bgnbd'; Pareto/NBD has its own simulateParetoNbdPurchases. */
  model?: Exclude<PurchaseModel, 'pnbd'>;
  /** Also count purchases in (T, T + holdoutLength]. Default 0. */
  holdoutLength?: number;
}

export interface SimulatedPurchases extends RepeatPurchaseData {
  /** Purchases in the holdout window (zeros when no holdout was asked for). */
  holdoutPurchases: Float64Array;
}

function validateSimulationOptions(options: Omit<SimulatePurchasesOptions, 'model'>): void {
  const { nCustomers, holdoutLength = 0 } = options;
  if (!Number.isInteger(nCustomers) || nCustomers < 1) {
    throw new EngineError('INVALID_OPTION', `nCustomers must be a whole number of at least 1, got ${nCustomers}.`);
  }
  if (typeof options.T !== 'number' && options.T.length !== nCustomers) {
    throw new EngineError('INVALID_OPTION', `T must be one number or one age per customer (${nCustomers}).`);
  }
  if (!(holdoutLength >= 0) || !Number.isFinite(holdoutLength)) {
    throw new EngineError('INVALID_OPTION', `holdoutLength must be a finite number of at least 0, got ${holdoutLength}.`);
  }
}

/** Customer i's age T from a shared number or a per-customer array; INVALID_OPTION when negative or not finite. */
function customerAge(options: Pick<SimulatePurchasesOptions, 'T'>, i: number): number {
  const age = typeof options.T === 'number' ? options.T : options.T[i];
  if (!(age >= 0) || !Number.isFinite(age)) throw new EngineError('INVALID_OPTION', `Customer ${i} has an invalid age ${age}.`);
  return age;
}

/**
 * Draws repeat-purchase histories from BG/NBD or MBG/NBD: lambda ~ Gamma(r, scale 1/alpha),
 * p ~ Beta(a, b), purchases as a Poisson process with rate lambda; after every repeat purchase
 * (MBG/NBD: also right after the first purchase) the customer drops out with probability p.
 * @example
 * const data = simulatePurchases({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { nCustomers: 5000, T: 39, seed: 3 });
 */
export function simulatePurchases(params: BgNbdParams, options: SimulatePurchasesOptions): SimulatedPurchases {
  assertPositiveParameters(params, BG_NBD_PARAM_NAMES, 'BG/NBD');
  const { nCustomers, seed, model = 'bgnbd', holdoutLength = 0 } = options;
  validateSimulationOptions(options);
  let dropoutAtStart: boolean;
  switch (model) {
    case 'bgnbd':
      dropoutAtStart = false;
      break;
    case 'mbgnbd':
      dropoutAtStart = true;
      break;
    default:
      return unknownPurchaseModel(model);
  }
  const rng = createRng(seed);
  const x = new Float64Array(nCustomers);
  const tx = new Float64Array(nCustomers);
  const T = new Float64Array(nCustomers);
  const holdoutPurchases = new Float64Array(nCustomers);
  for (let i = 0; i < nCustomers; i++) {
    const age = customerAge(options, i);
    T[i] = age;
    const lambda = rng.gamma(params.r, 1 / params.alpha);
    const p = rng.beta(params.a, params.b);
    if (dropoutAtStart && rng.next() < p) continue;
    const end = age + holdoutLength;
    let t = 0;
    for (;;) {
      t += -Math.log(1 - rng.next()) / lambda;
      if (!(t <= end)) break;
      if (t <= age) {
        x[i]++;
        tx[i] = t;
      } else {
        holdoutPurchases[i]++;
      }
      if (rng.next() < p) break;
    }
  }
  return { x, tx, T, holdoutPurchases };
}

/**
 * Draws each customer's mean repeat value from Gamma-Gamma: nu ~ Gamma(q, scale 1/gamma) per
 * customer, each of the x repeat values ~ Gamma(p, scale 1/nu); 0 when x = 0.
 */
export function simulateMeanRepeatValues(params: GammaGammaParams, x: Float64Array, seed: number): Float64Array {
  assertPositiveParameters(params, GAMMA_GAMMA_PARAM_NAMES, 'Gamma-Gamma');
  const rng = createRng(seed);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    if (x[i] <= 0) continue;
    const nu = rng.gamma(params.q, 1 / params.gamma);
    // A sum of x Gamma(p, 1/nu) values is Gamma(p x, 1/nu).
    out[i] = rng.gamma(params.p * x[i], 1 / nu) / x[i];
  }
  return out;
}

/**
 * Draws repeat-purchase histories from Pareto/NBD (Schmittlein, Morrison & Colombo 1987):
 * lambda ~ Gamma(r, scale 1/alpha), mu ~ Gamma(s, scale 1/beta), lifetime ~ Exponential(mu) from
 * the first purchase at 0, purchases a Poisson process with rate lambda while alive. x counts
 * purchases in (0, T], tx is the last of them, holdoutPurchases those in (T, T + holdoutLength].
 * @throws EngineError INVALID_INPUT for non-positive parameters, INVALID_OPTION for bad options
 * @example
 * const data = simulateParetoNbdPurchases({ r: 0.55, alpha: 10.6, s: 0.6, beta: 11.7 }, { nCustomers: 5000, T: 39, seed: 3 });
 */
export function simulateParetoNbdPurchases(params: ParetoNbdParams, options: Omit<SimulatePurchasesOptions, 'model'>): SimulatedPurchases {
  assertPositiveParameters(params, PARETO_NBD_PARAM_NAMES, 'Pareto/NBD');
  validateSimulationOptions(options);
  const { nCustomers, seed, holdoutLength = 0 } = options;
  const rng = createRng(seed);
  const x = new Float64Array(nCustomers);
  const tx = new Float64Array(nCustomers);
  const T = new Float64Array(nCustomers);
  const holdoutPurchases = new Float64Array(nCustomers);
  for (let i = 0; i < nCustomers; i++) {
    const age = customerAge(options, i);
    T[i] = age;
    const lambda = rng.gamma(params.r, 1 / params.alpha);
    const mu = rng.gamma(params.s, 1 / params.beta);
    const lifetime = -Math.log(1 - rng.next()) / mu;
    const end = Math.min(lifetime, age + holdoutLength);
    for (let t = -Math.log(1 - rng.next()) / lambda; t <= end; t += -Math.log(1 - rng.next()) / lambda) {
      if (t <= age) {
        x[i]++;
        tx[i] = t;
      } else {
        holdoutPurchases[i]++;
      }
    }
  }
  return { x, tx, T, holdoutPurchases };
}
