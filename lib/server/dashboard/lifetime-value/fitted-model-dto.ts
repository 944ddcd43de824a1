import type { PurchaseModel } from '../../../engines/btyd/types';

export interface ModelParameterDto {
  name: string;
  estimate: number | null;
  standardError: number | null;
  /** The fit's 95 % interval, or estimate ± 1.96 standard errors with the lower bound cut at 0 (parameters are positive). */
  lower: number | null;
  upper: number | null;
  lowerCut: boolean;
  /** The data barely constrain this parameter: very different values fit about as well. */
  notIdentified: boolean;
}

export interface FittedModelDto {
  parameters: ModelParameterDto[];
  logLikelihood: number | null;
  customers: number;
  converged: boolean;
  /** Parameters the data do not identify, in the order of `parameters`. */
  notIdentified: string[];
  warnings: string[];
}

/** A maximum-likelihood fit as the run's summary stores it; intervals and notIdentified are absent in runs stored before them. */
export interface StoredFit {
  params: Record<string, number | null>;
  standardErrors: Record<string, number | null>;
  intervals?: Record<string, { lower: number | null; upper: number | null } | undefined>;
  notIdentified?: string[];
  logLikelihood: number | null;
  customers: number;
  converged: boolean;
  warnings: string[];
}

/** Each purchase model's parameters in the order they are shown. */
export const PURCHASE_MODEL_PARAMETERS: Record<PurchaseModel, readonly string[]> = {
  bgnbd: ['r', 'alpha', 'a', 'b'],
  mbgnbd: ['r', 'alpha', 'a', 'b'],
  pnbd: ['r', 'alpha', 's', 'beta'],
};
export const SPEND_MODEL_PARAMETERS = ['p', 'q', 'gamma'] as const;

/** What each parameter means, in plain words. */
export const PARAMETER_MEANING: Record<string, string> = {
  r: 'shape of the purchase-rate spread between customers',
  alpha: 'scale of the purchase-rate spread between customers',
  a: 'dropout after a purchase: Beta shape a',
  b: 'dropout after a purchase: Beta shape b',
  s: 'shape of the dropout-rate spread between customers',
  beta: 'scale of the dropout-rate spread between customers',
  p: 'shape of each order value',
  q: 'shape of the spread of average spend between customers',
  gamma: 'scale of average spend between customers',
};

const Z95 = 1.96;

/** A stored fit's parameters `names` with their 95 % intervals and identification. */
export function fittedModelDto(fit: StoredFit, names: readonly string[]): FittedModelDto {
  const notIdentified = names.filter((name) => fit.notIdentified?.includes(name));
  return {
    parameters: names.map((name) => {
      const estimate = fit.params[name] ?? null;
      const standardError = fit.standardErrors[name] ?? null;
      const stored = fit.intervals?.[name];
      const rawLower = stored ? stored.lower : estimate !== null && standardError !== null ? estimate - Z95 * standardError : null;
      const upper = stored ? stored.upper : estimate !== null && standardError !== null ? estimate + Z95 * standardError : null;
      return {
        name,
        estimate,
        standardError,
        lower: rawLower === null ? null : Math.max(0, rawLower),
        upper,
        lowerCut: rawLower !== null && rawLower < 0,
        notIdentified: notIdentified.includes(name),
      };
    }),
    logLikelihood: fit.logLikelihood,
    customers: fit.customers,
    converged: fit.converged,
    notIdentified,
    warnings: fit.warnings,
  };
}
