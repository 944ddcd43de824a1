import { filtersToSearchParams, type DashboardFilters } from '../../schemas/dashboard-filters-schema';
import { customerFilterSql } from '../dashboard/customer-filter-sql';
import type { Database } from '../db/database';
import { describeFilters, filtersToRecord, recordToFilters } from './filter-record';

/** Thrown when an audience of that name (in any letter case) already exists. */
export class AudienceNameTakenError extends Error {
  constructor(readonly audienceName: string) {
    super(`An audience called “${audienceName}” already exists; choose another name.`);
    this.name = 'AudienceNameTakenError';
  }
}

export interface AudienceDto {
  id: number;
  name: string;
  createdAt: string;
  /** The saved filter as a query string (no run), for dashboard links. */
  query: string;
  description: string;
  /** Customers matching the filter in `runId`, null when no run has succeeded. */
  customers: number | null;
  runId: number | null;
}

/** Save a filter (without its run: an audience follows the latest results) under a unique name. */
export async function createAudience(db: Database, input: { name: string; filters: DashboardFilters }): Promise<{ id: number }> {
  const name = input.name.trim();
  const taken = await db.prisma.audience.findFirst({ where: { name: { equals: name, mode: 'insensitive' } }, select: { name: true } });
  if (taken) throw new AudienceNameTakenError(taken.name);
  try {
    const audience = await db.prisma.audience.create({ data: { name, filter: filtersToRecord({ ...input.filters, run: undefined }) } });
    return { id: audience.id };
  } catch (error) {
    // Two saves racing past the check above: the unique index decides.
    if ((error as { code?: string }).code === 'P2002') throw new AudienceNameTakenError(name);
    throw error;
  }
}

export async function deleteAudience(db: Database, id: number): Promise<boolean> {
  const { count } = await db.prisma.audience.deleteMany({ where: { id } });
  return count > 0;
}

export async function latestSucceededRunId(db: Database): Promise<number | null> {
  const run = await db.prisma.run.findFirst({ where: { status: 'succeeded' }, orderBy: [{ finishedAt: 'desc' }, { id: 'desc' }], select: { id: true } });
  return run?.id ?? null;
}

/** The saved filter of an audience, or null when there is no such audience. */
export async function getAudienceFilters(db: Database, id: number): Promise<DashboardFilters | null> {
  const audience = await db.prisma.audience.findUnique({ where: { id } });
  return audience ? recordToFilters(audience.filter) : null;
}

/** Every audience, newest first, with its customer count on the latest successful run, counted live. */
export async function listAudiencesWithCounts(db: Database): Promise<AudienceDto[]> {
  const [audiences, runId] = await Promise.all([db.prisma.audience.findMany({ orderBy: { id: 'desc' } }), latestSucceededRunId(db)]);
  return Promise.all(
    audiences.map(async (a) => {
      const filters = recordToFilters(a.filter);
      let customers: number | null = null;
      if (runId !== null) {
        const { where, params } = customerFilterSql(runId, filters);
        const { rows } = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM customer_result c WHERE ${where}`, params);
        customers = rows[0].n;
      }
      return {
        id: a.id,
        name: a.name,
        createdAt: a.createdAt.toISOString(),
        query: filtersToSearchParams({ ...filters, run: undefined }).toString(),
        description: describeFilters(filters),
        customers,
        runId,
      };
    }),
  );
}
