import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { clickAnalyse } from './click-analyse';

test.describe.configure({ mode: 'serial' });

const PAGES = [
  { path: '/', title: 'Overview' },
  { path: '/segments', title: 'Segments' },
  { path: '/clusters', title: 'Clusters' },
  { path: '/lifetime-value', title: 'Lifetime value' },
] as const;

/** The demo's run: the first one, analysed at start-up (the upload test below adds a later run). */
const DEMO = 'run=1';

async function open(page: Page, path: string) {
  await page.goto(`${path}?${DEMO}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

for (const { path, title } of PAGES) {
  test(`${title}: the browser title names the page and its filters`, async ({ page }) => {
    await page.goto(`${path}?${DEMO}`);
    await expect(page).toHaveTitle(`${title} · Segmenta`);
    await page.goto(`${path}?${DEMO}&country=France`);
    await expect(page).toHaveTitle(`${title} · France · Segmenta`);
  });

  for (const width of [1440, 768]) {
    test(`${title} at ${width} px: no serious or critical axe-core violation, charts are not Tab stops`, async ({ page }) => {
      await page.setViewportSize({ width, height: 1000 });
      await open(page, path);
      await page.waitForLoadState('networkidle');
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      // Recharts' accessibility layer makes every chart an unnamed Tab stop; the charts are named images instead.
      await expect(page.locator('[role="img"] [tabindex]:not([tabindex="-1"])')).toHaveCount(0);
      await expectNoSeriousAxeViolations(page);
    });
  }
}

test('lifetime value at 390 px: the page does not scroll sideways; its wide tables scroll inside their own regions', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, '/lifetime-value');
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Error per customer on the held-back period' })).toBeAttached();
  await expect(page.getByRole('region', { name: 'Error per customer table, scrolls sideways' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('at 390 px a table wider than its region says "scroll →" and fades its edge; one that fits says neither, so nothing of it is faded', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, '/lifetime-value');
  await page.waitForLoadState('networkidle');
  const hintOf = (name: string) => page.getByRole('region', { name, exact: true }).locator('xpath=following-sibling::p');
  const fits = page.getByRole('region', { name: 'BG/NBD parameters table, scrolls sideways', exact: true });
  await expect(fits).toBeVisible();
  expect(await fits.evaluate((r) => r.scrollWidth <= r.clientWidth + 1)).toBe(true);
  await expect(hintOf('BG/NBD parameters table, scrolls sideways')).toBeHidden();
  const wide = page.getByRole('region', { name: 'Top 20 customers table, scrolls sideways' });
  expect(await wide.evaluate((r) => r.scrollWidth > r.clientWidth + 1)).toBe(true);
  await expect(hintOf('Top 20 customers table, scrolls sideways')).toBeVisible();
  // Scrolled to its end, the fade goes; the hint stays.
  await wide.evaluate((r) => r.scrollTo({ left: r.scrollWidth }));
  await expect(wide.locator('xpath=following-sibling::div[contains(@class, "bg-gradient-to-l")]')).toBeHidden();
});

test('overview: the bar charts are named images with the same numbers in a table', async ({ page }) => {
  await open(page, '/');
  const chart = page.getByRole('img', { name: /^Customers by segment: / });
  await expect(chart).toBeVisible();
  const section = page.getByRole('region', { name: 'Customers by segment' });
  await section.getByText('Show as table').click();
  const table = section.getByRole('table', { name: 'Customers by segment' });
  await expect(table).toBeVisible();
  const firstRow = table.getByRole('row').nth(1);
  const [segment, customers] = [await firstRow.getByRole('rowheader').textContent(), await firstRow.getByRole('cell').textContent()];
  expect(await chart.getAttribute('aria-label')).toContain(`${segment} ${customers}`);
});

test('a model term explains itself on keyboard focus, to screen readers too, and Escape hides it', async ({ page }) => {
  await open(page, '/clusters');
  const card = page.getByRole('region', { name: 'Elbow k' });
  const term = card.getByText('Elbow k', { exact: true });
  await expect(term).toHaveAccessibleDescription(/adding more stops tightening the clusters/);
  const tip = card.getByRole('tooltip');
  await expect(tip).toBeHidden();
  // Reached with the Tab key: step back from it and forward again.
  await term.focus();
  await page.keyboard.press('Shift+Tab');
  await expect(term).not.toBeFocused();
  await page.keyboard.press('Tab');
  await expect(term).toBeFocused();
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText(/^Elbow k: the number of clusters/);
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
});

/** Pages outside the four dashboards: the customers table, one customer, Data and Audiences. */
const OTHER_PAGES = [
  { name: 'Customers', open: (page: Page) => open(page, '/customers') },
  {
    name: 'One customer',
    open: async (page: Page) => {
      await open(page, '/customers');
      await page.getByRole('table').getByRole('rowheader').first().getByRole('link').click();
      await expect(page.getByRole('heading', { level: 1, name: /^Customer / })).toBeVisible();
    },
  },
  { name: 'Data', open: (page: Page) => open(page, '/data') },
  { name: 'Audiences', open: (page: Page) => open(page, '/audiences') },
] as const;

for (const { name, open: openPage } of OTHER_PAGES) {
  for (const width of [1440, 768]) {
    test(`${name} at ${width} px: no serious or critical axe-core violation`, async ({ page }) => {
      await page.setViewportSize({ width, height: 1000 });
      await openPage(page);
      await page.waitForLoadState('networkidle');
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await expectNoSeriousAxeViolations(page);
    });
  }
}

test('at 768 px the customers table keeps CLV, P(alive), churn status and last purchase on screen; it fits, so it does not say it scrolls', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1000 });
  await open(page, '/customers');
  const table = page.getByRole('region', { name: 'Customers table, scrolls sideways' });
  for (const column of [/^Sort by Customer /, /^Sort by Orders /, /^Sort by Revenue/, /^Sort by CLV/, /^Sort by P\(alive\)/, /^Churn status$/, /^Sort by Last purchase /]) {
    const header = table.getByRole('columnheader', { name: column });
    await expect(header).toBeVisible();
    await expect(header).toBeInViewport();
  }
  await expect(table.getByRole('columnheader', { name: /^Sort by Country / })).toBeHidden();
  expect(await table.evaluate((r) => r.scrollWidth <= r.clientWidth + 1)).toBe(true);
  await expect(table.locator('xpath=following-sibling::p')).toBeHidden();
});

test('at 768 px the segment summary keeps Recommended action and Avg P(alive) and says it scrolls; KPI figures stay inside their cards', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1000 });
  await open(page, '/segments');
  const summary = page.getByRole('region', { name: 'Segments table, scrolls sideways' });
  await expect(summary).toBeVisible();
  for (const column of [/^Segment$/, /^Customers$/, /^Avg CLV/, /^Avg P\(alive\)/, /^Recommended action$/]) {
    const header = summary.getByRole('columnheader', { name: column });
    await expect(header).toBeVisible();
    await expect(header).toBeInViewport();
  }
  await expect(summary.getByRole('columnheader', { name: /^Avg monetary/ })).toBeHidden();
  await expect(page.getByText('scroll →').first()).toBeVisible();

  await open(page, '/');
  for (const id of ['kpi-revenue', 'kpi-average-clv']) {
    // The KPI section streams in after the heading: wait for it before measuring.
    await expect(page.getByTestId(id)).toBeVisible();
    const figure = await page.getByTestId(id).boundingBox();
    const card = await page.getByTestId(id).locator('xpath=ancestor::section[1]').boundingBox();
    expect(figure && card).toBeTruthy();
    expect(figure!.x + figure!.width).toBeLessThanOrEqual(card!.x + card!.width - 8);
  }
});

test('the CLV box plot switches between a log and a linear axis', async ({ page }) => {
  await open(page, '/clusters');
  const section = page.getByRole('region', { name: 'CLV by segment' });
  const toggle = section.getByRole('checkbox', { name: /^Log scale/ });
  const plot = section.getByRole('img', { name: /box plots per segment/ });
  const startsLog = await toggle.isChecked();
  await expect(plot).toHaveAttribute('aria-label', new RegExp(`on a ${startsLog ? 'log' : 'linear'} axis`));
  await toggle.click();
  await expect(plot).toHaveAttribute('aria-label', new RegExp(`on a ${startsLog ? 'linear' : 'log'} axis`));
  await expect(section).toContainText(startsLog ? 'CLV' : 'log scale');
});

// Ten customers, 20.00 each (2 x 10.00), and one more order of 5.50 by the first: 205.50 euros.
const EURO_SHOP = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country,Currency',
  ...Array.from({ length: 10 }, (_, k) => `6100${k},A1,MUG,2,2024-0${1 + (k % 9)}-1${k % 10} 10:00,10.00,${30001 + k},Ireland,EUR`),
  '61099,B2,SPOON,1,2024-09-20 12:00,5.50,30001,Ireland,EUR',
].join('\n');

test('an upload whose currency is detected shows its money with the euro sign on the overview', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'segmenta-e2e-pages-'));
  const path = join(dir, 'euro-shop.csv');
  writeFileSync(path, EURO_SHOP);
  await page.goto('/data');
  await page.getByLabel(/^Transaction file/).setInputFiles(path);
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByRole('button', { name: 'Analyse' })).toBeEnabled();
  await clickAnalyse(page);
  await expect(page.getByText(/^Analysis complete \(run #\d+\)/)).toBeVisible({ timeout: 60_000 });
  await page.getByRole('link', { name: 'See the results' }).click();
  await expect(page.getByRole('region', { name: 'Dataset and run' })).toContainText(/euro-shop\.csv · run #\d+/);
  await expect(page.getByTestId('kpi-customers')).toHaveText('10');
  await expect(page.getByTestId('kpi-revenue')).toHaveText('€205.50');
  await expect(page.getByTestId('kpi-average-order-value')).toHaveText('€18.68');
});
