import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { generateDemoLog } from '../lib/demo';
import { expectNoSeriousAxeViolations } from './axe';
import { clickAnalyse } from './click-analyse';

const dir = mkdtempSync(join(tmpdir(), 'segmenta-e2e-data-'));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// A seed of this spec run, so a server kept from an earlier run has not seen these files yet.
const SEED = 1 + (process.pid % 100_000);
// About 40,000 lines: big enough to watch the analysis and the save move.
const BIG = [...generateDemoLog({ customers: 1000, seed: SEED })].join('');
const BIG_NAME = 'watch-progress.csv';

const form = (page: Page) => page.getByRole('form', { name: 'Upload a transaction log' });
// The newest dataset of that name (the list is newest first).
const card = (page: Page, name: string) => page.getByRole('region', { name, exact: true }).first();

async function preview(page: Page, path: string) {
  await page.goto('/data');
  await page.getByLabel(/^Transaction file/).setInputFiles(path);
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByRole('region', { name: 'Preview' }).getByRole('button', { name: 'Analyse' })).toBeEnabled({ timeout: 60_000 });
}

/** Every progress line of a run on the page at one instant: its bar's value and its words. */
async function progressOf(page: Page, runId: number) {
  return page.evaluate((id) => {
    return [...document.querySelectorAll(`[data-run-progress="${id}"]`)].map((el) => ({
      value: el.querySelector('progress')?.getAttribute('value') ?? null,
      words: el.textContent ?? '',
    }));
  }, runId);
}

test.describe.configure({ mode: 'serial' });

let bigRun = 0;

