import { expect, test, type Page } from '@playwright/test';
import { appOriginHeader } from './app-origin';
import { uploadThroughApi } from './upload-through-api';

test.describe.configure({ mode: 'serial' });

const BROKEN = "This page couldn't load";

/** Fails the test when a payload runs as script: a dialog opens, or window.__xss is set. */
function guardAgainstScripts(page: Page): () => Promise<void> {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return async () => {
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  };
}

const HOSTILE_PAGES = [
  ['/?minFrequency=1.5', 200, 'Orders ≥ 2'],
  ['/?minFrequency=2147483648', 200, 'The minimum number of orders must be a whole number from 0 to 2,147,483,647.'],
  ['/segments?cluster=2147483648', 200, 'A cluster is a whole number from 0 to 999.'],
  ['/clusters?country=%00', 200, 'The country contains a control character (such as NUL or a line break); remove it.'],
  ['/lifetime-value?segment=%00', 200, 'The segment contains a control character (such as NUL or a line break); remove it.'],
  ['/?combined=a%0Ab', 200, 'The combined segment contains a control character (such as NUL or a line break); remove it.'],
  ['/customers?q=%00', 200, 'The customer search contains a control character (such as NUL or a line break); remove it.'],
  ['/customers?minClv=1e400', 200, 'The minimum CLV must be an amount such as 250, between minus one trillion and one trillion (1,000,000,000,000).'],
  ['/?run=2147483648', 404, 'Not found'],
  ['/customers/%00', 404, 'Not found'],
  ['/customers/12346?run=2147483648', 404, 'Not found'],
] as const;

test('each hostile URL value gives a readable page: the filter left out with a notice, or the not-found page', async ({ page }) => {
  test.setTimeout(120_000);
  for (const [path, status, text] of HOSTILE_PAGES) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(status);
    await expect(page.getByText(text).first(), path).toBeVisible();
    await expect(page.getByText(BROKEN), path).toHaveCount(0);
  }
});

test('each hostile value to a route is a 400 or 404 with a message, never a cut connection', async ({ request }) => {
  for (const [path, status, message] of [
    ['/api/exports?country=%00', 400, 'The country contains a control character (such as NUL or a line break); remove it.'],
    ['/api/exports?minFrequency=2147483648', 400, 'The minimum number of orders must be a whole number from 0 to 2,147,483,647.'],
    ['/api/exports?q=%00', 400, 'The customer search contains a control character (such as NUL or a line break); remove it.'],
    ['/api/exports?audience=2147483648', 400, 'The audience must be a whole number from 1 to 2,147,483,647.'],
    ['/api/exports?run=2147483648', 404, 'There is no run 2147483648 with results to export. Open the latest results and export from there.'],
    ['/api/runs/%E0%A4%A', 400, 'This address is not validly encoded; check the link.'],
  ] as const) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(status);
    expect(await response.json(), path).toEqual({ error: { message } });
  }
  const run = await request.get('/api/runs/2147483648');
  expect(run.status()).toBe(400);
  expect(await run.json()).toEqual({ error: { message: 'A run id is a whole number from 1 to 2,147,483,647.' } });
  // Every route answers its errors in one shape: { error: { message } }.
  const word = await request.get('/api/runs/abc');
  expect(word.status()).toBe(400);
  expect(await word.json()).toEqual({ error: { message: 'A run id is a whole number from 1 to 2,147,483,647.' } });
  const missing = await request.get('/api/runs/2147483647');
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toEqual({ error: { message: 'There is no run 2147483647.' } });
  const staged = await request.post('/api/uploads/staging?fileName=a%00.csv', { data: 'a,b\n', headers: appOriginHeader() });
  expect(staged.status()).toBe(400);
  expect(await staged.json()).toEqual({ error: { message: 'The file name contains a control character (such as NUL or a line break); remove it.' } });
});

const SQL_PAYLOADS = ["'", "' OR '1'='1", "' OR 1=1 --", "'; DROP TABLE customer_result; --", '"; DROP TABLE run; --', '/* x */', '1; SELECT pg_sleep(5)', "' UNION SELECT customer_id FROM customer_result --", '%', '_', '\\', 'ʼ OR ʼ1ʼ=ʼ1', '\u0000', '-1e309'];
const PARAMS = ['country', 'segment', 'combined', 'q', 'minClv', 'minFrequency', 'cluster', 'method', 'run', 'sort', 'dir', 'page'];

