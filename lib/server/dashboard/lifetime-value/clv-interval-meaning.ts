/**
 * What a customer's CLV interval covers, as computeClv (lib/engines/btyd/clv.ts) builds it: the
 * purchase model's log-parameters (r and alpha only when dropout is not identified) and, when its
 * covariance allows, Gamma-Gamma's are drawn (seeded, 200 draws by default) from the normal their
 * fit's covariance gives; the customer's expected CLV is recomputed for each draw, and the interval
 * runs between the draws' percentiles (5th and 95th at 90 %).
 * It is the uncertainty of the estimate, not the range the customer's own future spend may fall in.
 */
export const CLV_INTERVAL_MEANING =
  "Parameter uncertainty only: the range of this customer's expected CLV when the fitted models' parameters are redrawn within their uncertainty. The customer's own purchases and order values vary more than this.";

/** "90 % interval of the estimate (parameter uncertainty)"; level is a fraction (0.9) or null when unknown. */
export function clvIntervalLabel(level: number | null): string {
  return `${level === null ? 'Interval' : `${Math.round(level * 100)} % interval`} of the estimate (parameter uncertainty)`;
}
