/** One finished request of a load test. */
export interface LoadSample {
  /** The page's name in the report ("overview", "customer"). */
  page: string;
  /** Time to the last byte of the body, milliseconds. */
  ms: number;
  /** HTTP status; 0 when the request failed without an answer (refused, reset, timed out). */
  status: number;
  /** Answered from the server's page cache (its x-segmenta-cache header said "hit"). */
  cached?: boolean;
}

export interface PageLoadRow {
  page: string;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Requests answered from the server's page cache. */
  cached: number;
}

/**
 * The q-quantile of ascending `sorted` by the nearest-rank method (the smallest value with at
 * least q of the values at or below it); NaN for no values. q in [0, 1].
 */
export function nearestRank(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/** Per-page and overall latency percentiles and error counts (status 0 or >= 400 is an error), pages in name order, "all" last. */
export function summariseLoad(samples: readonly LoadSample[]): PageLoadRow[] {
  const byPage = new Map<string, LoadSample[]>();
  for (const s of samples) byPage.set(s.page, [...(byPage.get(s.page) ?? []), s]);
  const row = (page: string, list: readonly LoadSample[]): PageLoadRow => {
    const sorted = list.map((s) => s.ms).sort((a, b) => a - b);
    return {
      page,
      requests: list.length,
      errors: list.filter((s) => s.status === 0 || s.status >= 400).length,
      p50: nearestRank(sorted, 0.5),
      p95: nearestRank(sorted, 0.95),
      p99: nearestRank(sorted, 0.99),
      max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
      cached: list.filter((s) => s.cached === true).length,
    };
  };
  return [...[...byPage].sort(([a], [b]) => a.localeCompare(b)).map(([page, list]) => row(page, list)), row('all', samples)];
}
