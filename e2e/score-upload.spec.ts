import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { writeDemoLog } from '../lib/demo/write-demo-log';
import { appOriginHeader } from './app-origin';

const dir = mkdtempSync(join(tmpdir(), 'segmenta-e2e-score-'));

/** The cells of one CSV line without line breaks in its cells: quoted cells may hold commas and doubled quotes. */
function cells(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => (m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]));
}

/** Rows of a CSV by header name (a byte-order mark is dropped). */
function readCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const names = cells(header);
  return lines.map((line) => Object.fromEntries(cells(line).map((cell, i) => [names[i], cell])));
}

async function openScoring(page: Page) {
  await page.goto('/data');
  const demo = page.getByRole('region', { name: /^Demo gift shop/ }).first();
  await demo.getByText('Score new customers against a run').click();
  return demo.getByRole('form', { name: /^Score new customers against a run of Demo gift shop/ });
}

test.describe.configure({ mode: 'serial' });

test('scoring the demo’s own file against the demo run downloads every customer with the run’s segment, scores, cluster, P(alive) and CLV', async ({ page, request }) => {
  test.setTimeout(180_000);
  const path = join(dir, 'demo-gift-shop.csv.gz');
  await writeDemoLog(path);
  const form = await openScoring(page);
  await form.getByLabel('File to score').setInputFiles(path);
  const runId = Number(await form.getByLabel('Run').inputValue());
  const download = page.waitForEvent('download', { timeout: 150_000 });
  await form.getByRole('button', { name: `Score against run #${runId}` }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`scored-run-${runId}-demo-gift-shop.csv`);
  await expect(form.getByRole('status')).toContainText(`customers with run #${runId}`);
  // The day recency and P(alive) are measured to is said beside the result.
  await expect(form.getByRole('status')).toContainText(/, as of \d{4}-\d{2}-\d{2} \(recency and P\(alive\) are measured to that day\)/);
  const scored = readCsv(readFileSync(await file.path(), 'utf8'));

  const exported = await request.get(`/api/exports?run=${runId}&columns=customer_id,segment,r_score,f_score,m_score,churn_status,cluster,p_alive,clv`);
  expect(exported.status()).toBe(200);
  const own = new Map(readCsv(await exported.text()).map((row) => [row.customer_id, row]));
  expect(scored.length).toBe(own.size);
  expect(scored.length).toBeGreaterThan(500);
  // Compared in plain code and asserted once: thousands of expect() calls in one test make
  // Playwright's step bookkeeping quadratic (minutes of CPU on the worker).
  const mismatches: string[] = [];
  for (const row of scored) {
    const run = own.get(row.customer_id);
    if (!run) {
      mismatches.push(`customer ${row.customer_id} is not in the run`);
      continue;
    }
    const scoredLabels = [row.segment, row.r_score, row.f_score, row.m_score, row.churn_status, row.cluster_kmeans];
    const runLabels = [run.segment, run.r_score, run.f_score, run.m_score, run.churn_status, run.cluster_kmeans ?? run.cluster];
    if (JSON.stringify(scoredLabels) !== JSON.stringify(runLabels)) mismatches.push(`${row.customer_id}: scored ${JSON.stringify(scoredLabels)}, run ${JSON.stringify(runLabels)}`);
    if ((row.p_alive === '') !== (run.p_alive === '')) mismatches.push(`${row.customer_id}: P(alive) "${row.p_alive}" vs "${run.p_alive}"`);
    else if (row.p_alive !== '' && !(Math.abs(Number(row.p_alive) - Number(run.p_alive)) <= 1e-4)) mismatches.push(`${row.customer_id}: P(alive) ${row.p_alive} vs ${run.p_alive}`);
    if (!(Math.abs(Number(row.clv_6m) - Number(run.clv)) <= 0.01)) mismatches.push(`${row.customer_id}: CLV ${row.clv_6m} vs ${run.clv}`);
  }
  expect(mismatches).toEqual([]);
});

test('a file that cannot be scored says why, and nothing downloads', async ({ page }) => {
  const path = join(dir, 'contacts.csv');
  writeFileSync(path, 'name,email\nann,a@b.c\n');
  const form = await openScoring(page);
  await form.getByLabel('File to score').setInputFiles(path);
  let downloaded = false;
  page.on('download', () => (downloaded = true));
  await form.getByRole('button', { name: /^Score against run #\d+$/ }).click();
  await expect(form.getByRole('alert')).toContainText('contacts.csv could not be scored: Could not find the date');
  expect(downloaded).toBe(false);
});

test('scoring needs a file and a finished run with stored models', async ({ page, request }) => {
  const form = await openScoring(page);
  await form.getByRole('button', { name: /^Score against run #\d+$/ }).click();
  await expect(form.getByRole('alert')).toHaveText('Choose the transaction file whose customers you want to score.');
  const unknown = await request.post('/api/runs/999999/score', { data: { stagingId: '00000000-0000-4000-8000-000000000000' }, headers: appOriginHeader() });
  expect(unknown.status()).toBe(404);
  expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe('This upload is unknown or has expired; choose the file again.');
});
