import { existsSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { uploadThroughApi } from './upload-through-api';

// P(alive) is written one way on every page ("94.6%"), and a run without it says why once instead of showing empty figures.
test.describe.configure({ mode: 'serial' });

// A real export whose purchases cannot tell when customers stop buying: its run shows no P(alive).
const NO_P_ALIVE_FILE = '/work/shared/data/realworld/online_retail_ii_sample.xlsx';
const P_ALIVE = /^\d{1,3}\.\d%$/;

async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

test('demo: the segment summary, lifetime-value card and heatmap write P(alive) as a percent with one decimal', async ({ page }) => {
  await page.goto('/segments?run=1');
  await settled(page);
  const summary = page.getByRole('table', { name: /RFM segments of the filtered customers/ });
  const header = await summary.locator('thead th').allTextContents();
  const column = header.findIndex((h) => h.trim().startsWith('Avg P(alive)'));
  expect(column).toBeGreaterThan(0);
  const averages = await summary.locator('tbody tr').evaluateAll((rows, i) => rows.map((r) => r.children[i]?.textContent?.trim() ?? ''), column);
  expect(averages.length).toBeGreaterThan(0);
  for (const a of averages) expect(a).toMatch(P_ALIVE);
  const basis = (await page.getByRole('note', { name: 'Churn basis' }).textContent()) ?? '';
  expect(basis).toMatch(/\(at risk below \d+(\.\d)?%, churned below \d+(\.\d)?%\)/);
  expect(basis).not.toContain(' %');

  await page.goto('/lifetime-value?run=1');
  await settled(page);
  await expect(page.getByTestId('kpi-average-p-alive-')).toHaveText(P_ALIVE);
  const cells = await page.getByRole('table', { name: 'Average P(alive) by orders and days since the last purchase' }).locator('td').allTextContents();
  const figures = cells.map((c) => c.replace(/n=\d+$/, '')).filter((c) => c !== '–');
  expect(figures.length).toBeGreaterThan(0);
  for (const f of figures) expect(f).toMatch(P_ALIVE);
});

test('a run whose data cannot tell dropout shows no empty P(alive) card or heatmap, and its customers say why once', async ({ page, request }) => {
  test.skip(!existsSync(NO_P_ALIVE_FILE), `${NO_P_ALIVE_FILE} is not on this machine`);
  const runId = await uploadThroughApi(request, { fileName: 'online_retail_ii_sample.xlsx', content: readFileSync(NO_P_ALIVE_FILE), name: 'No P(alive) check', secondCopy: true });

  await page.goto(`/lifetime-value?run=${runId}`);
  await settled(page);
  const notes = page.getByRole('note', { name: 'P(alive) note' });
  await expect(notes.first()).toContainText(/^P\(alive\) is not shown: this data cannot tell when customers stop buying/);
  const note = (await notes.first().textContent()) ?? '';
  await expect(page.getByRole('region', { name: 'Average P(alive)' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Average P(alive) by orders and days since the last purchase' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Average expected purchases over the CLV horizon' })).toBeVisible();
  await expect(page.getByText('P(alive) averages only the customers it is shown for')).toHaveCount(0);
  // The model paragraph says what the caveat says: the customers the days-silent rule calls Churned are counted as lost.
  await expect(page.getByText(/assume each customer keeps buying at their own average rate, except those the days-silent rule calls Churned, who are counted as lost \(0\)/)).toBeVisible();

  await page.goto(`/customers?run=${runId}`);
  await settled(page);
  const said = await page.locator('td span[title]').evaluateAll((spans) => spans.map((s) => s.textContent ?? ''));
  expect(said.length).toBeGreaterThan(0);
  // "—" and "see note" are hidden from screen readers; what is read is the note, once.
  for (const s of said) expect(s).toBe(`—${note}see note`);
  await expect(page.getByText(/no P\(alive\): P\(alive\)/)).toHaveCount(0);
});

test('at 390 px the demo P(alive) heatmap keeps one decimal and every figure fits its cell', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/lifetime-value?run=1');
  await settled(page);
  const map = page.getByRole('table', { name: 'Average P(alive) by orders and days since the last purchase' });
  await map.scrollIntoViewIfNeeded();
  const cells = await map.locator('td').evaluateAll((tds) => tds.map((td) => ({ text: td.firstChild?.textContent ?? '', overflow: td.scrollWidth - td.clientWidth })));
  // The widest figure, "100.0%", fits too: written in the first figure's place and measured.
  const widest = await map.locator('td').first().evaluate((td) => {
    const figure = td.firstElementChild as HTMLElement;
    const before = figure.textContent;
    figure.textContent = '100.0%';
    const overflow = td.scrollWidth - td.clientWidth;
    figure.textContent = before;
    return overflow;
  });
  expect(widest).toBeLessThanOrEqual(0);
  expect(cells.filter((c) => c.text !== '–').length).toBeGreaterThan(0);
  for (const c of cells) {
    if (c.text !== '–') expect(c.text).toMatch(P_ALIVE);
    expect(c.overflow, c.text).toBeLessThanOrEqual(0);
  }
  await map.screenshot({ path: test.info().outputPath('p-alive-heatmap-390.png') });
});
