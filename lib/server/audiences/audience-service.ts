import { clusterNeedsPin } from '../../schemas/audience-schema';
import { filtersToSearchParams, type DashboardFilters } from '../../schemas/dashboard-filters-schema';
import { cachedResultsSql } from '../analytics/cached-results-sql';
import { customerFilterSql } from '../dashboard/customer-filter-sql';
import { readRunCurrencies } from '../dashboard/read-run-money';
import type { Database } from '../db/database';
import { findDefaultRunId, findDefaultRunIds } from '../runs/default-run';
import { describeFilters, filtersToRecord, readStoredFilter } from './filter-record';

/** Thrown when an audience of that name (in any letter case) already exists. */
export class AudienceNameTakenError extends Error {
  constructor(readonly audienceName: string) {
    super(`An audience called “${audienceName}” already exists; choose another name.`);
    this.name = 'AudienceNameTakenError';
  }
}

/** Thrown when an audience is saved on a run that does not exist or has no results. */
export class AudienceRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AudienceRunError';
  }
}

/** Why an audience cannot be opened or exported: its dataset is unknown, or has no results to count on. */
export type AudienceUnavailableReason = 'dataset-unknown' | 'no-results' | 'pinned-run-unavailable' | 'invalid-filter' | 'cluster-not-pinned';

/** Thrown by getAudienceFilters when the audience exists but resolves to no run; the message is for the user. */
export class AudienceUnavailableError extends Error {
  constructor(
    readonly audienceId: number,
    readonly reason: AudienceUnavailableReason,
    message: string,
  ) {
    super(message);
    this.name = 'AudienceUnavailableError';
  }
}

/** Thrown when a dataset cannot be chosen for an audience; the message is for the user. */
export class AudienceDatasetChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AudienceDatasetChoiceError';
  }
}

export type AudienceAttribution = 'saved' | 'migrated' | 'chosen' | 'unknown';

/** Follow the dataset's latest successful run, or stay on the run the audience was saved on. */
export type AudiencePin = 'latest' | 'run';

export interface AudienceDatasetDto {
  id: number;
  name: string;
  /** When the dataset was uploaded (ISO). */
  createdAt: string;
}

export interface AudienceDto {
  id: number;
  name: string;
  createdAt: string;
  /** The saved filter as a query string (no run), for dashboard links. */
  query: string;
  description: string;
  attribution: AudienceAttribution;
  /** Null only for an old audience whose dataset could not be told: the user must choose it. */
  dataset: AudienceDatasetDto | null;
  /** True when pinned to one run; false when it follows its dataset's latest successful run. */
  pinned: boolean;
  /** The run the audience resolves to; null when it cannot be resolved (see `unavailable`). */
  runId: number | null;
  /** Customers matching the filter in `runId`, counted live; null when there is no run. */
  customers: number | null;
  /** Why there is no run, in words; null when there is one. */
  unavailable: string | null;
  /** What makes the saved filter invalid, in words; null when it is valid. An invalid audience is neither counted nor exported. */
  invalid: string | null;
}

interface StoredAudience {
  id: number;
  name: string;
  datasetId: number | null;
  runId: number | null;
  dataset: { name: string } | null;
  run: { status: string } | null;
}

type Resolution = { runId: number } | { reason: AudienceUnavailableReason; message: string };

/** "“Loyal” has an invalid saved filter (...); delete it and save the filter again." */
function invalidFilterMessage(name: string, problems: readonly string[]): string {
  return `“${name}” has an invalid saved filter (${problems.join(' ')}); delete it and save the filter again from a dashboard page.`;
}

const SUCCEEDED = 'succeeded';

// Saves hold this lock while they check and insert a name, so two saves cannot race past the check.
const NAME_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('segmenta.audience.name'))`;

function resolve(audience: StoredAudience, latest: ReadonlyMap<number, number>): Resolution {
  if (audience.datasetId === null || audience.dataset === null) {
    return {
      reason: 'dataset-unknown',
      message: `“${audience.name}” was saved before audiences remembered their dataset; choose its dataset on the Audiences page.`,
    };
  }
  if (audience.runId !== null) {
    if (audience.run?.status === SUCCEEDED) return { runId: audience.runId };
    return { reason: 'pinned-run-unavailable', message: `“${audience.name}” is pinned to run #${audience.runId}, which has no results.` };
  }
  const runId = latest.get(audience.datasetId);
  if (runId !== undefined) return { runId };
  return { reason: 'no-results', message: `“${audience.name}” belongs to “${audience.dataset.name}”, which has no finished analysis yet.` };
}

