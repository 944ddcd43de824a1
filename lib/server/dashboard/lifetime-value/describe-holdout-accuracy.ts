import { formatMoney } from '../../../format/format-number';
import { holdoutPeriod } from '../../../format/holdout-period';

export interface HoldoutAccuracyInput {
  /** Length of the held-back period in `unit`. */
  holdoutLength: number;
  unit: 'days' | 'weeks';
  measure: 'purchases' | 'spend';
  /** Mean absolute error per customer of the model and of the naive baseline. */
  modelMae: number;
  naiveMae: number;
  /** The run's currency (ISO code or label) for spend amounts; null when unknown. */
  currency: string | null;
}

const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * The holdout comparison of the model with the naive baseline (each customer's calibration rate
 * carried forward) in one sentence a marketer can read; spend errors carry the run's currency
 * ("£399.67"); says so plainly when the model loses.
 */
export function describeHoldoutAccuracy({ holdoutLength, unit, measure, modelMae, naiveMae, currency }: HoldoutAccuracyInput): string {
  const held = `On ${holdoutPeriod(holdoutLength, unit)}`;
  if (!Number.isFinite(modelMae) || !Number.isFinite(naiveMae)) {
    return `${held}, the forecast errors could not be computed, so the model cannot be compared with the simple rule.`;
  }
  const amount = (value: number) => (measure === 'purchases' ? `${twoDecimals.format(value)} purchases` : formatMoney(value, currency));
  const baseline = measure === 'purchases' ? "simply carrying each customer's past rate forward" : "simply carrying each customer's past spending rate forward";
  const sentence = `${held}, the model's ${measure === 'purchases' ? 'purchase' : 'spend'} forecasts were off by ${amount(modelMae)} per customer on average, against ${measure === 'purchases' ? twoDecimals.format(naiveMae) : formatMoney(naiveMae, currency)} for ${baseline}`;
  if (naiveMae === 0) {
    return modelMae === 0 ? `${sentence}: both were exact.` : `${sentence}: the simple rule was exact and the model was not, so the model did worse.`;
  }
  const change = Math.round((Math.abs(naiveMae - modelMae) / naiveMae) * 100);
  if (change === 0) return `${sentence}: about the same, so the model adds little over the simple rule on this period.`;
  return modelMae < naiveMae
    ? `${sentence}: ${change} % better.`
    : `${sentence}: ${change} % worse, so on this period the simple rule forecast better than the model.`;
}
