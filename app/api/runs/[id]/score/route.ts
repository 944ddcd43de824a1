import { apiError } from '@/lib/server/api/api-error';
import { requireRouteRole } from '@/lib/server/auth/current-user';
import { scoreUploadRequestSchema } from '@/lib/schemas/score-request-schema';
import { getDatabase } from '@/lib/server/db/client';
import { scoreStagedUpload, ScoreUploadError } from '@/lib/server/scoring/score-staged-upload';
import { stagingDir } from '@/lib/server/startup';

export const dynamic = 'force-dynamic';

/**
 * POST { stagingId, snapshot?, dateOrder?, timeZone?, currency?, ... } ("Score against run #N"): the
 * customers of a file staged through /api/uploads/staging (so the upload limits apply), placed with
 * run N's stored models; answers the scored customers as a CSV download. A file that needs a reading
 * answer gets 422 { error: { message, question: 'ask-date-order' | 'ask-time-zone', column, examples } } and stays
 * staged for the retry.
 */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  const user = await requireRouteRole('analyst');
  if (user instanceof Response) return user;
  const { id } = await context.params;
  const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
  const parsed = scoreUploadRequestSchema.safeParse({ ...(body ?? {}), runId: id });
  if (!parsed.success) return apiError(parsed.error.issues.map((i) => i.message).join(' '), 400);
  try {
    const scored = await scoreStagedUpload(await getDatabase(), stagingDir(), parsed.data);
    return new Response(scored.csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${scored.fileName}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'X-Scored-Customers': String(scored.customers),
        'X-Scored-As-Of': scored.asOf,
      },
    });
  } catch (error) {
    if (error instanceof ScoreUploadError) return apiError(error.message, error.status, error.question);
    console.error('Segmenta: scoring an upload failed', error);
    return apiError('The file could not be scored because of an error on the server; try again.', 500);
  }
}
