import type { ScatterPointDto } from '../server/dashboard/clusters/get-cluster-scatter';

/** Scatter points as columns (one array per field, segments by index), so the page sends each field name once, not once per point. */
export interface ScatterColumns {
  ids: string[];
  recency: number[];
  frequency: number[];
  monetary: number[];
  clv: (number | null)[];
  cluster: (number | null)[];
  segments: string[];
  segment: number[];
}

/** The answer of GET /api/runs/<id>/scatter: counts and the sampled points as columns. */
export interface ScatterSampleDto {
  /** Filtered customers. */
  total: number;
  /** Points in the sample (at most the sample size). */
  shown: number;
  clusters: { cluster: number; name: string }[];
  columns: ScatterColumns;
}

const cents = (v: number) => Math.round(v * 100) / 100;

/** Points to columns, money rounded to cents. */
export function toScatterColumns(points: ScatterPointDto[]): ScatterColumns {
  const segments = [...new Set(points.map((p) => p.segment))];
  const index = new Map(segments.map((s, i) => [s, i]));
  return {
    ids: points.map((p) => p.customerId),
    recency: points.map((p) => p.recency),
    frequency: points.map((p) => p.frequency),
    monetary: points.map((p) => cents(p.monetary)),
    clv: points.map((p) => (p.clv === null ? null : cents(p.clv))),
    cluster: points.map((p) => p.cluster),
    segments,
    segment: points.map((p) => index.get(p.segment) ?? 0),
  };
}

/** Columns back to points. */
export function fromScatterColumns(c: ScatterColumns): ScatterPointDto[] {
  return c.ids.map((customerId, i) => ({
    customerId,
    recency: c.recency[i],
    frequency: c.frequency[i],
    monetary: c.monetary[i],
    clv: c.clv[i],
    cluster: c.cluster[i],
    segment: c.segments[c.segment[i]],
  }));
}
