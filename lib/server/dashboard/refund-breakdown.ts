// Pure, without server-only: the upload preview words its refunds with the same function as the
// data-quality report and the overview.
import type { CleanResult } from '../../engines/clean/types';

/**
 * Where every refund attributed to a customer went: total = deducted + beyondPurchases + withoutPurchase.
 * Net revenue is gross revenue less `deducted`.
 */
export interface RefundBreakdown {
  /** Every refund attributed to a customer: refund lines and refunds stated on orders. */
  total: number;
  /** Set against the customers' purchases in the file: per customer min(gross, refunds). */
  deducted: number;
  /** Not deducted, because a customer's revenue never goes below zero: refunds beyond what the customer bought in the file. */
  beyondPurchases: number | null;
  /** Not deducted: refunds of customers with no purchase in the file (they are not analysed). */
  withoutPurchase: number | null;
}

const cents = (value: number) => Math.round(value * 100) / 100;

/** The breakdown of a cleaning result, customer by customer. */
export function breakdownRefunds(cleaned: Pick<CleanResult, 'orders' | 'customerGross' | 'customerRefunds'>): RefundBreakdown {
  const bought = new Uint8Array(cleaned.customerGross.length);
  for (let o = 0; o < cleaned.orders.count; o++) bought[cleaned.orders.customer[o]] = 1;
  let total = 0;
  let deducted = 0;
  let beyondPurchases = 0;
  let withoutPurchase = 0;
  for (let c = 0; c < bought.length; c++) {
    const gross = cleaned.customerGross[c];
    const refunds = cleaned.customerRefunds[c];
    total += refunds;
    if (!bought[c]) withoutPurchase += refunds;
    else {
      deducted += Math.min(gross, refunds);
      beyondPurchases += Math.max(0, refunds - gross);
    }
  }
  return { total: cents(total), deducted: cents(deducted), beyondPurchases: cents(beyondPurchases), withoutPurchase: cents(withoutPurchase) };
}

/**
 * The breakdown when only the totals are known (the upload preview, reports stored before the
 * breakdown was): gross - net is what was deducted, the rest is not told apart.
 */
export function breakdownRefundTotals(totals: { grossRevenue: number; netRevenue: number; refunds: number }): RefundBreakdown {
  return { total: cents(totals.refunds), deducted: cents(totals.grossRevenue - totals.netRevenue), beyondPurchases: null, withoutPurchase: null };
}

/** True when net revenue is not simply gross less every refund, so the difference needs saying. */
export function hasRefundsNotDeducted(refunds: RefundBreakdown): boolean {
  return refunds.total - refunds.deducted >= 0.005;
}

/**
 * How net revenue is counted, in words with the figures, the same way on the upload preview, the
 * data-quality report and the overview: "gross 64,036.34 less refunds 1,657.20; not deducted:
 * 58.22 beyond what those customers bought in the file (a customer's revenue never goes below
 * zero) and 118.00 by customers with no purchase in the file (not analysed)".
 */
export function describeNetRevenue(grossRevenue: number, refunds: RefundBreakdown, money: (value: number) => string): string {
  const counted = `gross ${money(grossRevenue)} less refunds ${money(refunds.deducted)}`;
  const parts: string[] = [];
  if (refunds.beyondPurchases === null && refunds.withoutPurchase === null) {
    if (hasRefundsNotDeducted(refunds)) {
      parts.push(
        `${money(cents(refunds.total - refunds.deducted))} beyond what those customers bought in the file or by customers with no purchase in it (a customer’s revenue never goes below zero)`,
      );
    }
  } else {
    if (refunds.beyondPurchases !== null && refunds.beyondPurchases >= 0.005) {
      parts.push(`${money(refunds.beyondPurchases)} beyond what those customers bought in the file (a customer’s revenue never goes below zero)`);
    }
    if (refunds.withoutPurchase !== null && refunds.withoutPurchase >= 0.005) {
      parts.push(`${money(refunds.withoutPurchase)} by customers with no purchase in the file (not analysed)`);
    }
  }
  return parts.length === 0 ? counted : `${counted}; not deducted: ${parts.join(' and ')}`;
}
