import { formatCount, formatInteger, formatMoney, formatPercent } from '../format/format-number';

export interface InsightInput {
  segments: { segment: string; customers: number; revenueShare: number; averageClv: number | null }[];
  topDecileRevenueShare: number | null;
  highValueCustomers: number;
  highValueAtRisk: number;
  /** Months the run's CLV covers; null when the run has no CLV. */
  horizonMonths: number | null;
  /** The sentence every CLV figure of the run carries (see getLifetimeValueNotes), or null. */
  clvCaveat: string | null;
  /** The run's currency for money figures; null or absent when unknown. */
  currency?: string | null;
}

const highestValue = (n: number) => (n === 1 ? 'highest-value customer' : `${formatInteger(n)} highest-value customers`);

const over = (months: number | null) => (months === null ? 'over the CLV horizon' : months === 1 ? 'over the next month' : `over the next ${formatInteger(months)} months`);

/** Plain sentences a marketer can act on, written from the numbers of the current view; the first one quoting CLV carries its caveat. */
export function writeInsights(input: InsightInput): string[] {
  const sentences: string[] = [];
  const money = (value: number | null) => formatMoney(value, input.currency);
  let caveat = input.clvCaveat ? ` CLV caveat: ${input.clvCaveat}` : '';
  // The caveat once, on the first sentence that quotes CLV.
  const quotingClv = (sentence: string) => {
    const withCaveat = sentence + caveat;
    caveat = '';
    return withCaveat;
  };
  const bySegmentRevenue = [...input.segments].sort((a, b) => b.revenueShare - a.revenueShare || a.segment.localeCompare(b.segment));
  const top = bySegmentRevenue[0];
  if (top) {
    sentences.push(
      `The ${top.segment} segment brings the largest share of revenue: ${formatPercent(top.revenueShare)} from ${formatCount(top.customers, 'customer')}.`,
    );
  }
  const withClv = input.segments.filter((s) => s.averageClv !== null);
  const byClv = [...withClv].sort((a, b) => (b.averageClv ?? 0) - (a.averageClv ?? 0) || a.segment.localeCompare(b.segment));
  const [best, worst] = [byClv[0], byClv.at(-1)];
  if (best && worst && byClv.length > 1 && money(best.averageClv) === money(worst.averageClv)) {
    // A model that cannot tell customers apart gives everyone the same CLV: no segment is "highest".
    sentences.push(quotingClv(`Every segment has about the same expected value: ${money(best.averageClv)} per customer ${over(input.horizonMonths)} on average.`));
  } else if (best) {
    sentences.push(
      quotingClv(`The ${best.segment} segment has the highest expected value: ${money(best.averageClv)} per customer ${over(input.horizonMonths)} on average.`),
    );
  }
  if (input.topDecileRevenueShare !== null) {
    sentences.push(`The top 10% of customers bring ${formatPercent(input.topDecileRevenueShare)} of revenue.`);
  }
  if (input.highValueCustomers > 0) {
    sentences.push(
      quotingClv(
        input.highValueAtRisk > 0 && input.highValueCustomers === 1
          ? 'The highest-value customer (top fifth by CLV) is at risk of lapsing: a win-back campaign should reach them first.'
          : input.highValueAtRisk > 0
          ? `${formatInteger(input.highValueAtRisk)} of the ${highestValue(input.highValueCustomers)} (top fifth by CLV) ${input.highValueAtRisk === 1 ? 'is' : 'are'} at risk of lapsing: a win-back campaign should reach them first.`
          : input.highValueCustomers === 1
            ? 'The highest-value customer (top fifth by CLV) is not currently at risk.'
            : `None of the ${highestValue(input.highValueCustomers)} (top fifth by CLV) is currently at risk.`,
      ),
    );
  }
  return sentences;
}
