import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { generateDemoLog } from '../lib/demo';
import { formatInteger } from '../lib/format/format-number';
import { runAnalysis } from '../lib/engines/pipeline/run-analysis';

const dir = mkdtempSync(join(tmpdir(), 'segmenta-e2e-files-'));
const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n';

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

test.describe.configure({ mode: 'serial' });

test('a CSV uploaded from the Data page is analysed with a visible progress bar and its results appear', async ({ page }) => {
  const text = [...generateDemoLog({ customers: 300, seed: 11 })].join('');
  const path = file('small-shop.csv', text);
  const expected = await runAnalysis((async function* () {
    yield new TextEncoder().encode(text);
  })());

  // Hold the first status answer a moment so the progress bar is on screen long enough to see.
  let delayed = false;
  await page.route('**/api/runs/*', async (route) => {
    if (!delayed) {
      delayed = true;
      await new Promise((r) => setTimeout(r, 1500));
    }
    await route.continue();
  });

  await page.goto('/data');
  await page.getByLabel('CSV file (.csv or .csv.gz)').setInputFiles(path);
  await page.getByRole('button', { name: 'Upload and analyse' }).click();
  await expect(page.getByRole('progressbar').first()).toBeVisible();
  await expect(page.getByText(/^Analysis complete \(run #\d+\)/)).toBeVisible({ timeout: 30_000 });

  await page.getByRole('link', { name: 'See the results' }).click();
  await expect(page.getByText(/^small-shop\.csv, run #\d+$/)).toBeVisible();
  await expect(page.getByTestId('kpi-customers')).toHaveText(formatInteger(expected.features.count));
});

test('a run that fails shows its error and the previous results stay on the overview', async ({ page }) => {
  await page.goto('/');
  const before = await page.getByTestId('kpi-customers').textContent();
  const source = await page.getByText(/, run #\d+$/).textContent();

  const path = file('no-customers.csv', HEADER + '1,A,Mug,1,2011-01-01 10:00,2,,United Kingdom\n2,A,Mug,1,2011-01-02 10:00,2,,France\n');
  await page.goto('/data');
  await page.getByLabel('CSV file (.csv or .csv.gz)').setInputFiles(path);
  await page.getByRole('button', { name: 'Upload and analyse' }).click();
  await expect(page.getByRole('form', { name: 'Upload a transaction log' }).getByRole('alert')).toHaveText('Nothing to analyse: none of the lines has a customer id.', { timeout: 30_000 });
  // Datasets are listed newest first; a retried test may have stored an earlier one.
  await expect(page.getByRole('region', { name: 'no-customers.csv', exact: true }).first()).toContainText('failed');

  await page.goto('/');
  await expect(page.getByTestId('kpi-customers')).toHaveText(before ?? '');
  await expect(page.getByText(/, run #\d+$/)).toHaveText(source ?? '');
});

test('a file without the needed columns is refused in words and nothing is stored', async ({ page }) => {
  await page.goto('/data');
  const stored = page.getByRole('region', { name: 'contacts.csv', exact: true });
  await expect(stored).toHaveCount(0);
  const path = file('contacts.csv', 'name,email\nann,ann@example.com\n');
  await page.getByLabel('CSV file (.csv or .csv.gz)').setInputFiles(path);
  await page.getByRole('button', { name: 'Upload and analyse' }).click();
  await expect(page.getByRole('form', { name: 'Upload a transaction log' }).getByRole('alert')).toContainText('Could not find the columns for invoice, quantity, invoiceDate, unitPrice, customerId');
  await page.reload();
  await expect(page.getByRole('region', { name: /Demo gift shop/ }).first()).toBeVisible();
  await expect(stored).toHaveCount(0);
});

test('a file with unfamiliar column names goes through the mapping step to finished results', async ({ page }) => {
  const text = [...generateDemoLog({ customers: 150, seed: 23 })].join('');
  const expected = await runAnalysis((async function* () {
    yield new TextEncoder().encode(text);
  })());
  const renamed = text.replace(/^[^\n]*\n/, 'Ref,Article,Text,Count,Moment,Cost,Buyer,Land\n');
  const path = file('mapped-shop.csv', renamed);

  await page.goto('/data');
  await page.getByLabel('CSV file (.csv or .csv.gz)').setInputFiles(path);
  await page.getByRole('button', { name: 'Upload and analyse' }).click();
  const form = page.getByRole('form', { name: 'Upload a transaction log' });
  await expect(form.getByRole('alert')).toContainText('Could not find the columns for invoice, quantity, invoiceDate, unitPrice, customerId.');
  await expect(form.getByRole('table', { name: /^The first 20 rows of the file$/ }).getByRole('columnheader')).toHaveText(['Ref', 'Article', 'Text', 'Count', 'Moment', 'Cost', 'Buyer', 'Land']);

  // A missing required column is explained before anything is sent.
  await form.getByRole('button', { name: 'Upload with this mapping' }).click();
  await expect(form.getByRole('alert')).toHaveText('Choose a column for invoice, quantity, invoiceDate, unitPrice, customerId.');

  for (const [field, column] of [
    ['Invoice number', 'Ref'],
    ['Product code', 'Article'],
    ['Product description', 'Text'],
    ['Quantity', 'Count'],
    ['Invoice date', 'Moment'],
    ['Unit price', 'Cost'],
    ['Customer id', 'Buyer'],
    ['Country', 'Land'],
  ]) {
    await form.getByRole('combobox', { name: new RegExp(`^${field}`) }).selectOption(column);
  }
  await form.getByRole('button', { name: 'Upload with this mapping' }).click();
  await expect(page.getByText(/^Analysis complete \(run #\d+\)/)).toBeVisible({ timeout: 60_000 });

  await expect(page.getByRole('region', { name: 'mapped-shop.csv' }).first()).toContainText('invoice ← “Ref”');
  await page.getByRole('link', { name: 'See the results' }).click();
  await expect(page.getByText(/^mapped-shop\.csv, run #\d+$/)).toBeVisible();
  await expect(page.getByTestId('kpi-customers')).toHaveText(formatInteger(expected.features.count));
});
