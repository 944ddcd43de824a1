import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { isEngineError } from '@/lib/engines/errors';
import { uploadRequestSchema } from '@/lib/schemas/upload-request-schema';
import { getDatabase } from '@/lib/server/db/client';
import { checkUploadHeader } from '@/lib/server/runs/check-upload-header';
import { createDatasetRun } from '@/lib/server/runs/run-service';
import { runServiceOptions, workDir } from '@/lib/server/startup';

export const dynamic = 'force-dynamic';

/** POST the raw file as the body, ?fileName=...&columns={json mapping}; answers { datasetId, runId } or { error }. */
export async function POST(request: Request) {
  const url = new URL(request.url);
  const parsed = uploadRequestSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return Response.json({ error: parsed.error.issues.map((i) => i.message).join(' ') }, { status: 400 });
  if (!request.body) return Response.json({ error: 'The upload is empty.' }, { status: 400 });

  const dir = join(workDir(), 'uploads');
  await mkdir(dir, { recursive: true });
  const safeName = parsed.data.fileName.replace(/[^\w.-]+/g, '_');
  const path = join(dir, `${randomUUID()}-${safeName}`);
  try {
    await pipeline(Readable.fromWeb(request.body as import('node:stream/web').ReadableStream), createWriteStream(path));
    await checkUploadHeader(path, parsed.data.columns);
  } catch (error) {
    await rm(path, { force: true });
    if (isEngineError(error)) return Response.json({ error: error.message }, { status: 422 });
    return Response.json({ error: `The upload could not be saved: ${(error as Error).message}` }, { status: 500 });
  }
  const db = await getDatabase();
  const run = await createDatasetRun(db, runServiceOptions(), {
    path,
    name: parsed.data.name || parsed.data.fileName,
    fileName: parsed.data.fileName,
    parameters: { dateOrder: parsed.data.dateOrder, ...(parsed.data.columns ? { columns: parsed.data.columns } : {}) },
  });
  return Response.json({ datasetId: run.datasetId, runId: run.runId }, { status: 202 });
}
