import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { threeMonthLog } from '../lib/server/dashboard/migration/testing/three-month-log';
import { uploadThroughApi } from './upload-through-api';

/** A dataset's card on the Data page, by the dataset's name. */
export const datasetCard = (page: Page, name: string) => page.getByRole('region', { name, exact: true }).first();

/**
 * Uploads the three-month log as dataset `name` (GBP) and creates its two monthly snapshots
 * through the Data page; returns the run of the whole upload. Allow the caller's test 5 minutes.
 */
export async function uploadWithMonthlySnapshots(page: Page, request: APIRequestContext, name: string): Promise<number> {
  const runId = await uploadThroughApi(request, { fileName: 'three-months.csv', content: threeMonthLog(name), name, settings: { currency: 'GBP' } });
  await page.goto('/data');
  const dataset = datasetCard(page, name);
  await dataset.getByText('Monthly snapshots', { exact: true }).click();
  const form = dataset.getByRole('form', { name: `Monthly snapshots of ${name}` });
  await form.getByRole('button', { name: 'Create snapshots' }).click();
  await expect(form.getByText('Snapshots: 2 of 2 done')).toBeVisible({ timeout: 180_000 });
  return runId;
}
