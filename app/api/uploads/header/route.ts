import { isEngineError } from '@/lib/engines/errors';
import { uploadRequestSchema } from '@/lib/schemas/upload-request-schema';
import { describeUploadHeader, HEAD_BYTES } from '@/lib/server/runs/check-upload-header';

export const dynamic = 'force-dynamic';

async function readAtMost(body: ReadableStream<Uint8Array>, limit: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

/**
 * POST the start of a file (up to 256 KB) with the upload's query (?fileName=...&columns=...):
 * answers { header, resolved, error } so the form can ask for a column mapping before uploading.
 */
export async function POST(request: Request) {
  const url = new URL(request.url);
  const parsed = uploadRequestSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return Response.json({ error: parsed.error.issues.map((i) => i.message).join(' ') }, { status: 400 });
  if (!request.body) return Response.json({ error: 'The file is empty: it has no header and no transaction lines.' }, { status: 422 });
  try {
    const head = await readAtMost(request.body, HEAD_BYTES);
    return Response.json(describeUploadHeader(head, parsed.data.columns));
  } catch (error) {
    if (isEngineError(error)) return Response.json({ error: error.message }, { status: 422 });
    return Response.json({ error: `The file could not be read: ${(error as Error).message}` }, { status: 500 });
  }
}
