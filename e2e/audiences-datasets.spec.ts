import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { uploadThroughApi } from './upload-through-api';
import { formatInteger } from '../lib/format/format-number';
import { expectNoSeriousAxeViolations } from './axe';

test.describe.configure({ mode: 'serial' });

/** A small UK-only shop in the UCI layout, unique per call so it never matches an earlier upload. */
function ukShop(): string {
  const stamp = Date.now();
  const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  for (let k = 0; k < 12; k++) {
    lines.push(`${600000 + k},22111,SCOTTIE DOG HOT WATER BOTTLE ${stamp},2,${1 + k}/07/2024 10:00,4.95,${30001 + k},United Kingdom`);
    lines.push(`${600100 + k},85123A,WHITE HANGING HEART T-LIGHT HOLDER,${1 + (k % 3)},${1 + k}/09/2024 11:00,2.55,${30001 + k},United Kingdom`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvRows(path: string): string[][] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  return text.split('\r\n').filter((l) => l.length > 0).map((l) => l.split(','));
}

const card = (page: Page, name: string) => page.getByRole('article', { name });

test('an audience saved on the demo still counts, opens and exports the demo customers after another dataset becomes the latest; Delete asks first', async ({ page, request }) => {
  test.setTimeout(180_000);
  const name = `Demo France ${Date.now()}`;

  // The demo run's French customers, as the overview counts them.
  await page.goto('/?run=1&country=France');
  const demoCount = ((await page.getByTestId('kpi-customers').textContent()) ?? '').trim();
  expect(Number(demoCount.replace(/,/g, ''))).toBeGreaterThan(0);

  // Saved from the filter bar while the demo is the latest run (the data folder is fresh).
  await page.getByText('Save as audience', { exact: true }).click();
  const form = page.getByRole('form', { name: 'Save as audience' });
  await form.getByLabel('Audience name').fill(name);
  await form.getByRole('button', { name: 'Save audience' }).click();
  await expect(form.getByRole('status')).toContainText(`Saved “${name}”.`);

  // Another dataset (UK only) becomes the latest: the dashboard without ?run= shows it, and it has no French customer.
  // Dates such as 1/07/2024 read either way: the file is day-first, as chosen on the Data page.
  const ukRun = await uploadThroughApi(request, { fileName: `uk-shop-${Date.now()}.csv`, content: ukShop(), name: 'UK shop', settings: { dateOrder: 'day-first' } });
  expect(ukRun).toBeGreaterThan(1);
  await page.goto(`/?run=${ukRun}&country=France`);
  await expect(page.getByText('No customers match these filters.')).toBeVisible();

  // The audience stays on its dataset: the demo's name, its latest results, the demo count.
  await page.goto('/audiences');
  const saved = card(page, name);
  await expect(saved).toContainText('Country: France');
  await expect(saved).toContainText('Demo gift shop');
  await expect(saved).toContainText('latest results (run #1)');
  await expect(saved.getByTestId(/^audience-count-/)).toHaveText(demoCount);

  // Export: the demo's French customers, not a header-only file.
  const [file] = await Promise.all([page.waitForEvent('download'), saved.getByRole('link', { name: `Export ${name} as CSV` }).click()]);
  expect(file.suggestedFilename()).toMatch(/^segmenta-run1-/);
  const [header, ...rows] = csvRows(await file.path());
  expect(header[1]).toBe('country');
  expect(formatInteger(rows.length)).toBe(demoCount);
  expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['France']));

  // Axe on the list with an export in the log, at both widths.
  await page.reload();
  await expect(page.getByRole('table', { name: 'Export log' })).toContainText(name);
  await page.setViewportSize({ width: 1440, height: 900 });
  await expectNoSeriousAxeViolations(page);
  await page.setViewportSize({ width: 768, height: 1024 });
  await expectNoSeriousAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });

  // Open: the overview of the demo run with the audience's filter.
  await card(page, name).getByRole('link', { name: `Open ${name} on the dashboard` }).click();
  await expect(page).toHaveURL(/\/\?run=1&country=France$/);
  await expect(page.getByTestId('kpi-customers')).toHaveText(demoCount);

  // Delete asks first, naming the audience; Escape keeps it and gives focus back to Delete.
  await page.goto('/audiences');
  const deleteButton = card(page, name).getByRole('button', { name: `Delete ${name}` });
  await deleteButton.click();
  const dialog = page.getByRole('dialog', { name: `Delete “${name}”?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await expectNoSeriousAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(deleteButton).toBeFocused();
  await expect(card(page, name)).toBeVisible();

  await deleteButton.click();
  await dialog.getByRole('button', { name: 'Delete audience' }).click();
  await expect(card(page, name)).toHaveCount(0);
  await page.reload();
  await expect(card(page, name)).toHaveCount(0);
});

test('an audience with a cluster filter keeps its run: the form offers only "Keep run", and saving it lists it pinned', async ({ page }) => {
  const name = `Cluster 0 ${Date.now()}`;
  await page.goto('/clusters?run=1&cluster=0');
  await page.getByText('Save as audience', { exact: true }).click();
  const form = page.getByRole('form', { name: 'Save as audience' });
  await expect(form).toContainText('A cluster filter names this run’s clusters, and each analysis numbers its clusters afresh: the audience keeps run #1.');
  await expect(form.getByRole('radio', { name: 'Follow this dataset’s latest results' })).toHaveCount(0);
  await expect(form.getByRole('radio', { name: 'Keep run #1' })).toBeChecked();
  await form.getByLabel('Audience name').fill(name);
  await form.getByRole('button', { name: 'Save audience' }).click();
  await expect(form.getByRole('status')).toContainText(`Saved “${name}”.`);
  await page.goto('/audiences');
  await expect(page.getByRole('article', { name })).toContainText('pinned to run #1');
});
