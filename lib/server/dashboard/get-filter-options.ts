import 'server-only';
import { valueBasisWords } from '../../format/money-label';
import { snapshotLabel } from '../../format/snapshot-label';
import { customerResultsSql } from '../analytics/cached-results-sql';
import { cache } from 'react';
import { getDatabase } from '../db/database';
import { rememberUntilDataChanges } from '../response-cache/registry';
import { readRunMoney } from './read-run-money';
import { runFact } from './run-fact';
import type { SqlClient } from '../db/sql-client';
import { pastSnapshot } from '../runs/default-run';

export interface FilterOptionsDto {
  countries: { value: string; customers: number }[];
  segments: { value: string; customers: number }[];
  /** Churn status with RFM segment ("At Risk · Loyal Customers"), largest first. */
  combinedSegments: { value: string; customers: number }[];
  clusters: Record<'kmeans' | 'gmm' | 'hierarchical', { value: number; name: string; customers: number }[]>;
  /** ISO code or marker of the run's money (for the CLV chip); null when unknown. */
  currency: string | null;
}

/** A run the user can switch to, with what tells it apart from another upload of the same file. */
export interface RunChoiceDto {
  id: number;
  /** "#8 stripe.csv", with the value basis when runs of one dataset count money differently and the date of a snapshot ("#9 stripe.csv · snapshot 31 Aug 2011"). */
  label: string;
  datasetId: number;
  datasetName: string;
  /** When the dataset was uploaded (ISO). */
  uploadedAt: string;
  finishedAt: string | null;
  customerCount: number | null;
}

/**
 * The values each filter can take in a run, with customer counts, for the filter bar: through
 * `sql` when given, else once per request and data change (runFact; a run's results never change).
 */
export function getFilterOptions(runId: number, sql?: SqlClient): Promise<FilterOptionsDto> {
  return sql ? readFilterOptions(runId, sql) : filterOptionsOfRun(runId);
}

const filterOptionsOfRun = runFact('filter-options', async (runId) => readFilterOptions(runId, await customerResultsSql(runId)));

async function readFilterOptions(runId: number, client: SqlClient): Promise<FilterOptionsDto> {
  const count = async (column: string, where = '') =>
    (
      await client.query<{ value: string; customers: number }>(
        `SELECT ${column} AS value, count(*)::int AS customers FROM customer_result WHERE run_id = $1${where} GROUP BY 1 ORDER BY 2 DESC, 1`,
        [runId],
      )
    ).rows;
  const clusters = async (column: string) =>
    (
      await client.query<{ value: number; name: string; customers: number }>(
        `SELECT ${column} AS value, min(${column}_name) AS name, count(*)::int AS customers
           FROM customer_result WHERE run_id = $1 AND ${column} IS NOT NULL GROUP BY 1 ORDER BY 1`,
        [runId],
      )
    ).rows;
  const [countries, segments, combinedSegments, kmeans, gmm, hierarchical, money] = await Promise.all([
    count('country'),
    count('segment'),
    // '' is the column's default: a row stored without one is no option.
    count('combined_segment', ` AND combined_segment <> ''`),
    clusters('cluster_kmeans'),
    clusters('cluster_gmm'),
    clusters('cluster_hierarchical'),
    readRunMoney(client, runId),
  ]);
  return {
    countries,
    segments,
    combinedSegments,
    clusters: { kmeans, gmm, hierarchical },
    currency: money.currency,
  };
}

/**
 * The successful runs to switch between, newest first, with their dataset's name, upload time and
 * customer count. Read once per request and, behind the page cache, once per data change.
 */
export function listRunChoices(limit = 100): Promise<readonly RunChoiceDto[]> {
  return runChoices(limit);
}

const runChoices = cache((limit: number) => rememberUntilDataChanges(`run-choices:${limit}`, () => readRunChoices(limit)));

async function readRunChoices(limit: number): Promise<RunChoiceDto[]> {
  const db = await getDatabase();
  const { rows } = await db.sql.query<{
    id: number;
    dataset_id: number;
    name: string;
    value_basis: string | null;
    uploaded_at: Date | string;
    finished_at: Date | string | null;
    customer_count: number | null;
    parameters: unknown;
    last_date: Date | string | null;
  }>(
    `SELECT r.id::int AS id, r.dataset_id::int AS dataset_id, d.name, r.metrics ->> 'valueBasis' AS value_basis,
            d.created_at AS uploaded_at, r.finished_at, r.customer_count::int AS customer_count, r.parameters, d.last_date
       FROM run r JOIN dataset d ON d.id = r.dataset_id
      WHERE r.status = 'succeeded' ORDER BY r.id DESC LIMIT $1`,
    [limit],
  );
  const iso = (value: Date | string) => new Date(value).toISOString();
  const labels = runLabels(
    rows.map((r) => ({
      id: r.id,
      datasetId: r.dataset_id,
      name: r.name,
      valueBasis: r.value_basis,
      snapshot: pastSnapshot(typeof r.parameters === 'string' ? JSON.parse(r.parameters) : r.parameters, r.last_date === null ? null : new Date(r.last_date)),
    })),
  );
  return rows.map((r, i) => ({
    id: r.id,
    label: labels[i].label,
    datasetId: r.dataset_id,
    datasetName: r.name,
    uploadedAt: iso(r.uploaded_at),
    finishedAt: r.finished_at === null ? null : iso(r.finished_at),
    customerCount: r.customer_count,
  }));
}

/**
 * "#8 stripe.csv", with "(gross)" or "(net of refunds)" added when runs of one dataset count money
 * differently, and " · snapshot 31 Aug 2011" for a run of the dataset as it stood on an earlier day.
 */
export function runLabels(runs: { id: number; datasetId: number; name: string; valueBasis: string | null; snapshot?: number | null }[]): { id: number; label: string }[] {
  // Runs stored before the value basis existed counted money gross.
  const basisOf = (valueBasis: string | null) => (valueBasis === 'net' ? 'net' : 'gross');
  const bases = new Map<number, Set<string>>();
  for (const r of runs) bases.set(r.datasetId, (bases.get(r.datasetId) ?? new Set()).add(basisOf(r.valueBasis)));
  return runs.map((r) => ({
    id: r.id,
    label:
      ((bases.get(r.datasetId)?.size ?? 0) > 1 ? `#${r.id} ${r.name} (${valueBasisWords(basisOf(r.valueBasis))})` : `#${r.id} ${r.name}`) +
      (r.snapshot == null ? '' : ` · ${snapshotLabel(r.snapshot)}`),
  }));
}
