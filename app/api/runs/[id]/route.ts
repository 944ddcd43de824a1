import { apiError } from '@/lib/server/api/api-error';
import { requireRouteRole } from '@/lib/server/auth/current-user';
import { databaseId, MAX_INT32_TEXT } from '@/lib/schemas/text-rules';
import { getRunStatus } from '@/lib/server/dashboard/get-run-status';

export const dynamic = 'force-dynamic';

/** Status and progress of one run, for progress bars. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const user = await requireRouteRole('viewer');
  if (user instanceof Response) return user;
  const { id } = await context.params;
  const parsed = databaseId(`A run id is a whole number from 1 to ${MAX_INT32_TEXT}.`).safeParse(id);
  if (!parsed.success) return apiError(parsed.error.issues[0].message, 400);
  const runId = parsed.data;
  const status = await getRunStatus(runId);
  return status ? Response.json(status) : apiError(`There is no run ${runId}.`, 404);
}
