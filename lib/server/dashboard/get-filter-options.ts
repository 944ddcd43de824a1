import 'server-only';
import { valueBasisWords } from '../../format/money-label';
import { getDatabase } from '../db/database';

export interface FilterOptionsDto {
  countries: { value: string; customers: number }[];
  segments: { value: string; customers: number }[];
  /** Churn status with RFM segment ("At Risk · Loyal Customers"), largest first. */
  combinedSegments: { value: string; customers: number }[];
  clusters: Record<'kmeans' | 'gmm' | 'hierarchical', { value: number; name: string; customers: number }[]>;
  runs: { id: number; label: string }[];
}

/** The values each filter can take in a run, with customer counts, for the filter bar. */
export async function getFilterOptions(runId: number): Promise<FilterOptionsDto> {
  const db = await getDatabase();
  const count = async (column: string, where = '') =>
    (
      await db.sql.query<{ value: string; customers: number }>(
        `SELECT ${column} AS value, count(*)::int AS customers FROM customer_result WHERE run_id = $1${where} GROUP BY 1 ORDER BY 2 DESC, 1`,
        [runId],
      )
    ).rows;
  const clusters = async (column: string) =>
    (
      await db.sql.query<{ value: number; name: string; customers: number }>(
        `SELECT ${column} AS value, min(${column}_name) AS name, count(*)::int AS customers
           FROM customer_result WHERE run_id = $1 AND ${column} IS NOT NULL GROUP BY 1 ORDER BY 1`,
        [runId],
      )
    ).rows;
  const [countries, segments, combinedSegments, kmeans, gmm, hierarchical, runs] = await Promise.all([
    count('country'),
    count('segment'),
    // '' is the column's default: a row stored without one is no option.
    count('combined_segment', ` AND combined_segment <> ''`),
    clusters('cluster_kmeans'),
    clusters('cluster_gmm'),
    clusters('cluster_hierarchical'),
    db.sql.query<{ id: number; dataset_id: number; name: string; value_basis: string | null }>(
      `SELECT r.id::int AS id, r.dataset_id::int AS dataset_id, d.name, r.metrics ->> 'valueBasis' AS value_basis
         FROM run r JOIN dataset d ON d.id = r.dataset_id
        WHERE r.status = 'succeeded' ORDER BY r.id DESC LIMIT 50`,
    ),
  ]);
  return {
    countries,
    segments,
    combinedSegments,
    clusters: { kmeans, gmm, hierarchical },
    runs: runLabels(runs.rows.map((r) => ({ id: r.id, datasetId: r.dataset_id, name: r.name, valueBasis: r.value_basis }))),
  };
}

/** "#8 stripe.csv", with "(gross)" or "(net of refunds)" added when runs of one dataset count money differently. */
export function runLabels(runs: { id: number; datasetId: number; name: string; valueBasis: string | null }[]): FilterOptionsDto['runs'] {
  // Runs stored before the value basis existed counted money gross.
  const basisOf = (valueBasis: string | null) => (valueBasis === 'net' ? 'net' : 'gross');
  const bases = new Map<number, Set<string>>();
  for (const r of runs) bases.set(r.datasetId, (bases.get(r.datasetId) ?? new Set()).add(basisOf(r.valueBasis)));
  return runs.map((r) => ({
    id: r.id,
    label: (bases.get(r.datasetId)?.size ?? 0) > 1 ? `#${r.id} ${r.name} (${valueBasisWords(basisOf(r.valueBasis))})` : `#${r.id} ${r.name}`,
  }));
}
