import { expect, test } from '@playwright/test';

test('the navigation reaches the overview', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Segmenta' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page).toHaveURL(/\/$/);
});
