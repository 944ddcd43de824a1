import 'server-only';
import { z } from 'zod';
import '../../../schemas/zod-config';
import type { ClusterMethodFilter } from '../../../schemas/dashboard-filters-schema';
import { getDatabase } from '../../db/database';
import type { SqlClient } from '../../db/sql-client';
import { CLUSTER_METHOD_LABELS, CLUSTER_METHOD_ORDER } from './cluster-column';
import { runFact } from '../run-fact';

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

/** One method of a run: its fit, with a note when it ran at another k than the run's; or why the run has none. */
export type ClusterMethodStatusDto =
  | { status: 'done'; fit: MethodDiagnosticsDto; note: string | null }
  | { status: 'missing'; reason: string };

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
      /** What the data did not support (k lowered, the Gaussian mixture at a smaller k or left out), in sentences; [] on older runs. */
      warnings: string[];
      methods: Record<ClusterMethodFilter, ClusterMethodStatusDto>;
    };

const num = z.number().nullable().catch(null);
const metricsSchema = z.object({ silhouette: num, calinskiHarabasz: num, daviesBouldin: num }).nullable().catch(null);
// A malformed entry counts as missing, without taking the other methods with it.
const methodSchema = z
  .object({ k: z.number(), metrics: metricsSchema, bic: num.optional(), mode: z.string().optional().catch(undefined), microClusters: num.optional() })
  .optional()
  .catch(undefined);

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
    warnings: z.array(z.string()).catch([]),
    methods: z.object({ kmeans: methodSchema, gmm: methodSchema, hierarchical: methodSchema }).catch({}),
  }),
]);

type StoredMethod = NonNullable<z.output<typeof methodSchema>>;

// The engine words its sentences about the mixture run beside k-means and Ward this way.
const METHOD_WARNING_PREFIX: Readonly<Partial<Record<ClusterMethodFilter, string>>> = { gmm: 'The Gaussian mixture ' };

/**
 * The k sweep, the warnings and every method's fit (or why it is missing), from the run's stored
 * metrics (computed on all of its customers): through `sql` when given, else once per request and data change (runFact).
 */
export function getClusterDiagnostics(runId: number, sql?: SqlClient): Promise<ClusterDiagnosticsDto> {
  return sql ? readClusterDiagnostics(runId, sql) : clusterDiagnosticsOfRun(runId);
}

const clusterDiagnosticsOfRun = runFact('cluster-diagnostics', async (runId) => readClusterDiagnostics(runId, (await getDatabase()).sql));

async function readClusterDiagnostics(runId: number, client: SqlClient): Promise<ClusterDiagnosticsDto> {
  const { rows } = await client.query<{ clustering: unknown }>(`SELECT metrics -> 'clustering' AS clustering FROM run WHERE id = $1`, [runId]);
  const raw = typeof rows[0]?.clustering === 'string' ? (JSON.parse(rows[0].clustering) as unknown) : rows[0]?.clustering;
  return parseClusterDiagnostics(raw);
}

/** A run's stored `metrics.clustering` (any version of summarizeAnalysis, or nothing) as the diagnostics DTO. */
export function parseClusterDiagnostics(raw: unknown): ClusterDiagnosticsDto {
  const parsed = clusteringSchema.safeParse(raw);
  if (!parsed.success) return { status: 'missing' };
  const c = parsed.data;
  if (c.status === 'skipped') return { status: 'skipped', reason: c.reason };
  const stored: Partial<Record<ClusterMethodFilter, StoredMethod>> = c.methods;
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
    warnings: c.warnings,
    methods: Object.fromEntries(
      CLUSTER_METHOD_ORDER.map((method) => [method, methodStatus(method, stored[method], c.k, c.warnings)]),
    ) as Record<ClusterMethodFilter, ClusterMethodStatusDto>,
  };
}

function methodStatus(method: ClusterMethodFilter, m: StoredMethod | undefined, runK: number, warnings: readonly string[]): ClusterMethodStatusDto {
  const prefix = METHOD_WARNING_PREFIX[method];
  const own = prefix === undefined ? [] : warnings.filter((w) => w.startsWith(prefix));
  const label = CLUSTER_METHOD_LABELS[method];
  if (m === undefined) {
    return { status: 'missing', reason: own.length > 0 ? own.join(' ') : `This run’s analysis did not include ${label} clustering.` };
  }
  const note = own.length > 0 ? own.join(' ') : m.k !== runK ? `Clustering by ${label} used k = ${m.k}, not the run’s k = ${runK}.` : null;
  return {
    status: 'done',
    fit: {
      k: m.k,
      silhouette: m.metrics?.silhouette ?? null,
      calinskiHarabasz: m.metrics?.calinskiHarabasz ?? null,
      daviesBouldin: m.metrics?.daviesBouldin ?? null,
      bic: m.bic ?? null,
      mode: m.mode ?? null,
      microClusters: m.microClusters ?? null,
    },
    note,
  };
}
