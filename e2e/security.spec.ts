import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { appOriginHeader } from './app-origin';
import { watchForProblems } from './watch-for-problems';

test.describe.configure({ mode: 'serial' });

/** The dataset names on the Data page, newest first. */
async function datasetNames(page: Page): Promise<string[]> {
  await page.goto('/data');
  await expect(page.getByRole('region', { name: /Demo gift shop/ }).first()).toBeVisible();
  return page.locator('main section[aria-label] > h2').allTextContents();
}

test('every page passes its Content-Security-Policy with no console error, and answers with the security headers', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await watchForProblems(page);
  await page.goto('/customers');
  const firstCustomer = await page.getByRole('table').getByRole('rowheader').first().getByRole('link').getAttribute('href');
  expect(firstCustomer).toMatch(/^\/customers\/[^?]+/);

  for (const path of ['/', '/segments', '/clusters', '/lifetime-value', '/customers', firstCustomer!, '/data', '/audiences', '/no-such-page']) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(path === '/no-such-page' ? 404 : 200);
    const headers = response!.headers();
    const policy = headers['content-security-policy'];
    expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(policy, path).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(headers['x-powered-by'], path).toBeUndefined();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Next's client started (it sets window.next), so the nonce let its scripts run.
    await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version)), { message: path }).toBe(true);
    await page.waitForLoadState('networkidle');
  }
  expect(problems).toEqual([]);

  // Static files and API answers carry the headers too.
  for (const path of ['/icon.svg', '/api/runs/1']) {
    const response = await page.request.get(path);
    expect(response.headers()['x-frame-options'], path).toBe('DENY');
    expect(response.headers()['x-content-type-options'], path).toBe('nosniff');
    expect(response.headers()['x-powered-by'], path).toBeUndefined();
  }
});

test('a page on another origin cannot upload, nor post to a server action, with or without an Origin header; nothing is created', async ({ page, request, baseURL }) => {
  test.setTimeout(120_000);
  const app = new URL(baseURL!).origin;
  const before = await datasetNames(page);
  // Counted once the page has streamed in: counted earlier, audiences saved by other specs were missed (0 before, 1 after).
  await page.goto('/audiences');
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const audiencesBefore = await page.getByRole('list', { name: 'Saved audiences' }).getByRole('article').count();

  // The hostile page, served from a second loopback origin (another port).
  const csv = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n1,A,Planted,1,2024-01-02 10:00,5,99,Nowhere\n';
  const hostile = `<!doctype html><html><body>
    <form id="action" method="POST" action="${app}/data" enctype="multipart/form-data">
      <input name="$ACTION_ID_0000000000000000000000000000000000000000" value=""><input name="datasetId" value="1"><button>Post</button>
    </form>
    <script>
      window.sent = Promise.all([
        fetch('${app}/api/uploads/staging?fileName=planted.csv', { method: 'POST', mode: 'no-cors', body: ${JSON.stringify(csv)} }),
        fetch('${app}/api/uploads', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ stagingId: '00000000-0000-0000-0000-000000000000' }) }),
        fetch('${app}/audiences', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '[1]' }),
      ]).then(() => 'sent', (e) => String(e));
    </script></body></html>`;
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(hostile);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const other = `http://localhost:${(server.address() as AddressInfo).port}`;
  try {
    const answers: Record<string, number> = {};
    page.on('response', (response) => {
      if (response.url().startsWith(app) && response.request().method() === 'POST') answers[new URL(response.url()).pathname] = response.status();
    });
    await page.goto(other);
    expect(await page.evaluate(() => (window as unknown as { sent: Promise<string> }).sent)).toBe('sent');
    await expect.poll(() => Object.keys(answers).length).toBe(3);
    expect(answers).toEqual({ '/api/uploads/staging': 403, '/api/uploads': 403, '/audiences': 403 });

    // The form post navigates to the app's refusal, in words.
    const [refused] = await Promise.all([page.waitForResponse(`${app}/data`), page.getByRole('button', { name: 'Post' }).click()]);
    expect(refused.status()).toBe(403);
    await expect(page.getByText(/Segmenta accepts changes only from its own pages/)).toBeVisible();
  } finally {
    server.close();
  }

  // A request without any Origin header (a script, curl) is refused too; the app's own Origin is accepted.
  const bare = await request.post('/api/uploads', { data: {} });
  expect(bare.status()).toBe(403);
  expect(((await bare.json()) as { error: { message: string } }).error.message).toContain('this came from a request without an Origin header');
  expect((await request.post('/api/uploads', { data: {}, headers: appOriginHeader() })).status()).toBe(400);

  expect(await datasetNames(page)).toEqual(before);
  await page.goto('/audiences');
  await expect(page.getByRole('list', { name: 'Saved audiences' }).getByRole('article')).toHaveCount(audiencesBefore);
});

test('an oversized server action body is a 413 in words, not a 500', async ({ request }) => {
  const response = await request.post('/audiences', {
    headers: { ...appOriginHeader(), 'Next-Action': '0000000000000000000000000000000000000000', 'Content-Type': 'text/plain;charset=UTF-8' },
    data: 'x'.repeat(2 * 1024 * 1024),
  });
  expect(response.status()).toBe(413);
  expect(await response.json()).toEqual({ error: { message: expect.stringContaining('more than 1 MB') } });
});

test('the raw upload is not cut by the proxy: a file over its 10 MB buffer arrives whole', async ({ request }) => {
  const line = '100001,X1,ITEM,1,2024-01-10 10:00,1.50,20001,United Kingdom\n';
  const body = `InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n${line.repeat(Math.ceil((11 * 1024 * 1024) / line.length))}`;
  const staged = await request.post('/api/uploads/staging?fileName=over-ten.csv', { data: body, headers: { 'Content-Type': 'text/csv', ...appOriginHeader() } });
  expect(staged.status()).toBe(201);
  const { stagingId, byteSize } = (await staged.json()) as { stagingId: string; byteSize: number };
  expect(byteSize).toBe(Buffer.byteLength(body));
  expect((await request.delete(`/api/uploads/staging/${stagingId}`, { headers: appOriginHeader() })).status()).toBe(204);
});
