import { apiError } from '@/lib/server/api/api-error';
import { requireRouteRole } from '@/lib/server/auth/current-user';
import { actorLabel } from '@/lib/server/auth/roles';
import { parseDashboardFilters, searchParamsToRecord } from '@/lib/schemas/dashboard-filters-schema';
import { exportRequestSchema } from '@/lib/schemas/export-request-schema';
import { AudienceUnavailableError, getAudienceFilters } from '@/lib/server/audiences/audience-service';
import { parseCustomerTableParams } from '@/lib/server/dashboard/customers/customer-table-params';
import { checkMovedFrom } from '@/lib/server/dashboard/migration/check-moved-from';
import { resolveViewedRun } from '@/lib/server/dashboard/resolve-run';
import { getDatabase } from '@/lib/server/db/client';
import { customerExportStream, exportFileName } from '@/lib/server/exports/customer-export-stream';

export const dynamic = 'force-dynamic';

/**
 * GET ?<dashboard filters>&q=&sort=&dir=&columns=customer_id,clv&audience=<id>: the customers of
 * the view as a CSV download, streamed, in the customers table's order and search. With an
 * audience, its saved filters and run replace the URL's. A run that does not exist is a 404.
 */
export async function GET(request: Request) {
  const user = await requireRouteRole('viewer');
  if (user instanceof Response) return user;
  const query = searchParamsToRecord(new URL(request.url).searchParams);
  const parsed = exportRequestSchema.safeParse({ columns: query.columns, audience: query.audience });
  if (!parsed.success) return apiError(parsed.error.issues.map((i) => i.message).join(' '), 400);
  let filters = parseDashboardFilters(query);
  const table = parseCustomerTableParams(query);
  // A file of other customers than asked for is worse than none: a broken filter is refused, not left out.
  const problems = [...(filters.notices ?? []), ...(table.notices ?? [])];
  if (problems.length > 0) return apiError(problems.join(' '), 400);
  const db = await getDatabase();
  const audienceId = parsed.data.audience ?? null;
  if (audienceId !== null) {
    let saved: Awaited<ReturnType<typeof getAudienceFilters>>;
    try {
      saved = await getAudienceFilters(db, audienceId);
    } catch (error) {
      if (error instanceof AudienceUnavailableError) return apiError(error.message, 409);
      throw error;
    }
    if (!saved) return apiError(`There is no audience ${audienceId}; it may have been deleted.`, 404);
    filters = saved;
  }
  const run = await resolveViewedRun(filters);
  if (!run) {
    return filters.run === undefined
      ? apiError('There are no analysis results to export yet.', 404)
      : apiError(`There is no run ${query.run ?? filters.run} with results to export. Open the latest results and export from there.`, 404);
  }
  // A movement filter against a run that is not an earlier snapshot of this one would select nonsense: refused, as on the pages.
  const moved = await checkMovedFrom(run.runId, filters, db.sql);
  if (moved.problems.length > 0) return apiError(moved.problems.join(' '), 400);
  const stream = customerExportStream(db, {
    runId: run.runId,
    filters,
    columns: parsed.data.columns,
    audienceId,
    actor: actorLabel(user),
    userId: user.id,
    table: audienceId === null ? { q: table.q, sort: table.sort, dir: table.dir } : undefined,
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(run.runId, new Date())}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
