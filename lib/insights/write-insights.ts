import { formatInteger, formatMoney, formatPercent } from '../format/format-number';

export interface InsightInput {
  segments: { segment: string; customers: number; revenueShare: number; averageClv: number | null }[];
  topDecileRevenueShare: number | null;
  highValueCustomers: number;
  highValueAtRisk: number;
}

/** Plain sentences a marketer can act on, written from the numbers of the current view. */
export function writeInsights(input: InsightInput): string[] {
  const sentences: string[] = [];
  const bySegmentRevenue = [...input.segments].sort((a, b) => b.revenueShare - a.revenueShare || a.segment.localeCompare(b.segment));
  const top = bySegmentRevenue[0];
  if (top) {
    sentences.push(
      `The ${top.segment} segment brings the largest share of revenue: ${formatPercent(top.revenueShare)} from ${formatInteger(top.customers)} customers.`,
    );
  }
  const withClv = input.segments.filter((s) => s.averageClv !== null);
  const best = [...withClv].sort((a, b) => (b.averageClv ?? 0) - (a.averageClv ?? 0) || a.segment.localeCompare(b.segment))[0];
  if (best) {
    sentences.push(`The ${best.segment} segment has the highest expected value: ${formatMoney(best.averageClv)} per customer over the next six months on average.`);
  }
  if (input.topDecileRevenueShare !== null) {
    sentences.push(`The top 10 % of customers bring ${formatPercent(input.topDecileRevenueShare)} of revenue.`);
  }
  if (input.highValueCustomers > 0) {
    sentences.push(
      input.highValueAtRisk > 0
        ? `${formatInteger(input.highValueAtRisk)} of the ${formatInteger(input.highValueCustomers)} highest-value customers (top fifth by CLV) are at risk of lapsing: a win-back campaign should reach them first.`
        : `None of the ${formatInteger(input.highValueCustomers)} highest-value customers (top fifth by CLV) is currently at risk.`,
    );
  }
  return sentences;
}
