import { gammaGammaConditionalExpectedSpend, spendDataOf } from './gamma-gamma';
import type { GammaGammaParams, SpendData } from './types';

/**
 * Expected value per purchase for each customer: the Gamma-Gamma conditional mean, or the
 * customer's observed mean purchase value where the spend model is missing or gives no finite
 * value (q <= 1). Returns how many customers fell back to the observed mean.
 */
export function expectedSpendPerPurchase(
  spend: GammaGammaParams | null,
  data: SpendData & { meanValue?: Float64Array; spendX?: Float64Array },
  out: Float64Array,
): number {
  const { x, meanRepeatValue } = spendDataOf(data);
  let fallbacks = 0;
  for (let i = 0; i < out.length; i++) {
    let value = spend ? gammaGammaConditionalExpectedSpend(spend, x[i], meanRepeatValue[i]) : NaN;
    if (!Number.isFinite(value)) {
      value = data.meanValue ? data.meanValue[i] : NaN;
      fallbacks++;
    }
    out[i] = value;
  }
  return fallbacks;
}
