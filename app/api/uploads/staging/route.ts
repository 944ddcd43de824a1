import { apiError } from '@/lib/server/api/api-error';
import { requireRouteRole } from '@/lib/server/auth/current-user';
import { checkSameOriginWithEnv, sameOriginRefusal } from '@/lib/server/security/same-origin';
import { stagingRequestSchema } from '@/lib/schemas/upload-request-schema';
import { stageUpload, UploadInterruptedError, UploadTooLargeError } from '@/lib/server/uploads/staging-area';
import { maxUploadBytes } from '@/lib/server/uploads/upload-limits';
import { stagingDir } from '@/lib/server/startup';

export const dynamic = 'force-dynamic';

/** POST the raw file as the body, ?fileName=...: it waits in the staging area for its preview; answers { stagingId, fileName, byteSize }. */
export async function POST(request: Request) {
  // proxy.ts leaves this route alone (it would buffer the file): the same-origin rule is checked here.
  const origin = checkSameOriginWithEnv(request, process.env);
  if (!origin.allowed) return sameOriginRefusal(origin.message);
  const user = await requireRouteRole('analyst');
  if (user instanceof Response) return user;
  const parsed = stagingRequestSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return apiError(parsed.error.issues.map((i) => i.message).join(' '), 400);
  const limit = maxUploadBytes();
  const declared = request.headers.get('content-length');
  const expectedBytes = declared !== null && /^\d+$/.test(declared) ? Number(declared) : null;
  if (expectedBytes !== null && expectedBytes > limit) return apiError(new UploadTooLargeError(limit).message, 413);
  if (!request.body) return apiError('The file is empty: it has no header and no transaction lines.', 400);
  try {
    const staged = await stageUpload(stagingDir(), request.body, parsed.data.fileName, limit, { signal: request.signal, expectedBytes });
    return Response.json({ stagingId: staged.id, fileName: staged.fileName, byteSize: staged.byteSize }, { status: 201 });
  } catch (error) {
    if (error instanceof UploadTooLargeError) return apiError(error.message, 413);
    if (error instanceof UploadInterruptedError) return apiError(error.message, 400);
    console.error('Segmenta: staging an upload failed', error);
    return apiError('The upload could not be saved on the server; try again.', 500);
  }
}
