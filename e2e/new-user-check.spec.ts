import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { threeMonthLog } from '../lib/server/dashboard/migration/testing/three-month-log';
import { uploadThroughApi } from './upload-through-api';
import { datasetCard, uploadWithMonthlySnapshots } from './upload-with-monthly-snapshots';

// What the last new-user check found: each test shows one of its defects mended.
test.describe.configure({ mode: 'serial' });

const dir = mkdtempSync(join(tmpdir(), 'segmenta-e2e-check-'));
const card = datasetCard;

async function openScoring(page: Page, datasetName: string) {
  await page.goto('/data');
  const dataset = card(page, datasetName);
  await dataset.getByText('Score new customers against a run').click();
  return dataset.getByRole('form', { name: `Score new customers against a run of ${datasetName}` });
}

let uploadRun = 0;
let datasetName = '';

test('after monthly snapshots, a URL without a run still shows the full-data run; run lists name each snapshot’s date', async ({ page, request }) => {
  test.setTimeout(300_000);
  datasetName = `Check ${Date.now()}`;
  uploadRun = await uploadWithMonthlySnapshots(page, request, datasetName);

  // The snapshots finished last, yet the overview without ?run= shows the upload's run of all the data.
  await page.goto('/');
  const bar = page.getByRole('region', { name: 'Dataset and run' });
  await expect(bar.getByRole('paragraph')).toContainText(`${datasetName} · run #${uploadRun} · 20 customers`);
  await bar.getByRole('button', { name: 'Switch dataset or run' }).click();
  const runs = page.getByRole('dialog', { name: 'Datasets and runs' });
  await expect(runs.getByRole('link', { name: new RegExp(`^#\\d+ ${datasetName} · snapshot 31 Jan 2026 · 12 customers`) })).toBeVisible();
  await expect(runs.getByRole('link', { name: new RegExp(`^#\\d+ ${datasetName} · snapshot 28 Feb 2026 · 16 customers`) })).toBeVisible();
  await expect(runs.getByRole('link', { name: new RegExp(`^#${uploadRun} ${datasetName} · 20 customers .*\\(viewing\\)$`) })).toBeVisible();

  // A snapshot opened by its link says which day it is.
  await runs.getByRole('link', { name: /snapshot 31 Jan 2026/ }).click();
  await expect(bar.getByRole('paragraph')).toContainText(/ · run #\d+ · snapshot 31 Jan 2026 · 12 customers/);

  // The Data page's score form lists the snapshots by date and starts on the run the pages show.
  const score = await openScoring(page, datasetName);
  const run = score.getByLabel('Run');
  await expect(run).toHaveValue(String(uploadRun));
  await expect(run.getByRole('option')).toHaveText([/^#\d+ · snapshot 28 Feb 2026$/, /^#\d+ · snapshot 31 Jan 2026$/, `#${uploadRun} (shown on the dashboard)`]);
});

test.describe('a browser in UTC', () => {
  test.use({ timezoneId: 'UTC' });

  test('scoring asks for the time zone of a file stamped in UTC and scores with a zone typed in the answer; the scored file has a currency column', async ({ page }) => {
    test.setTimeout(120_000);
    const path = join(dir, 'utc-stamped.csv');
    writeFileSync(path, threeMonthLog().replace(/ 10:00,/g, 'T10:00:00Z,'));
    const form = await openScoring(page, datasetName);
    await form.getByLabel('File to score').setInputFiles(path);
    let downloads = 0;
    page.on('download', () => (downloads += 1));
    await form.getByRole('button', { name: `Score against run #${uploadRun}` }).click();
    const question = form.getByRole('alert');
    await expect(question).toContainText('The times in column "InvoiceDate" are in UTC');
    // A browser in UTC is offered no zone of its own, and the words offer none either: they name the choices shown.
    await expect(question.getByRole('button')).toHaveText(['Count days in UTC', 'Use this zone']);
    await expect(question).not.toContainText('browser');
    await expect(question).toContainText("Choose the store's time zone below (type its IANA name such as Europe/London under Another zone), or count days in UTC.");
    expect(downloads).toBe(0);
    const download = page.waitForEvent('download');
    // Any zone can be typed, not only this browser's or UTC.
    const another = question.getByRole('group', { name: 'Another time zone' });
    await another.getByLabel('Another zone (the store’s IANA name)').fill('Europe/London');
    await another.getByRole('button', { name: 'Use this zone' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`scored-run-${uploadRun}-utc-stamped.csv`);
    await expect(form.getByRole('status')).toContainText(`Scored 20 customers with run #${uploadRun}`);
    const [header, ...rows] = readFileSync(await file.path(), 'utf8').trim().split(/\r?\n/);
    const currency = header.split(',').indexOf('currency');
    expect(currency).toBeGreaterThan(0);
    expect(rows.map((row) => row.split(',')[currency])).toEqual(Array(20).fill('GBP'));
  });
});

test('scoring asks for the date order of dates that read both ways', async ({ page }) => {
  test.setTimeout(120_000);
  const path = join(dir, 'both-ways.csv');
  // 2026-01-05 .. 2026-03-20 written M/D/Y with days up to 12 only: every date reads both ways.
  const lines = threeMonthLog().trim().split('\n');
  const body = lines.slice(1).filter((line) => Number(/2026-\d\d-(\d\d)/.exec(line)![1]) <= 12);
  writeFileSync(path, [lines[0], ...body.map((line) => line.replace(/2026-(\d\d)-(\d\d)/, '$1/$2/2026'))].join('\n'));
  const form = await openScoring(page, datasetName);
  await form.getByLabel('File to score').setInputFiles(path);
  await form.getByRole('button', { name: `Score against run #${uploadRun}` }).click();
  const question = form.getByRole('alert');
  await expect(question).toContainText('can be read day-first or month-first');
  const download = page.waitForEvent('download');
  await question.getByRole('button', { name: 'Month/Day/Year' }).click();
  const file = await download;
  const [header, first] = readFileSync(await file.path(), 'utf8').trim().split(/\r?\n/);
  expect(first.split(',')[header.split(',').indexOf('first_purchase_date')]).toMatch(/^2026-0[123]-\d\d$/);
});

test('a file in another currency than the run’s is refused in words', async ({ page }) => {
  const path = join(dir, 'dollars.csv');
  writeFileSync(path, threeMonthLog().replace(/,(\d+\.\d\d),/g, ',$$$1,'));
  const form = await openScoring(page, datasetName);
  await form.getByLabel('File to score').setInputFiles(path);
  await form.getByRole('button', { name: `Score against run #${uploadRun}` }).click();
  await expect(form.getByRole('alert')).toContainText('dollars.csv could not be scored: The file\'s money is in $');
  await expect(form.getByRole('alert')).toContainText('but the run counts money in GBP');
  await form.getByLabel('File’s currency').fill('EUR');
  await form.getByRole('button', { name: `Score against run #${uploadRun}` }).click();
  await expect(form.getByRole('alert')).toContainText('The file\'s money is in EUR (the currency you gave), but the run counts money in GBP');
});

test('a movement filter against a run that is not an earlier snapshot is refused with a notice, and by the export', async ({ page, request }) => {
  const query = `run=${uploadRun}&movedFrom=${uploadRun}:Champions`;
  await page.goto(`/customers?${query}`);
  const notice = page.getByRole('status').filter({ hasText: 'could not be used' });
  await expect(notice).toContainText(`“Was Champions in run #${uploadRun}” compares with run #${uploadRun}, which is not an earlier snapshot of run #${uploadRun}’s dataset`);
  await expect(page.getByText(/^Showing 1-20 of 20$/)).toBeVisible();
  const exported = await request.get(`/api/exports?${query}&columns=customer_id`);
  expect(exported.status()).toBe(400);
  expect(((await exported.json()) as { error: { message: string } }).error.message).toContain('which is not an earlier snapshot');
  // The demo's run belongs to another dataset.
  const demo = await request.get(`/api/exports?run=${uploadRun}&churnFrom=1:Active&columns=customer_id`);
  expect(demo.status()).toBe(400);
});

test('a date-only file shows its purchases by date, without 00:00', async ({ page, request }) => {
  test.setTimeout(180_000);
  const name = `Dates only ${Date.now()}`;
  const run = await uploadThroughApi(request, { fileName: 'dates-only.csv', content: threeMonthLog(name).replace(/ 10:00,/g, ','), name, settings: { currency: 'GBP' } });
  await page.goto(`/customers/C01?run=${run}`);
  const lines = page.getByRole('table', { name: /^Transaction lines of customer C01/ });
  await expect(lines.getByRole('row')).toHaveCount(4);
  await expect(lines.getByRole('cell', { name: '2026-03-12', exact: true })).toBeVisible();
  await expect(lines).not.toContainText('00:00');
});

test('pages that are not found have their own title', async ({ page }) => {
  await page.goto('/?run=999999');
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(page).toHaveTitle('Not found · Segmenta');
  await page.goto('/customers?run=999999');
  await expect(page).toHaveTitle('Not found · Segmenta');
  await page.goto('/no-such-page');
  await expect(page).toHaveTitle('Not found · Segmenta');
  await page.goto('/customers/nobody-at-all?run=1');
  await expect(page.getByRole('heading', { name: 'Customer not found' })).toBeVisible();
  await expect(page).toHaveTitle('Customer not found · Segmenta');
});

test('the local admin finds Users in the menu', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Users', exact: true }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(page.getByText('you are its local admin')).toBeVisible();
});
