import { DROPOUT_PARAMETERS } from './purchase-model';
import type { PurchaseModelFit } from './types';

/**
 * The dropout parameters of a purchase fit (BG/NBD, MBG/NBD: a, b; Pareto/NBD: s, beta) that the
 * data do not identify, in the fit's order; [] when the data tell when customers stop buying.
 */
export function dropoutNotIdentified(fit: Pick<PurchaseModelFit, 'model' | 'notIdentified'>): string[] {
  return fit.notIdentified.filter((param) => DROPOUT_PARAMETERS[fit.model].includes(param));
}
