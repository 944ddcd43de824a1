import { TIE_TOLERANCE, type PurchaseModelComparison } from '../btyd/compare-purchase-models';
import type { PurchaseModel, PurchaseModelFit } from '../btyd/types';
import { isEngineError, type EngineErrorCode } from '../errors';

/** One purchase model's outcome on the holdout: scored, or not fitted with the reason. */
export type HoldoutModelOutcome = PurchaseModelComparison;

/** One purchase model fitted on the main (fit) period: its fit, or the reason it could not be fitted. */
export type FitModelOutcome =
  | { model: PurchaseModel; status: 'done'; fit: PurchaseModelFit }
  | { model: PurchaseModel; status: 'failed'; reason: string; code: EngineErrorCode };

/** Which purchase model the run uses, and why. */
export interface ModelChoice {
  model: PurchaseModel;
  /** 'holdout': lowest holdout purchase MAE (converged fits first); 'user': fixed by the options; 'default': no holdout to choose by. */
  by: 'holdout' | 'user' | 'default';
  reason: string;
}

/** Runs `work` for one model; an EngineError (the data cannot support the model) becomes a failed outcome. */
export function outcomeOf<T extends object>(model: PurchaseModel, work: () => T): ({ model: PurchaseModel; status: 'done' } & T) | { model: PurchaseModel; status: 'failed'; reason: string; code: EngineErrorCode } {
  try {
    return { model, status: 'done', ...work() };
  } catch (error) {
    if (isEngineError(error) && error.code !== 'INVALID_OPTION') return { model, status: 'failed', reason: error.message, code: error.code };
    throw error;
  }
}

/**
 * The purchase model to use: the user's when fixed; otherwise, among the models fitted on both
 * periods, the one with the lowest holdout MAE of purchases per customer, taken first from the
 * models whose fit on the fit period converged (MAEs within TIE_TOLERANCE of the lowest tie, and
 * ties go to the earlier model in `order`, as comparePurchaseModels does). A model whose fit did not
 * converge is chosen only when no converged model could be scored, and the reason says so. With no
 * holdout, the first model in `order` that fitted and converged, else the first that fitted.
 * @returns null when no model could be fitted on the fit period
 */
export function choosePurchaseModel(
  fixed: PurchaseModel | 'auto',
  order: readonly PurchaseModel[],
  fits: readonly FitModelOutcome[],
  holdout: readonly HoldoutModelOutcome[] | null,
  label: (model: PurchaseModel) => string,
): ModelChoice | null {
  const fitted = new Set(fits.filter((f) => f.status === 'done').map((f) => f.model));
  const converged = new Set(fits.flatMap((f) => (f.status === 'done' && f.fit.convergence.converged ? [f.model] : [])));
  if (fixed !== 'auto') return { model: fixed, by: 'user', reason: `${label(fixed)} was chosen in the options.` };
  if (holdout) {
    const usable = order.flatMap((model) => {
      const h = holdout.find((o) => o.model === model);
      return h?.status === 'done' && fitted.has(model) ? [{ model, mae: h.result.model.purchases.mae }] : [];
    });
    const usableConverged = usable.filter((u) => converged.has(u.model));
    const candidates = usableConverged.length > 0 ? usableConverged : usable;
    const lowest = Math.min(...candidates.map((u) => u.mae));
    const best = candidates.find((u) => u.mae <= lowest * (1 + TIE_TOLERANCE));
    if (best) {
      const tied = candidates.filter((u) => u !== best && u.mae <= lowest * (1 + TIE_TOLERANCE)).map((u) => label(u.model));
      const passedOver = usable.filter((u) => !converged.has(u.model) && u.mae < best.mae);
      const among = converged.has(best.model) && passedOver.length > 0 ? ' of the models whose fit converged' : '';
      const scored =
        tied.length === 0
          ? `${label(best.model)} predicted each customer's holdout purchases best${among} (mean absolute error ${best.mae.toPrecision(4)}).`
          : `${joinLabels([label(best.model), ...tied])} predicted each customer's holdout purchases equally well${among} (mean absolute error ${best.mae.toPrecision(4)}); ${label(best.model)} comes first in the order of preference.`;
      const notes = converged.has(best.model)
        ? passedOver.map((u) => ` ${label(u.model)} scored lower (mean absolute error ${u.mae.toPrecision(4)}) but its fit did not converge.`).join('')
        : '';
      return {
        model: best.model,
        by: 'holdout',
        reason: converged.has(best.model)
          ? scored + notes
          : `${label(best.model)} was chosen although its fit did not converge: no model whose fit converged could be scored on the holdout. ${scored}`,
      };
    }
  }
  const first = order.find((m) => converged.has(m)) ?? order.find((m) => fitted.has(m));
  if (!first) return null;
  const notConverged = converged.has(first) ? '' : ` Its fit did not converge; it was chosen because no model whose fit converged could be used.`;
  return {
    model: first,
    by: 'default',
    reason:
      (holdout
        ? `No model could be scored on the holdout; ${label(first)} is the default.`
        : `There is no holdout period to compare the models on; ${label(first)} is the default.`) + notConverged,
  };
}

/** "A", "A and B", "A, B and C". */
function joinLabels(labels: readonly string[]): string {
  return labels.join(', ').replace(/, ([^,]*)$/, ' and $1');
}
