import { expect, test } from '@playwright/test';

test('a page address that is not validly encoded opens the not-found page (404), not a JSON error', async ({ page }) => {
  const response = await page.goto('/customers/%E0%A4%A');
  expect(response?.status()).toBe(404);
  expect(response?.headers()['content-type']).toContain('text/html');
  await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
  await expect(page.getByText(/a link that was cut short or mistyped/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open the latest results' })).toBeVisible();
});

test('an API address that is not validly encoded still answers JSON 400', async ({ request }) => {
  const response = await request.get('/api/exports/%E0%A4%A');
  expect(response.status()).toBe(400);
  expect(await response.json()).toEqual({ error: { message: 'This address is not validly encoded; check the link.' } });
});

for (const since of ['abc', '0']) {
  test(`a bad since=${since} on the Segments page gets the notice other bad filters get`, async ({ page }) => {
    await page.goto(`/segments?since=${since}`);
    const notice = page.getByRole('status').filter({ hasText: 'could not be used' });
    await expect(notice.getByRole('listitem')).toHaveText(['The earlier snapshot is a run number such as 12; the latest earlier snapshot is shown instead.']);
  });
}