test('the upload bar and the dataset card show the same stage and fraction, and both reach the end without a reload', async ({ page }) => {
  test.setTimeout(180_000);
  await preview(page, file(BIG_NAME, BIG));
  await clickAnalyse(page);
  const started = form(page).getByText(/^Run #\d+:$/);
  await expect(started).toBeVisible({ timeout: 30_000 });
  bigRun = Number((await started.textContent())!.match(/#(\d+)/)![1]);

  // Sample both at the same instants until the upload says it is complete.
  const seen = new Set<string>();
  let together = 0;
  const complete = form(page).getByText(`Analysis complete (run #${bigRun}).`);
  while (!(await complete.isVisible())) {
    const lines = await progressOf(page, bigRun);
    if (lines.length === 2) {
      together++;
      expect(lines[1]).toEqual(lines[0]);
      seen.add(lines[0].words);
    }
    await page.waitForTimeout(150);
  }
  expect(together).toBeGreaterThan(1);
  expect(seen.size).toBeGreaterThan(1);
  // The save moves with the rows written, on the same line. (Since a large upload's lines are stored
  // after its run is shown, the save of 1,000 customers' results can be over between two samples.)
  const saving = [...seen].filter((words) => words.includes('Saving the results'));
  for (const words of saving) expect(words).toMatch(/^9\d %, Saving the results(: [\d,]+ of [\d,]+ rows)?$/);

  // The card finished by itself: succeeded, 100 %, and the dataset's customers, all without a reload.
  const dataset = card(page, BIG_NAME);
  await expect(dataset.getByRole('row', { name: new RegExp(`^#${bigRun} succeeded`) })).toBeVisible();
  await expect(dataset.locator(`[data-run-progress="${bigRun}"]`)).toHaveText('100 %, Analysis complete');
  await expect(dataset.getByRole('definition').nth(2)).not.toHaveText('0');
});

test('re-analyse shows its progress on the card and ends without a reload; a queued or running run says where it is', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/data');
  const dataset = card(page, BIG_NAME);
  await dataset.getByText('Re-analyse with other parameters').click();
  const rerun = dataset.getByRole('form', { name: `Re-analyse ${BIG_NAME}` });
  await expect(rerun.getByText(RegExp('the same seed gives the same groups every time'))).toBeVisible();
  await rerun.getByRole('button', { name: 'Start analysis' }).click();
  const status = rerun.getByRole('status');
  await expect(status).toContainText(/Run #\d+:/);
  const runId = Number((await status.textContent())!.match(/Run #(\d+)/)![1]);
  const onCard = dataset.getByRole('table', { name: `Runs of ${BIG_NAME}` }).locator(`[data-run-progress="${runId}"]`);
  await expect(onCard).toBeVisible();
  // The form and the card read one answer: at any instant they say the same.
  const both = await progressOf(page, runId);
  expect(both).toHaveLength(2);
  expect(both[1]).toEqual(both[0]);
  await expect(onCard).toHaveText(/^(Queued: (waiting to start|\d+(st|nd|rd|th) in line)|\d+ %, .+)$/);
  await expect(onCard).toHaveText('100 %, Analysis complete', { timeout: 60_000 });
  await expect(dataset.getByRole('row', { name: new RegExp(`^#${runId} succeeded`) })).toBeVisible();
  await expect(status).toContainText('Analysis complete');
});

test('the same file uploaded again asks before storing a second copy, which can then be renamed and deleted', async ({ page }) => {
  test.setTimeout(180_000);
  await preview(page, file('watch-progress-again.csv', BIG));
  await page.getByRole('textbox', { name: 'Dataset name' }).fill('Second copy');
  await page.getByRole('button', { name: 'Analyse' }).click();
  const question = form(page).getByRole('alert');
  await expect(question).toContainText(new RegExp(`^This file was uploaded on \\d{1,2} \\w{3} as ‘${BIG_NAME}’ \\(run #\\d+\\)\\. Open it, or upload a second copy\\?`));
  await expect(question.getByRole('link', { name: 'Open it' })).toHaveAttribute('href', /^\/\?run=\d+$/);
  await expect(card(page, 'Second copy')).toHaveCount(0);

  await question.getByRole('button', { name: 'Upload a second copy' }).click();
  await expect(form(page).getByText(/^Analysis complete \(run #\d+\)/)).toBeVisible({ timeout: 90_000 });
  const copy = card(page, 'Second copy');
  await expect(copy).toBeVisible();
  await expect(copy).toContainText('watch-progress-again.csv');

  // Rename.
  await copy.getByRole('button', { name: 'Rename of Second copy' }).click();
  await copy.getByRole('textbox', { name: 'New name' }).fill('Copy to delete');
  await copy.getByRole('button', { name: 'Save' }).click();
  const renamed = card(page, 'Copy to delete');
  await expect(renamed).toBeVisible();
  await expect(card(page, 'Second copy')).toHaveCount(0);

  // Delete: the confirmation names what goes; "Keep it" keeps it.
  await renamed.getByRole('button', { name: 'Delete Copy to delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Copy to delete”?' });
  await expect(dialog).toContainText(/1 run and its results \([\d,]+ customers in the latest\)/);
  await expect(dialog).toContainText(/[\d,]+ stored lines of the file/);
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(dialog).toBeHidden();
  await expect(renamed).toBeVisible();
  await renamed.getByRole('button', { name: 'Delete Copy to delete' }).click();
  await dialog.getByRole('button', { name: 'Delete dataset' }).click();
  await expect(card(page, 'Copy to delete')).toHaveCount(0);
  await page.reload();
  await expect(card(page, BIG_NAME)).toBeVisible();
  await expect(card(page, 'Copy to delete')).toHaveCount(0);
});

test('a failed upload (no usable columns) leaves no dataset behind', async ({ page }) => {
  await page.goto('/data');
  await expect(page.getByRole('region', { name: /Demo gift shop/ })).toBeVisible();
  const before = await page.locator('main section[aria-label] > h2').allTextContents();
  await page.getByLabel(/^Transaction file/).setInputFiles(file('unusable.csv', 'name,email\nann,ann@example.com\nbob,bob@example.com\n'));
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(form(page).getByRole('alert')).toContainText('Could not find the date');
  await expect(page.getByRole('button', { name: 'Analyse' })).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  await expect(page.getByRole('region', { name: /Demo gift shop/ })).toBeVisible();
  await expect(page.locator('main section[aria-label] > h2')).toHaveText(before);
  await expect(card(page, 'unusable.csv')).toHaveCount(0);
});

test('a file without a currency asks for one at upload; set to GBP, its dataset card and report show pounds', async ({ page }) => {
  const text = [...generateDemoLog({ customers: 120, seed: SEED + 1 })].join('');
  await preview(page, file('no-currency.csv', text));
  const shown = page.getByRole('region', { name: 'Preview' });
  const currency = shown.getByRole('textbox', { name: 'Currency' });
  // The file says nothing: the user is asked, and nothing is suggested from an earlier upload (the demo's pounds) or filled in.
  await expect(shown.getByText(/^The file does not say its currency: type its three-letter code, or amounts are shown without one\./)).toBeVisible();
  await expect(shown.getByText(/Suggested|last dataset/)).toHaveCount(0);
  await expect(shown.getByRole('group', { name: 'Which currency is it?' })).toHaveCount(0);
  await expect(currency).toHaveValue('');
  await currency.fill('GBP');
  await currency.press('Enter');
  await expect(shown.getByText(/^Detected: GBP|The file does not say/)).toHaveCount(0);
  await expect(shown.getByRole('button', { name: 'Analyse' })).toBeEnabled({ timeout: 30_000 });
  await clickAnalyse(page, shown);
  await expect(form(page).getByText(/^Analysis complete \(run #\d+\)/)).toBeVisible({ timeout: 60_000 });

  const dataset = card(page, 'no-currency.csv');
  await expect(dataset.getByRole('definition').nth(3)).toHaveText('GBP');
  await dataset.getByText('Data-quality report').click();
  await expect(dataset.locator('details').first()).toContainText(/Net revenue£[\d,]+\.\d\d/);
  await expect(dataset).toContainText('Lines in the file');
  await expect(dataset).toContainText('by primary country');
  await expect(dataset).toContainText('a customer who bought from two countries has lines in both');

  // The currency can be changed later from the card.
  await dataset.getByRole('button', { name: 'Set currency of no-currency.csv' }).click();
  await dataset.getByRole('textbox', { name: 'Currency (three-letter code)' }).fill('EUR');
  await dataset.getByRole('button', { name: 'Save' }).click();
  await expect(dataset.getByRole('definition').nth(3)).toHaveText('EUR');
  await expect(dataset.locator('details').first()).toContainText(/Net revenue€[\d,]+\.\d\d/);
});

test('the demo is in pounds and the page is titled Data', async ({ page }) => {
  await page.goto('/data');
  await expect(page).toHaveTitle('Data · Segmenta');
  const demo = page.getByRole('region', { name: /Demo gift shop/ });
  await expect(demo.getByRole('definition').nth(3)).toHaveText('GBP');
});

for (const width of [1440, 768]) {
  test(`the Data page has no serious accessibility violation at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/data');
    await expect(page.getByRole('region', { name: /Demo gift shop/ })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });
}
