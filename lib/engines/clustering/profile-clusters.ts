import { EngineError } from '../errors';
import { nameClusters } from './name-clusters';
import type { ClusterProfile, ClusterProfiles, CustomerColumns } from './types';
import { median } from '../quantile';

export const REQUIRED_PROFILE_COLUMNS = ['recency', 'frequency', 'monetary'] as const;

/**
 * Per-cluster size, share of customers, share of revenue (sum of monetary),
 * and mean, median and mean percentile rank of each profile column, with a
 * name for each cluster from its ranks (see nameClusters; a 'clv' column
 * counts towards the value level). Columns are raw (not log-transformed) values.
 * @example
 * const { clusters } = profileClusters(labels, 4, { recency, frequency, monetary, clv });
 */
export function profileClusters(
  labels: Int32Array,
  k: number,
  columns: CustomerColumns,
  profileColumns: readonly string[] = Object.keys(columns),
): ClusterProfiles {
  const n = labels.length;
  const names = [...new Set([...REQUIRED_PROFILE_COLUMNS, ...profileColumns])];
  const missing = names.filter((name) => !(name in columns));
  if (missing.length > 0) {
    throw new EngineError('MISSING_COLUMNS', `No column named ${missing.join(', ')} to describe the clusters with.`, {
      missing,
    });
  }
  for (const name of names) {
    const column = columns[name];
    if (column.length !== n) {
      throw new EngineError('INVALID_INPUT', `Column ${name} has ${column.length} values for ${n} customers.`);
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(column[i])) {
        throw new EngineError('INVALID_INPUT', `Column ${name} has a missing or infinite value at row ${i}.`);
      }
    }
  }
  if (n === 0) throw new EngineError('NO_CUSTOMERS', 'There are no customers to describe.');

  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0 || c >= k) {
      throw new EngineError('INVALID_INPUT', `Cluster labels must be 0..${k - 1}; found ${c}.`);
    }
    sizes[c]++;
  }
  // Members grouped by cluster: cluster c owns order[start[c]..start[c + 1]).
  const start = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) start[c + 1] = start[c] + sizes[c];
  const fill = start.slice(0, k);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[labels[i]]++] = i;

  const clusters = Array.from({ length: k }, (_, c) => ({
    cluster: c,
    size: sizes[c],
    share: sizes[c] / n,
    revenueShare: 0,
    means: {} as Record<string, number>,
    medians: {} as Record<string, number>,
    ranks: {} as Record<string, number>,
  }));
  const overall = { size: n, means: {} as Record<string, number>, medians: {} as Record<string, number> };
  const grouped = new Float64Array(n);
  for (const name of names) {
    const column = columns[name];
    const ranks = percentileRanks(column);
    for (let c = 0; c < k; c++) {
      let sum = 0;
      let rankSum = 0;
      for (let p = start[c]; p < start[c + 1]; p++) {
        grouped[p] = column[order[p]];
        sum += grouped[p];
        rankSum += ranks[order[p]];
      }
      clusters[c].means[name] = sizes[c] > 0 ? sum / sizes[c] : Number.NaN;
      clusters[c].ranks[name] = sizes[c] > 0 ? rankSum / sizes[c] : Number.NaN;
      clusters[c].medians[name] = median(grouped.subarray(start[c], start[c + 1]));
    }
    let total = 0;
    for (let i = 0; i < n; i++) total += column[i];
    overall.means[name] = total / n;
    overall.medians[name] = median(Float64Array.from(column));
  }

  const monetary = columns.monetary;
  let revenue = 0;
  for (let i = 0; i < n; i++) revenue += monetary[i];
  if (revenue !== 0) {
    for (let c = 0; c < k; c++) clusters[c].revenueShare = (clusters[c].means.monetary * sizes[c]) / revenue;
  }
  const clusterNames = nameClusters(
    clusters.map((cluster) => ({
      recency: cluster.ranks.recency,
      frequency: cluster.ranks.frequency,
      monetary: cluster.ranks.monetary,
      clv: 'clv' in cluster.ranks ? cluster.ranks.clv : undefined,
    })),
  );
  const profiles: ClusterProfile[] = clusters.map((cluster, c) => ({
    ...cluster,
    name: clusterNames[c],
    revenueShare: cluster.size > 0 ? cluster.revenueShare : 0,
  }));
  return { clusters: profiles, overall };
}

/** Mid-rank percentile of each value: (count below + half the count equal) / n, so ties share a rank. */
export function percentileRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const below = lowerBound(sorted, values[i]);
    const upTo = upperBound(sorted, values[i]);
    ranks[i] = (below + 0.5 * (upTo - below)) / n;
  }
  return ranks;
}

/** Median of the values; sorts them in place. NaN when empty. */
function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function upperBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
