import { apiError } from '@/lib/server/api/api-error';
import { requireRouteRole } from '@/lib/server/auth/current-user';
import { actorLabel } from '@/lib/server/auth/roles';
import { confirmUploadSchema } from '@/lib/schemas/upload-request-schema';
import { getDatabase } from '@/lib/server/db/client';
import { confirmUpload, ConfirmUploadError, DuplicateUploadError } from '@/lib/server/uploads/confirm-upload';
import { runServiceOptions, stagingDir } from '@/lib/server/startup';

export const dynamic = 'force-dynamic';

/**
 * POST { stagingId, name?, secondCopy?, settings } ("Analyse"): store the previewed file as a dataset and analyse it;
 * answers { datasetId, runId }, or 409 { error: { message, duplicate } } when the same file is already a dataset and no second copy was asked for.
 */
export async function POST(request: Request) {
  const user = await requireRouteRole('analyst');
  if (user instanceof Response) return user;
  const parsed = confirmUploadSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return apiError(parsed.error.issues.map((i) => i.message).join(' '), 400);
  try {
    const run = await confirmUpload(await getDatabase(), runServiceOptions(), stagingDir(), { ...parsed.data, startedBy: { userId: user.id, actor: actorLabel(user) } });
    return Response.json({ datasetId: run.datasetId, runId: run.runId }, { status: 202 });
  } catch (error) {
    if (error instanceof DuplicateUploadError) return apiError(error.message, 409, { duplicate: error.existing });
    if (error instanceof ConfirmUploadError) return apiError(error.message, error.status);
    console.error('Segmenta: storing an upload failed', error);
    return apiError('The upload could not be stored because of an error on the server; try again.', 500);
  }
}
