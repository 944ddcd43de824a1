import { CHURN_CHURNED } from '../rfm/churn-status';

/** How the CLV caveat says it; a run's stored caveat without it was analysed before this rule (2026-12-02). */
export const CHURNED_COUNTED_AS_LOST = 'except those the days-silent rule calls Churned, who are counted as lost (0)';

/**
 * Where the data cannot identify dropout, expected purchases and CLV assume nobody stops buying
 * (computeClv's withoutDropout), and the churn status comes from the days-silent rule. A customer
 * the rule calls Churned is then counted as lost: their expected purchases, CLV and its interval
 * bounds become 0, so no page shows "Churned" beside a CLV that assumes they keep buying, and
 * totals, rankings and filters do not count on them.
 * @param status churn status per customer (CHURN_ACTIVE / CHURN_AT_RISK / CHURN_CHURNED), length n
 * @param values arrays set to 0 for churned customers: indexed by row (with rowOfCustomer) or by customer
 * @param rowOfCustomer row of each customer in `values` (-1: none); omitted when `values` are indexed by customer
 * @returns how many customers were counted as lost
 */
export function countChurnedAsLost(status: Uint8Array, values: readonly Float64Array[], rowOfCustomer?: Int32Array): number {
  let lost = 0;
  for (let c = 0; c < status.length; c++) {
    if (status[c] !== CHURN_CHURNED) continue;
    const row = rowOfCustomer ? rowOfCustomer[c] : c;
    if (row < 0) continue;
    for (const column of values) column[row] = 0;
    lost++;
  }
  return lost;
}
