import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { exportRequestSchema } from '@/lib/schemas/export-request-schema';
import { getAudienceFilters } from '@/lib/server/audiences/audience-service';
import { searchParamsToRecord } from '@/lib/server/audiences/filter-record';
import { resolveViewedRun } from '@/lib/server/dashboard/resolve-run';
import { getDatabase } from '@/lib/server/db/client';
import { customerExportStream, exportFileName, LOCAL_ACTOR } from '@/lib/server/exports/customer-export-stream';

export const dynamic = 'force-dynamic';

/**
 * GET ?<dashboard filters>&columns=customer_id,clv&audience=<id>: the filtered customers of the
 * viewed run as a CSV download, streamed. With an audience, its saved filter replaces the URL's.
 */
export async function GET(request: Request) {
  const query = searchParamsToRecord(new URL(request.url).searchParams);
  const parsed = exportRequestSchema.safeParse({ columns: query.columns, audience: query.audience });
  if (!parsed.success) return Response.json({ error: parsed.error.issues.map((i) => i.message).join(' ') }, { status: 400 });
  let filters = parseDashboardFilters(query);
  const db = await getDatabase();
  const audienceId = parsed.data.audience ?? null;
  if (audienceId !== null) {
    const saved = await getAudienceFilters(db, audienceId);
    if (!saved) return Response.json({ error: `There is no audience ${audienceId}; it may have been deleted.` }, { status: 404 });
    filters = { ...saved, run: filters.run };
  }
  const run = await resolveViewedRun(filters);
  if (!run) return Response.json({ error: 'There are no analysis results to export yet.' }, { status: 404 });
  const stream = customerExportStream(db, { runId: run.runId, filters, columns: parsed.data.columns, audienceId, actor: LOCAL_ACTOR });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(run.runId, new Date())}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
