import { expect, test } from '@playwright/test';

test('the home page names the product and how to analyse a file', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Segmenta' })).toBeVisible();
  await expect(page.getByText('npm run analyze -- transactions.csv.gz')).toBeVisible();
});
