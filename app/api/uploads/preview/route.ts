import { apiError } from '@/lib/server/api/api-error';
import { requireRouteRole } from '@/lib/server/auth/current-user';
import { previewRequestSchema } from '@/lib/schemas/upload-request-schema';
import { PreviewCancelledError } from '@/lib/server/uploads/preview-in-worker';
import { previewUpload } from '@/lib/server/uploads/preview-upload';
import { stagingDir } from '@/lib/server/startup';

export const dynamic = 'force-dynamic';

/**
 * POST { stagingId, settings }: read and clean the staged file with these settings (in a worker
 * thread) and answer the preview: { status: 'ready' | 'ask-date-order' | 'ask-time-zone' | 'refused' | 'gone', ... }.
 */
export async function POST(request: Request) {
  const user = await requireRouteRole('analyst');
  if (user instanceof Response) return user;
  const parsed = previewRequestSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return apiError(parsed.error.issues.map((i) => i.message).join(' '), 400);
  try {
    const preview = await previewUpload(stagingDir(), parsed.data.stagingId, parsed.data.settings, { signal: request.signal });
    return Response.json(preview, { status: preview.status === 'gone' ? 404 : 200 });
  } catch (error) {
    if (error instanceof PreviewCancelledError) return new Response(null, { status: 499 });
    console.error('Segmenta: an upload preview failed', error);
    return apiError('The file could not be previewed because of an error on the server; try again.', 500);
  }
}
