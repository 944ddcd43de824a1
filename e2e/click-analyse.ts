import { test, type Locator, type Page } from '@playwright/test';

/**
 * Clicks "Analyse" on the upload form. On a retried test the server already holds the file from
 * the first attempt and asks "Open it, or upload a second copy?": the retry answers a second copy,
 * so it checks the same things as the first attempt did.
 */
export async function clickAnalyse(page: Page, scope: Page | Locator = page): Promise<void> {
  await scope.getByRole('button', { name: 'Analyse' }).click();
  if (test.info().retry === 0) return;
  const secondCopy = page.getByRole('button', { name: 'Upload a second copy' });
  if (await secondCopy.waitFor({ timeout: 5_000 }).then(() => true, () => false)) await secondCopy.click();
}
