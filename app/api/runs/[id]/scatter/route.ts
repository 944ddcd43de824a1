import { apiError } from '@/lib/server/api/api-error';
import { requireRouteRole } from '@/lib/server/auth/current-user';
import { parseDashboardFilters, searchParamsToRecord } from '@/lib/schemas/dashboard-filters-schema';
import { getClusterScatter } from '@/lib/server/dashboard/clusters/get-cluster-scatter';
import { resolveViewedRun } from '@/lib/server/dashboard/resolve-run';
import { toScatterColumns, type ScatterSampleDto } from '@/lib/format/scatter-columns';

export const dynamic = 'force-dynamic';

/**
 * GET /api/runs/<id>/scatter?<dashboard filters>: the scatter plots' seeded sample of the run's
 * filtered customers, as columns (`ScatterSampleDto`). Loaded by the clusters page after it opens,
 * so the page's HTML does not carry 2,000 points. 400 for a malformed id, 404 for a run without results.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const user = await requireRouteRole('viewer');
  if (user instanceof Response) return user;
  const { id } = await context.params;
  if (!/^[1-9][0-9]{0,9}$/.test(id) || Number(id) > 2147483647) return apiError('A run id is a positive whole number.', 400);
  const runId = Number(id);
  const filters = { ...parseDashboardFilters(searchParamsToRecord(new URL(request.url).searchParams)), run: runId };
  const run = await resolveViewedRun(filters);
  if (!run || run.runId !== runId) return apiError(`Run ${runId} has no results to plot.`, 404);
  const scatter = await getClusterScatter(runId, filters);
  // A finished run's results never change: the browser may keep the answer for this exact URL.
  const body: ScatterSampleDto = { total: scatter.total, shown: scatter.shown, clusters: scatter.clusters, columns: toScatterColumns(scatter.points) };
  return Response.json(body, { headers: { 'Cache-Control': 'private, max-age=3600' } });
}