test('SQL-injection payloads on every parameter of the customers page and the export give readable answers and change nothing', async ({ request }) => {
  test.setTimeout(240_000);
  const all = async () => (await (await request.get('/api/exports?columns=customer_id,clv')).text()).trim().split('\r\n');
  const before = await all();
  expect(before.length).toBeGreaterThan(100);
  for (const payload of SQL_PAYLOADS) {
    for (const param of PARAMS) {
      const query = new URLSearchParams({ [param]: payload }).toString();
      const page = await request.get(`/customers?${query}`);
      expect([200, 404], `/customers?${query}`).toContain(page.status());
      expect(await page.text(), `/customers?${query}`).not.toContain(BROKEN);
      const exported = await request.get(`/api/exports?columns=customer_id&${query}`);
      expect([200, 400, 404], `/api/exports?${query}`).toContain(exported.status());
      if (exported.status() !== 200) expect(((await exported.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(10);
    }
  }
  expect(await all()).toEqual(before);
});

/** A small shop whose ids, countries and product descriptions are markup; 12 customers, two orders each, ISO dates. */
function hostileShop(stamp: number): string {
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const ids = ['<img src=x onerror=alert(1)>', '"><script>window.__xss=2</script>', 'javascript:alert(3)', ...Array.from({ length: 9 }, (_, k) => `${50001 + k}`)];
  const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  ids.forEach((id, k) => {
    const country = k % 2 === 0 ? '<script>window.__xss=4</script>' : `<b onmouseover=alert(5)>Land ${stamp}</b>`;
    lines.push([700000 + k, 'X1', quote('<svg onload=alert(6)>'), 2, `2024-0${1 + (k % 6)}-10 10:00`, '4.95', quote(id), quote(country)].join(','));
    lines.push([700100 + k, 'X2', quote(`Plain ${stamp}`), 1 + (k % 3), `2024-0${2 + (k % 6)}-20 11:00`, '2.55', quote(id), quote(country)].join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}

test('hostile ids, countries, descriptions and names show as text; no script runs', async ({ page, request }) => {
  test.setTimeout(240_000);
  const check = guardAgainstScripts(page);
  const stamp = Date.now();
  const datasetName = `<img src=x onerror=alert(7)> "><script>window.__xss=8</script> ${stamp}`;
  const runId = await uploadThroughApi(request, { fileName: `hostile-${stamp}.csv`, content: hostileShop(stamp), name: datasetName });

  await page.goto(`/customers?run=${runId}`);
  const table = page.getByRole('table');
  await expect(table.getByRole('link', { name: '<img src=x onerror=alert(1)>', exact: true })).toBeVisible();
  await expect(table.getByRole('link', { name: '"><script>window.__xss=2</script>', exact: true })).toBeVisible();
  await expect(table.getByText('<script>window.__xss=4</script>').first()).toBeVisible();
  await expect(page.getByText(datasetName).first()).toBeVisible();

  await table.getByRole('link', { name: '"><script>window.__xss=2</script>', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customer "><script>window.__xss=2</script>' })).toBeVisible();
  await expect(page.getByText('<svg onload=alert(6)>').first()).toBeVisible();
  await check();

  for (const path of [`/?run=${runId}`, `/segments?run=${runId}`, `/clusters?run=${runId}`, `/lifetime-value?run=${runId}`, '/data']) {
    await page.goto(path);
    await expect(page.getByText(datasetName).first(), path).toBeVisible();
    await page.waitForLoadState('networkidle');
    await check();
  }

  // An audience with a hostile name, saved from the filter bar, lists as text.
  const audienceName = `<img src=x onerror=alert(9)> ${stamp}`;
  await page.goto(`/?run=${runId}&country=${encodeURIComponent('<script>window.__xss=4</script>')}`);
  await page.getByText('Save as audience', { exact: true }).click();
  const form = page.getByRole('form', { name: 'Save as audience' });
  await form.getByLabel('Audience name').fill(audienceName);
  await form.getByRole('button', { name: 'Save audience' }).click();
  await expect(form.getByRole('status')).toContainText(`Saved “${audienceName}”.`);
  await page.goto('/audiences');
  await expect(page.getByRole('heading', { name: audienceName })).toBeVisible();
  await expect(page.getByText('Country: <script>window.__xss=4</script>').first()).toBeVisible();
  await check();
});
