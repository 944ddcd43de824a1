import { expect, test } from '@playwright/test';
import { watchForProblems } from './watch-for-problems';

// The server's page cache (lib/server/response-cache): a finished run's pages answered again from
// memory, each time with a fresh Content-Security-Policy nonce, and forgotten on every change.

const DEMO = /^Demo gift shop/;

test('a dashboard page opened twice is answered from memory the second time and still runs its scripts under a fresh nonce', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await watchForProblems(page);
  const first = await page.goto('/customers');
  const firstCustomer = await page.getByRole('table').getByRole('rowheader').first().getByRole('link').getAttribute('href');
  expect(first!.status()).toBe(200);

  for (const path of ['/?minFrequency=2', '/segments?minFrequency=2', '/clusters?minFrequency=2', '/lifetime-value?minFrequency=2', '/customers?minFrequency=2', firstCustomer!]) {
    const opened = await page.goto(path);
    const again = await page.goto(path);
    expect(again!.headers()['x-segmenta-cache'], path).toBe('hit');
    const nonces = [opened, again].map((r) => r!.headers()['content-security-policy']!.match(/'nonce-([^']+)'/)![1]);
    expect(nonces[1], path).not.toBe(nonces[0]);
    // Next's scripts ran under the new nonce: its client started and the page hydrated.
    await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version)), { message: path }).toBe(true);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  expect(problems).toEqual([]);

  // The Data and Audiences pages too, while no analysis is queued or running (they show its progress then).
  for (const path of ['/data', '/audiences']) {
    await page.goto(path);
    expect((await page.goto(path))!.headers()['x-segmenta-cache'], path).toBe('hit');
  }
});

test('a change made through the app (renaming a dataset) is shown at once on pages kept in memory', async ({ page }) => {
  await page.goto('/segments');
  const bar = page.getByRole('region', { name: 'Dataset and run' });
  const name = (await bar.locator('span.font-semibold').textContent())!;
  expect(name).toMatch(DEMO);
  expect((await page.goto('/segments'))!.headers()['x-segmenta-cache']).toBe('hit');

  const rename = async (from: string, to: string) => {
    await page.goto('/data');
    const card = page.getByRole('region', { name: from, exact: true }).first();
    await card.getByRole('button', { name: `Rename of ${from}` }).click();
    await card.getByRole('textbox', { name: 'New name' }).fill(to);
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('region', { name: to, exact: true }).first()).toBeVisible();
  };
  await rename(name, 'Gift shop (renamed while cached)');
  try {
    const after = await page.goto('/segments');
    expect(after!.headers()['x-segmenta-cache']).toBe('miss');
    await expect(bar.locator('span.font-semibold')).toHaveText('Gift shop (renamed while cached)');
  } finally {
    await rename('Gift shop (renamed while cached)', name);
  }
  await page.goto('/segments');
  await expect(bar.locator('span.font-semibold')).toHaveText(name);
});
