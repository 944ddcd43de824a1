/**
 * What naming reads from a cluster: the members' mean percentile ranks (0..1, 0.5 = typical
 * customer) of recency, frequency, monetary and, when it was profiled, predicted lifetime value.
 * A non-finite rank marks an empty cluster.
 */
export interface ClusterRanks {
  recency: number;
  frequency: number;
  monetary: number;
  clv?: number;
}

/** The name an empty cluster gets. */
export const EMPTY_CLUSTER_NAME = 'Empty';

// Five levels per dimension, lowest first, cut at mean ranks 0.2, 0.4, 0.6 and 0.8.
const VALUE_WORDS = ['Very low value', 'Low value', 'Mid value', 'High value', 'Very high value'] as const;
const RECENCY_WORDS = ['long lapsed', 'lapsed', 'lapsing', 'recent', 'very recent'] as const;
const FREQUENCY_WORDS = ['rare', 'infrequent', 'occasional', 'frequent', 'very frequent'] as const;

/**
 * Name each cluster by how its members compare with the whole customer base, in words that are
 * never RFM segment or churn names, so a cluster cannot pass for a segment: value level (mean
 * rank of monetary, averaged with the CLV rank when given) and recency level, as in
 * 'High value · recent'. Clusters that would share a name all get their frequency level too
 * ('High value · frequent · recent'); any still alike are numbered ' (2)', ' (3)' in cluster order.
 * The same ranks in the same order always give the same names.
 * @example
 * nameClusters([{ recency: 0.15, frequency: 0.8, monetary: 0.9 }, { recency: 0.7, frequency: 0.3, monetary: 0.3 }]);
 * // ['Very high value · very recent', 'Low value · lapsed']
 */
export function nameClusters(ranks: readonly ClusterRanks[]): string[] {
  const short = ranks.map((rank) => nameFor(rank, false));
  const counts = countOf(short);
  const names = ranks.map((rank, c) => ((counts.get(short[c]) ?? 0) > 1 ? nameFor(rank, true) : short[c]));
  const seen = new Map<string, number>();
  return names.map((name) => {
    const times = (seen.get(name) ?? 0) + 1;
    seen.set(name, times);
    return times === 1 ? name : `${name} (${times})`;
  });
}

function nameFor(rank: ClusterRanks, withFrequency: boolean): string {
  const { recency, frequency, monetary, clv } = rank;
  if (![recency, frequency, monetary].every(Number.isFinite)) return EMPTY_CLUSTER_NAME;
  const value = clv !== undefined && Number.isFinite(clv) ? (monetary + clv) / 2 : monetary;
  // A low recency rank (few days since the last order) is the recent end.
  const parts: string[] = [VALUE_WORDS[level(value)], RECENCY_WORDS[level(1 - recency)]];
  if (withFrequency) parts.splice(1, 0, FREQUENCY_WORDS[level(frequency)]);
  return parts.join(' · ');
}

/** 0..4 from a mean rank; the cuts are symmetric, so 0.2 and 0.8 are the ends of the middle three. */
function level(rank: number): number {
  if (rank >= 0.8) return 4;
  if (rank >= 0.6) return 3;
  if (rank > 0.4) return 2;
  if (rank > 0.2) return 1;
  return 0;
}

function countOf(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