// Saved before audiences with a cluster filter were kept on their run: which run's clusters it meant is unknown.
function clusterNotPinned(audience: Pick<StoredAudience, 'name' | 'runId'>, filters: DashboardFilters): { reason: AudienceUnavailableReason; message: string } | null {
  if (audience.runId !== null || !clusterNeedsPin(filters)) return null;
  return {
    reason: 'cluster-not-pinned',
    message: `“${audience.name}” filters by cluster number but follows its dataset’s latest results, and each analysis numbers its clusters afresh, so which customers it means is unknown. Delete it, then save the filter again from the Clusters page with “Keep run”.`,
  };
}

const STORED_SELECT = {
  id: true,
  name: true,
  filter: true,
  attribution: true,
  createdAt: true,
  datasetId: true,
  runId: true,
  dataset: { select: { name: true, createdAt: true } },
  run: { select: { status: true } },
} as const;

async function countCustomers(db: Database, runId: number, filters: DashboardFilters): Promise<number> {
  const { where, params } = customerFilterSql(runId, filters);
  const sql = (await cachedResultsSql(db, runId)) ?? db.sql;
  const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM customer_result c WHERE ${where}`, params);
  return rows[0].n;
}

/**
 * Save a filter (without its run) under a unique name, on the dataset of `runId` (default: the
 * latest successful run, which a dashboard without ?run= shows). `pin: 'run'` keeps it on that
 * run; 'latest' (default) follows the dataset's newer results.
 */
export async function createAudience(
  db: Database,
  input: { name: string; filters: DashboardFilters; runId?: number; pin?: AudiencePin },
): Promise<{ id: number; datasetId: number; runId: number }> {
  const name = input.name.trim();
  const runId = input.runId ?? input.filters.run;
  let run: { id: number; datasetId: number; status: string } | null;
  if (runId !== undefined) {
    run = await db.prisma.run.findUnique({ where: { id: runId }, select: { id: true, datasetId: true, status: true } });
    if (!run) throw new AudienceRunError(`There is no run #${runId}; it may have been deleted. Reload the page and save again.`);
    if (run.status !== SUCCEEDED) throw new AudienceRunError(`Run #${runId} has no results (it is ${run.status}); save the audience on finished results.`);
  } else {
    const defaultRun = await findDefaultRunId(db);
    run = defaultRun === null ? null : await db.prisma.run.findUnique({ where: { id: defaultRun }, select: { id: true, datasetId: true, status: true } });
    if (!run) throw new AudienceRunError('There are no analysis results yet to save an audience on.');
  }
  const saved = run;
  if (clusterNeedsPin(input.filters) && input.pin !== 'run') {
    throw new AudienceRunError(
      `A cluster filter names clusters of run #${saved.id}, and each analysis numbers its clusters afresh, so this audience cannot follow newer results: choose “Keep run #${saved.id}” and save again.`,
    );
  }
  const filter = JSON.stringify(filtersToRecord({ ...input.filters, run: undefined }));
  try {
    const id = await db.sql.transaction(async (tx) => {
      await tx.query(NAME_LOCK_SQL);
      // Exact comparison in any letter case: lower() = lower(), never LIKE, so "a_c" is not "abc".
      const taken = await tx.query<{ name: string }>('SELECT name FROM audience WHERE lower(name) = lower($1) LIMIT 1', [name]);
      if (taken.rows.length > 0) throw new AudienceNameTakenError(taken.rows[0].name);
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO audience (name, filter, dataset_id, run_id, attribution, updated_at)
         VALUES ($1, $2::jsonb, $3, $4, 'saved', now()) RETURNING id`,
        [name, filter, saved.datasetId, input.pin === 'run' ? saved.id : null],
      );
      return rows[0].id;
    });
    return { id, datasetId: saved.datasetId, runId: saved.id };
  } catch (error) {
    // The unique index on the exact name decides if anything slipped past the lock.
    if ((error as { code?: string }).code === '23505') throw new AudienceNameTakenError(name);
    throw error;
  }
}

/** Delete an audience; false when there was none. Its export log rows stay, without the link. */
export async function deleteAudience(db: Database, id: number): Promise<boolean> {
  const { count } = await db.prisma.audience.deleteMany({ where: { id } });
  return count > 0;
}

/**
 * The saved filter of an audience with `run` set to the run it resolves to (its pinned run, else
 * its dataset's latest successful run); null when there is no such audience. Throws
 * AudienceUnavailableError when its dataset is unknown or has no results, never another dataset's run.
 */
export async function getAudienceFilters(db: Database, id: number): Promise<DashboardFilters | null> {
  const audience = await db.prisma.audience.findUnique({ where: { id }, select: STORED_SELECT });
  if (!audience) return null;
  const latest = audience.datasetId !== null && audience.runId === null ? await findDefaultRunIds(db, [audience.datasetId]) : new Map<number, number>();
  const resolution = resolve(audience, latest);
  if ('reason' in resolution) throw new AudienceUnavailableError(id, resolution.reason, resolution.message);
  const stored = readStoredFilter(audience.filter);
  if (stored.problems.length > 0) throw new AudienceUnavailableError(id, 'invalid-filter', invalidFilterMessage(audience.name, stored.problems));
  const unpinned = clusterNotPinned(audience, stored.filters);
  if (unpinned) throw new AudienceUnavailableError(id, unpinned.reason, unpinned.message);
  return { ...stored.filters, run: resolution.runId };
}

/** Every audience, newest first, with its dataset, the run it resolves to and its customer count there, counted live. */
export async function listAudiencesWithCounts(db: Database): Promise<AudienceDto[]> {
  const [audiences, latest] = await Promise.all([db.prisma.audience.findMany({ orderBy: { id: 'desc' }, select: STORED_SELECT }), findDefaultRunIds(db)]);
  const resolved = audiences.map((a) => {
    const { filters, problems } = readStoredFilter(a.filter);
    const invalid = problems.length > 0 ? invalidFilterMessage(a.name, problems) : null;
    const resolution: Resolution = invalid !== null ? { reason: 'invalid-filter', message: invalid } : (clusterNotPinned(a, filters) ?? resolve(a, latest));
    return { a, filters, invalid, resolution, runId: 'runId' in resolution ? resolution.runId : null };
  });
  // Each run's currency read once, however many audiences resolve to it.
  const currencies = await readRunCurrencies(db.sql, resolved.flatMap((r) => (r.runId === null ? [] : [r.runId])));
  return Promise.all(
    resolved.map(async ({ a, filters, invalid, resolution, runId }): Promise<AudienceDto> => ({
      id: a.id,
      name: a.name,
      createdAt: a.createdAt.toISOString(),
      query: filtersToSearchParams({ ...filters, run: undefined }).toString(),
      description: describeFilters(filters, runId !== null ? (currencies.get(runId) ?? null) : null),
      attribution: a.datasetId === null ? 'unknown' : a.attribution,
      dataset: a.datasetId !== null && a.dataset ? { id: a.datasetId, name: a.dataset.name, createdAt: a.dataset.createdAt.toISOString() } : null,
      pinned: a.runId !== null,
      runId,
      customers: runId !== null ? await countCustomers(db, runId, filters) : null,
      unavailable: 'reason' in resolution ? resolution.message : null,
      invalid,
    })),
  );
}

/** Datasets an audience can be put on: those with results, newest first. */
export async function listAudienceDatasetChoices(db: Database): Promise<AudienceDatasetDto[]> {
  const datasets = await db.prisma.dataset.findMany({
    where: { runs: { some: { status: SUCCEEDED } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { id: true, name: true, createdAt: true },
  });
  return datasets.map((d) => ({ id: d.id, name: d.name, createdAt: d.createdAt.toISOString() }));
}

/** Put an audience whose dataset is unknown on a dataset with results; it then follows that dataset's latest results. */
export async function chooseAudienceDataset(db: Database, input: { id: number; datasetId: number }): Promise<{ name: string; datasetName: string }> {
  const audience = await db.prisma.audience.findUnique({ where: { id: input.id }, select: { name: true, datasetId: true } });
  if (!audience) throw new AudienceDatasetChoiceError('This audience no longer exists; it may have been deleted.');
  if (audience.datasetId !== null) throw new AudienceDatasetChoiceError(`“${audience.name}” already belongs to a dataset.`);
  const dataset = await db.prisma.dataset.findUnique({ where: { id: input.datasetId }, select: { name: true, runs: { where: { status: SUCCEEDED }, select: { id: true }, take: 1 } } });
  if (!dataset) throw new AudienceDatasetChoiceError('That dataset no longer exists; choose another.');
  if (dataset.runs.length === 0) throw new AudienceDatasetChoiceError(`“${dataset.name}” has no finished analysis yet; choose a dataset with results.`);
  // Only while still unknown: two choices at once cannot both win.
  const { count } = await db.prisma.audience.updateMany({
    where: { id: input.id, datasetId: null },
    data: { datasetId: input.datasetId, runId: null, attribution: 'chosen' },
  });
  if (count === 0) throw new AudienceDatasetChoiceError(`“${audience.name}” already belongs to a dataset.`);
  return { name: audience.name, datasetName: dataset.name };
}
