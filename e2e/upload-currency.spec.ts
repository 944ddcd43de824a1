import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const dir = mkdtempSync(join(tmpdir(), 'segmenta-e2e-currency-'));
const SEED = 1 + (process.pid % 100_000);

// A Square item details export: amounts written with "$", which names no one currency.
function squareExport(): string {
  const lines = ['Date,Time,Item,Qty,Net Sales,Event Type,Customer ID', `2025-02-28,09:00:00,Espresso machine ${SEED},1,"$14,742.25",Payment,C1`];
  for (let i = 0; i < 60; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(`2025-03-${day},10:${String(i % 60).padStart(2, '0')}:00,Latte ${SEED},1,$${(4 + (i % 7) * 0.5).toFixed(2)},Payment,C${i % 9}`);
  }
  return lines.join('\n') + '\n';
}

async function preview(page: Page, name: string, content: string) {
  const path = join(dir, name);
  writeFileSync(path, content);
  await page.goto('/data');
  await page.getByLabel(/^Transaction file/).setInputFiles(path);
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  const shown = page.getByRole('region', { name: 'Preview' });
  await expect(shown.getByRole('button', { name: 'Analyse' })).toBeEnabled({ timeout: 60_000 });
  return shown;
}

test('a Square export in "$" names no currency: amounts are shown plain and the page asks which, choosing none', async ({ page }) => {
  const shown = await preview(page, `square-${SEED}.csv`, squareExport());
  const reading = shown.getByRole('region', { name: 'How the file was read' });
  await expect(reading).toContainText('not named: the amounts are written with “$”, which does not say the currency (USD, CAD, AUD');
  // No "14,742.25 $": the amount is written plain until the currency is known.
  await expect(shown.getByRole('cell', { name: '14,742.25', exact: true })).toBeVisible();
  await expect(shown.getByText('14,742.25 $')).toHaveCount(0);
  const currency = shown.getByRole('textbox', { name: 'Currency' });
  await expect(currency).toHaveValue('');
  const choices = shown.getByRole('group', { name: 'Which currency is it?' });
  await expect(choices.getByRole('button')).toHaveText(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN']);

  await choices.getByRole('button', { name: 'CAD' }).click();
  await expect(currency).toHaveValue('CAD');
  await expect(reading).toContainText('CAD (given as an option)');
  await expect(shown.getByRole('cell', { name: 'CA$14,742.25', exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(choices).toHaveCount(0);
});
