import { expect, type APIRequestContext } from '@playwright/test';
import { appOriginHeader } from './app-origin';

/** Upload a file through the API as the Data page does (stage, preview, analyse; `secondCopy` when the file may already be a dataset) and wait for its run to succeed; answers the run id. */
export async function uploadThroughApi(request: APIRequestContext, file: { fileName: string; content: string | Buffer; name: string; settings?: Record<string, unknown>; secondCopy?: boolean }): Promise<number> {
  const headers = appOriginHeader();
  const staged = await request.post(`/api/uploads/staging?fileName=${encodeURIComponent(file.fileName)}`, { data: file.content, headers: { 'Content-Type': 'text/csv', ...headers } });
  expect(staged.status()).toBe(201);
  const { stagingId } = (await staged.json()) as { stagingId: string };
  const settings = file.settings ?? {};
  const preview = await request.post('/api/uploads/preview', { data: { stagingId, settings }, headers });
  expect((await preview.json()) as { status: string }).toMatchObject({ status: 'ready' });
  const confirmed = await request.post('/api/uploads', { data: { stagingId, name: file.name, settings, ...(file.secondCopy ? { secondCopy: true } : {}) }, headers });
  expect(confirmed.status()).toBe(202);
  const { runId } = (await confirmed.json()) as { runId: number };
  await expect
    .poll(async () => ((await (await request.get(`/api/runs/${runId}`)).json()) as { status: string }).status, { timeout: 120_000, intervals: [500, 1000, 2000] })
    .toBe('succeeded');
  return runId;
}
