import { requireRouteRole } from '@/lib/server/auth/current-user';
import { databaseId } from '@/lib/schemas/text-rules';
import { getRunStatus } from '@/lib/server/dashboard/get-run-status';

export const dynamic = 'force-dynamic';

/** Status and progress of one run, for progress bars. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const user = await requireRouteRole('viewer');
  if (user instanceof Response) return user;
  const { id } = await context.params;
  const parsed = databaseId('A run id is a whole number from 1 to 2147483647.').safeParse(id);
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0].message }, { status: 400 });
  const runId = parsed.data;
  const status = await getRunStatus(runId);
  return status ? Response.json(status) : Response.json({ error: `There is no run ${runId}.` }, { status: 404 });
}
