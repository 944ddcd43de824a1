import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { formatInteger } from '../lib/format/format-number';

test.describe.configure({ mode: 'serial' });

/** The downloaded CSV without its BOM, as header and rows (no field in these columns holds a comma). */
function readCsv(path: string): { bom: boolean; header: string[]; rows: string[][] } {
  const bytes = readFileSync(path);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const lines = bytes.subarray(bom ? 3 : 0).toString('utf8').split('\r\n').filter((l) => l.length > 0);
  return { bom, header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; csv: ReturnType<typeof readCsv> }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), csv: readCsv(path) };
}

async function exportFromFilterBar(page: Page) {
  await page.getByText('Export CSV', { exact: true }).click();
  return download(page, () => page.getByRole('link', { name: 'Download CSV' }).click());
}

test('the filter bar exports the filtered customers as a CSV with the chosen columns', async ({ page }) => {
  await page.goto('/?run=1&country=Germany');
  const customers = (await page.getByTestId('kpi-customers').textContent()) ?? '';
  expect(Number(customers.replace(/,/g, ''))).toBeGreaterThan(0);

  await page.getByText('Export CSV', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'P(alive)' }).uncheck();
  await page.getByRole('checkbox', { name: 'Last purchase' }).check();
  const { name, csv } = await download(page, () => page.getByRole('link', { name: 'Download CSV' }).click());

  expect(name).toMatch(/^segmenta-run1-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.bom).toBe(true);
  // The currency right after the money columns, then the run's CLV caveat; the churn status with its basis and the combined segment.
  expect(csv.header).toEqual([
    'customer_id', 'country', 'segment', 'cluster_kmeans', 'cluster_kmeans_name', 'rfm_code', 'recency', 'frequency', 'monetary',
    'clv', 'currency', 'clv_caveat', 'last_purchase', 'churn_status', 'churn_basis', 'combined_segment',
  ]);
  expect(formatInteger(csv.rows.length)).toBe(customers);
  expect(new Set(csv.rows.map((r) => r[1]))).toEqual(new Set(['Germany']));
  expect(new Set(csv.rows.map((r) => r[0])).size).toBe(csv.rows.length);
});

test('a filter saved as an audience is listed with its live count, re-exported, and both exports are logged', async ({ page }) => {
  const name = `French buyers ${Date.now()}`;
  await page.goto('/?run=1&country=France');
  const first = await exportFromFilterBar(page);

  await page.getByText('Save as audience', { exact: true }).click();
  const form = page.getByRole('form', { name: 'Save as audience' });
  await form.getByLabel('Audience name').fill(name);
  await form.getByRole('button', { name: 'Save audience' }).click();
  await expect(form.getByRole('status')).toHaveText(`Saved “${name}”. See audiences`);
  await form.getByRole('button', { name: 'Save audience' }).click();
  await expect(form.getByRole('alert')).toHaveText(`An audience called “${name}” already exists; choose another name.`);

  await page.goto('/audiences');
  const row = page.getByRole('article', { name, exact: true });
  await expect(row).toContainText('Country: France');
  // The count is live on the run the audience resolves to (its dataset's latest results): compare with the overview of that run.
  const runText = (await row.getByText(/^latest results \(run #\d+\)$/).textContent()) ?? '';
  const latestRun = Number(/run #(\d+)/.exec(runText)?.[1]);
  const count = (await row.getByTestId(/^audience-count-/).textContent()) ?? '';

  const overview = await page.context().newPage();
  await overview.goto(`/?run=${latestRun}&country=France`);
  // Other specs upload runs without French customers; the overview then says so instead of showing cards.
  if (count === '0') await expect(overview.getByText('No customers match these filters.')).toBeVisible();
  else await expect(overview.getByTestId('kpi-customers')).toHaveText(count);
  await overview.close();
  if (latestRun === 1) expect(formatInteger(first.csv.rows.length)).toBe(count);

  const again = await download(page, () => row.getByRole('link', { name: `Export ${name} as CSV` }).click());
  expect(again.name).toMatch(new RegExp(`^segmenta-run${latestRun}-`));
  expect(formatInteger(again.csv.rows.length)).toBe(count);

  await page.reload();
  const log = page.getByRole('table', { name: 'Export log' });
  const [audienceExport, barExport] = [log.getByRole('row').nth(1), log.getByRole('row').nth(2)];
  await expect(audienceExport).toContainText(name);
  await expect(audienceExport).toContainText(`local user${count}#${latestRun}`);
  await expect(audienceExport).toContainText('Country: France');
  await expect(barExport).toContainText(`local user${formatInteger(first.csv.rows.length)}#1–Country: France`);
  // The log names every column the file holds, companions included, in the file's order.
  await expect(barExport).toContainText(first.csv.header.join(', '));

  await row.getByRole('button', { name: `Delete ${name}` }).click();
  await page.getByRole('dialog', { name: `Delete “${name}”?` }).getByRole('button', { name: 'Delete audience' }).click();
  await expect(page.getByRole('article', { name, exact: true })).toHaveCount(0);
});
