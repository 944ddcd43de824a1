import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { appOriginHeader } from './app-origin';

// A gzip bomb made here, never stored: 100 MB of one repeated line, about 100 KB compressed.
function gzipBomb(): Buffer {
  const line = 'C1,2024-01-01,9.99\n';
  return gzipSync(`customer_id,order_date,order_value\n${line.repeat(Math.ceil((100 << 20) / line.length))}`, { level: 9 });
}

test('a gzip bomb is refused within seconds in words, the server answers other requests meanwhile, and nothing is kept', async ({ request }) => {
  const bomb = gzipBomb();
  expect(bomb.length).toBeLessThan(1 << 20);
  const staged = await request.post('/api/uploads/staging?fileName=bomb.csv.gz', { data: bomb, headers: { 'content-type': 'application/octet-stream', ...appOriginHeader() } });
  expect(staged.status()).toBe(201);
  const { stagingId } = (await staged.json()) as { stagingId: string };

  const started = Date.now();
  const previewing = request.post('/api/uploads/preview', { data: { stagingId, settings: { value: 'net' } }, headers: appOriginHeader() });
  // While the preview reads the bomb (in a worker thread), pages and the API answer.
  const [page, run] = await Promise.all([request.get('/data'), request.get('/api/runs/1')]);
  expect(page.status()).toBe(200);
  expect(run.status()).toBe(200);
  const preview = await previewing;
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(preview.status()).toBe(200);
  const answer = (await preview.json()) as { status: string; code: string; message: string };
  expect(answer).toMatchObject({ status: 'refused', code: 'UNSUPPORTED_FILE' });
  expect(answer.message).toMatch(/^The gzip file expands to more than 20 times its compressed size, the most that is decompressed; nothing was stored\./);

  // The refused file is gone: it can be neither previewed nor analysed.
  const again = await request.post('/api/uploads/preview', { data: { stagingId, settings: { value: 'net' } }, headers: appOriginHeader() });
  expect(again.status()).toBe(404);
  const confirm = await request.post('/api/uploads', { data: { stagingId, settings: { value: 'net' } }, headers: appOriginHeader() });
  expect(confirm.status()).toBe(404);
});

for (const [name, what] of [
  ['a%00.csv', 'a NUL'],
  ['a%0Ab.csv', 'a line feed'],
  ['a%1B%5B31m.csv', 'an escape'],
]) {
  test(`the file name ${name} (${what}) is refused with 400 in words before any byte is stored`, async ({ request }) => {
    const response = await request.post(`/api/uploads/staging?fileName=${name}`, { data: Buffer.from('customer_id,order_date,order_value\nC1,2024-01-01,9.99\n'), headers: appOriginHeader() });
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({ error: { message: 'The file name contains a control character (such as NUL or a line break); remove it.' } });
  });
}
