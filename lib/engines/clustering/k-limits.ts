import { EngineError } from '../errors';
import { countDistinctRows } from './count-distinct-rows';
import type { PreparedMatrix } from './types';

/** Fewest customers a clustering can be scored on: two clusters and a silhouette need n - 1 >= 2. */
export const MIN_CLUSTERING_CUSTOMERS = 3;

/** The largest number of clusters the data support, per kind of method. */
export interface KLimits {
  n: number;
  /** Customers with different feature values, counted no further than the limits need. */
  distinct: number;
  /** Features that vary; each mixture component spreads over these. */
  dimensions: number;
  features: string[];
  /** k-means and Ward: each cluster needs a customer of its own, and a silhouette needs k <= n - 1. */
  partition: number;
  /**
   * Gaussian mixture: dimensions + 1 different customers per component, or its covariance is
   * singular; with 3 or more customers this is always the tighter limit.
   */
  mixture: number;
}

/**
 * What k the prepared matrix supports, looking no further than `wanted` clusters.
 * @example
 * kLimits(prepared, 10); // 7 customers, all different, 3 features -> { partition: 6, mixture: 1, ... }
 */
export function kLimits(prepared: PreparedMatrix, wanted: number): KLimits {
  const { matrix, stds } = prepared;
  let varying = 0;
  for (const std of stds) if (std > 0) varying++;
  const dimensions = Math.max(1, varying);
  const distinct = countDistinctRows(matrix, Math.max(wanted, 2) * (dimensions + 1));
  const partition = Math.min(distinct, matrix.n - 1);
  return {
    n: matrix.n,
    distinct,
    dimensions,
    features: matrix.names,
    partition,
    mixture: Math.min(partition, Math.floor(distinct / (dimensions + 1))),
  };
}

/**
 * Refuse data no method can split into two scored clusters: fewer than 3 customers
 * (TOO_FEW_CUSTOMERS) or customers that are all alike (DEGENERATE_DATA).
 */
export function assertClusterable(limits: KLimits): void {
  const { n, distinct, features } = limits;
  if (n < MIN_CLUSTERING_CUSTOMERS) {
    throw new EngineError(
      'TOO_FEW_CUSTOMERS',
      `Clustering needs at least ${MIN_CLUSTERING_CUSTOMERS} customers; this file has ${n}.`,
      { n, needed: MIN_CLUSTERING_CUSTOMERS },
    );
  }
  if (distinct < 2) {
    throw new EngineError(
      'DEGENERATE_DATA',
      `All customers have the same ${features.join(', ')}; clustering needs at least 2 customers that differ.`,
      { distinct },
    );
  }
}

/** Why k-means and Ward cannot go above limits.partition, as a clause. */
export function partitionReason(limits: KLimits): string {
  const { n, distinct, features } = limits;
  return distinct < n
    ? `only ${distinct} customers differ in ${features.join(', ')}`
    : `with ${n} customers at most ${n - 1} clusters can be scored`;
}

/** Why a Gaussian mixture cannot have k components, as a clause with `subject` ('a Gaussian mixture', 'it') first. */
export function mixtureReason(limits: KLimits, k: number, subject = 'a Gaussian mixture'): string {
  const { n, distinct, dimensions } = limits;
  const per = dimensions + 1;
  const have = distinct < n ? `only ${distinct} customers differ` : `there are only ${n}`;
  return (
    `${subject} needs ${per} different customers per cluster on ${dimensions} varying ` +
    `feature${dimensions === 1 ? '' : 's'} (${per * k} for ${k} clusters), and ${have}`
  );
}

/** The mixture refusal as an EngineError: DEGENERATE_DATA when alike customers are the cause, else TOO_FEW_CUSTOMERS. */
export function mixtureError(limits: KLimits, k: number): EngineError {
  const reason = mixtureReason(limits, k);
  return new EngineError(
    limits.distinct < limits.n ? 'DEGENERATE_DATA' : 'TOO_FEW_CUSTOMERS',
    `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`,
    { n: limits.n, distinct: limits.distinct, dimensions: limits.dimensions, k },
  );
}
