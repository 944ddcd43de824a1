import { requireRouteRole } from '@/lib/server/auth/current-user';
import { getRunStatus } from '@/lib/server/dashboard/get-run-status';

export const dynamic = 'force-dynamic';

/** Status and progress of one run, for progress bars. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const user = await requireRouteRole('viewer');
  if (user instanceof Response) return user;
  const { id } = await context.params;
  const runId = Number(id);
  if (!Number.isInteger(runId) || runId < 1) return Response.json({ error: 'A run id is a positive whole number.' }, { status: 400 });
  const status = await getRunStatus(runId);
  return status ? Response.json(status) : Response.json({ error: `There is no run ${runId}.` }, { status: 404 });
}
