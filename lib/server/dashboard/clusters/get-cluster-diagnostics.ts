import 'server-only';
import { z } from 'zod';
import type { ClusterMethodFilter } from '../../../schemas/dashboard-filters-schema';
import { getDatabase } from '../../db/database';
import type { SqlClient } from '../../db/sql-client';

export interface SweepPointDto {
  k: number;
  inertia: number | null;
  silhouette: number | null;
  calinskiHarabasz: number | null;
  daviesBouldin: number | null;
}

export interface MethodDiagnosticsDto {
  k: number;
  silhouette: number | null;
  calinskiHarabasz: number | null;
  daviesBouldin: number | null;
  /** Gaussian mixture only. */
  bic: number | null;
  /** Hierarchical only: 'exact' or 'micro-clusters'. */
  mode: string | null;
  microClusters: number | null;
}

export type ClusterDiagnosticsDto =
  | { status: 'missing' }
  | { status: 'skipped'; reason: string }
  | {
      status: 'done';
      features: string[];
      log: boolean;
      k: number;
      kFixed: boolean;
      chosenK: number;
      elbowK: number;
      silhouetteSampleSize: number;
      silhouetteExact: boolean;
      sweep: SweepPointDto[];
      /** Null when the run did not use the selected method. */
      method: MethodDiagnosticsDto | null;
    };

const num = z.number().nullable().catch(null);
const metricsSchema = z.object({ silhouette: num, calinskiHarabasz: num, daviesBouldin: num }).nullable().catch(null);

// Parsed leniently: the stored metrics come from summarizeAnalysis, possibly of an older version.
const clusteringSchema = z.union([
  z.object({ status: z.literal('skipped'), reason: z.string().catch('The clustering stage was skipped.') }),
  z.object({
    status: z.literal('done'),
    features: z.array(z.string()).catch([]),
    log: z.boolean().catch(false),
    k: z.number(),
    kFixed: z.boolean().catch(false),
    chosenK: z.number(),
    elbowK: z.number(),
    silhouetteSampleSize: z.number().catch(0),
    silhouetteExact: z.boolean().catch(true),
    sweep: z.array(z.object({ k: z.number(), inertia: num, silhouette: num, calinskiHarabasz: num, daviesBouldin: num })).catch([]),
    methods: z
      .record(
        z.string(),
        z.object({ k: z.number(), metrics: metricsSchema, bic: num.optional(), mode: z.string().optional().catch(undefined), microClusters: num.optional() }),
      )
      .catch({}),
  }),
]);

/** The k sweep and the selected method's fit, from the run's stored metrics (computed on all of its customers). */
export async function getClusterDiagnostics(runId: number, method: ClusterMethodFilter, sql?: SqlClient): Promise<ClusterDiagnosticsDto> {
  const client = sql ?? (await getDatabase()).sql;
  const { rows } = await client.query<{ clustering: unknown }>(`SELECT metrics -> 'clustering' AS clustering FROM run WHERE id = $1`, [runId]);
  const raw = typeof rows[0]?.clustering === 'string' ? (JSON.parse(rows[0].clustering) as unknown) : rows[0]?.clustering;
  const parsed = clusteringSchema.safeParse(raw);
  if (!parsed.success) return { status: 'missing' };
  const c = parsed.data;
  if (c.status === 'skipped') return { status: 'skipped', reason: c.reason };
  const m = c.methods[method];
  return {
    status: 'done',
    features: c.features,
    log: c.log,
    k: c.k,
    kFixed: c.kFixed,
    chosenK: c.chosenK,
    elbowK: c.elbowK,
    silhouetteSampleSize: c.silhouetteSampleSize,
    silhouetteExact: c.silhouetteExact,
    sweep: c.sweep.map((e) => ({ k: e.k, inertia: e.inertia, silhouette: e.silhouette, calinskiHarabasz: e.calinskiHarabasz, daviesBouldin: e.daviesBouldin })),
    method: m
      ? {
          k: m.k,
          silhouette: m.metrics?.silhouette ?? null,
          calinskiHarabasz: m.metrics?.calinskiHarabasz ?? null,
          daviesBouldin: m.metrics?.daviesBouldin ?? null,
          bic: m.bic ?? null,
          mode: m.mode ?? null,
          microClusters: m.microClusters ?? null,
        }
      : null,
  };
}
