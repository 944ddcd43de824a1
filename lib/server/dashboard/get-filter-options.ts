import 'server-only';
import { getDatabase } from '../db/database';

export interface FilterOptionsDto {
  countries: { value: string; customers: number }[];
  segments: { value: string; customers: number }[];
  clusters: Record<'kmeans' | 'gmm' | 'hierarchical', { value: number; name: string; customers: number }[]>;
  runs: { id: number; label: string }[];
}

/** The values each filter can take in a run, with customer counts, for the filter bar. */
export async function getFilterOptions(runId: number): Promise<FilterOptionsDto> {
  const db = await getDatabase();
  const count = async (column: string) =>
    (
      await db.sql.query<{ value: string; customers: number }>(
        `SELECT ${column} AS value, count(*)::int AS customers FROM customer_result WHERE run_id = $1 GROUP BY 1 ORDER BY 2 DESC, 1`,
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
  const [countries, segments, kmeans, gmm, hierarchical, runs] = await Promise.all([
    count('country'),
    count('segment'),
    clusters('cluster_kmeans'),
    clusters('cluster_gmm'),
    clusters('cluster_hierarchical'),
    db.prisma.run.findMany({
      where: { status: 'succeeded' },
      orderBy: { id: 'desc' },
      take: 50,
      include: { dataset: { select: { name: true } } },
    }),
  ]);
  return {
    countries,
    segments,
    clusters: { kmeans, gmm, hierarchical },
    runs: runs.map((r) => ({ id: r.id, label: `#${r.id} ${r.dataset.name}` })),
  };
}
