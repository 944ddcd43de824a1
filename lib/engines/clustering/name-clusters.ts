/** The rank scores naming needs: mean percentile ranks (0..1) of the members' recency, frequency and monetary. */
export interface RfmRanks {
  recency: number;
  frequency: number;
  monetary: number;
}

/**
 * Name each cluster from how its members rank against all customers (0.5 is
 * typical). Ranks rather than raw means keep the rules free of units and of
 * the long right tail of monetary values. Names are spelled as in the RFM
 * segments (lib/engines/rfm) so their descriptions can be shared. A name used
 * twice gets ' II', then ' III', in cluster order.
 */
export function nameClusters(ranks: readonly RfmRanks[]): string[] {
  const seen = new Map<string, number>();
  return ranks.map((rank) => {
    const base = nameFor(rank);
    const times = (seen.get(base) ?? 0) + 1;
    seen.set(base, times);
    return times === 1 ? base : `${base} ${toRoman(times)}`;
  });
}

function nameFor({ recency, frequency, monetary }: RfmRanks): string {
  // Low recency (days since the last order) is good, so flip it into a "recentness" score.
  const recent = 1 - recency;
  const value = (frequency + monetary) / 2;
  if (value >= 0.65) {
    if (recent >= 0.6) return 'Champions';
    if (recent >= 0.4) return 'Loyal Customers';
    return "Can't Lose Them";
  }
  if (value >= 0.5) return recent >= 0.45 ? 'Loyal Customers' : 'At Risk';
  if (recent >= 0.6) return frequency < 0.4 ? 'New Customers' : 'Potential Loyalist';
  if (recent >= 0.45) return 'Need Attention';
  if (recent >= 0.3) return 'About To Sleep';
  return 'Hibernating';
}

function toRoman(value: number): string {
  const numerals: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let rest = value;
  let out = '';
  for (const [amount, numeral] of numerals) {
    while (rest >= amount) {
      out += numeral;
      rest -= amount;
    }
  }
  return out;
}
