import { EngineError } from '../errors';
import type { BgNbdParams, GammaGammaParams, ParetoNbdParams } from './types';

export const BG_NBD_PARAM_NAMES = ['r', 'alpha', 'a', 'b'] as const satisfies readonly (keyof BgNbdParams)[];
export const PARETO_NBD_PARAM_NAMES = ['r', 'alpha', 's', 'beta'] as const satisfies readonly (keyof ParetoNbdParams)[];
export const GAMMA_GAMMA_PARAM_NAMES = ['p', 'q', 'gamma'] as const satisfies readonly (keyof GammaGammaParams)[];

/** Throws unless every named parameter is a finite number above 0. */
export function assertPositiveParameters<P extends object>(params: P, names: readonly (keyof P & string)[], model: string): void {
  for (const name of names) {
    const value = params[name] as unknown;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new EngineError('INVALID_INPUT', `${model} parameter ${name} must be a finite number above 0, got ${String(value)}.`);
    }
  }
}

export function assertHorizon(t: number): void {
  if (!Number.isFinite(t) || t < 0) throw new EngineError('INVALID_INPUT', `The prediction horizon must be a finite number of at least 0, got ${t}.`);
}
