import { checkSameOrigin, readSameOriginSettings, sameOriginRefusal } from '@/lib/server/security/same-origin';
import { stagingRequestSchema } from '@/lib/schemas/upload-request-schema';
import { maxUploadBytes, stageUpload, UploadTooLargeError } from '@/lib/server/uploads/staging-area';
import { stagingDir } from '@/lib/server/startup';

export const dynamic = 'force-dynamic';

/** POST the raw file as the body, ?fileName=...: it waits in the staging area for its preview; answers { stagingId, fileName, byteSize }. */
export async function POST(request: Request) {
  // proxy.ts leaves this route alone (it would buffer the file): the same-origin rule is checked here.
  const origin = checkSameOrigin(request, readSameOriginSettings(process.env));
  if (!origin.allowed) return sameOriginRefusal(origin.message);
  const parsed = stagingRequestSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: parsed.error.issues.map((i) => i.message).join(' ') }, { status: 400 });
  const limit = maxUploadBytes();
  if (Number(request.headers.get('content-length') ?? 0) > limit) return Response.json({ error: new UploadTooLargeError(limit).message }, { status: 413 });
  if (!request.body) return Response.json({ error: 'The file is empty: it has no header and no transaction lines.' }, { status: 400 });
  try {
    const staged = await stageUpload(stagingDir(), request.body, parsed.data.fileName, limit);
    return Response.json({ stagingId: staged.id, fileName: staged.fileName, byteSize: staged.byteSize }, { status: 201 });
  } catch (error) {
    if (error instanceof UploadTooLargeError) return Response.json({ error: error.message }, { status: 413 });
    console.error('Segmenta: staging an upload failed', error);
    return Response.json({ error: 'The upload could not be saved on the server; try again.' }, { status: 500 });
  }
}
