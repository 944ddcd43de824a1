import { expect, test } from '@playwright/test';
import { demoLogBytes } from '../lib/demo';
import { runAnalysis } from '../lib/engines/pipeline/run-analysis';
import { formatInteger, formatMoney, formatPercent } from '../lib/format/format-number';

/** The overview's KPIs computed by the engines themselves on the same generated demo log. */
async function expectedKpis(country?: string) {
  const result = await runAnalysis(demoLogBytes());
  const f = result.features;
  const included = (c: number) => country === undefined || f.countries[f.primaryCountry[c]] === country;
  let customers = 0;
  let revenue = 0;
  let orders = 0;
  let repeat = 0;
  let atRisk = 0;
  let clvSum = 0;
  let clvCount = 0;
  for (let c = 0; c < f.count; c++) {
    if (!included(c)) continue;
    customers++;
    revenue += f.monetary[c];
    orders += f.frequency[c];
    if (f.frequency[c] > 1) repeat++;
    if (result.churn.labels[result.churn.status[c]] === 'At Risk') atRisk++;
    if (Number.isFinite(result.clv[c])) {
      clvSum += result.clv[c];
      clvCount++;
    }
  }
  return {
    customers: formatInteger(customers),
    revenue: formatMoney(revenue, 'GBP'),
    'average-clv': formatMoney(clvSum / clvCount, 'GBP'),
    'average-order-value': formatMoney(revenue / orders, 'GBP'),
    'repeat-customers': formatPercent(repeat / customers),
    'at-risk': formatPercent(atRisk / customers),
  };
}

test('the overview shows KPI cards with the demo data’s real numbers', async ({ page }) => {
  const expected = await expectedKpis();
  // The demo is the first run of a fresh data folder; other specs may upload newer ones.
  await page.goto('/?run=1');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  for (const [key, value] of Object.entries(expected)) {
    await expect(page.getByTestId(`kpi-${key}`)).toHaveText(value);
  }
  await expect(page.getByRole('region', { name: 'Customers', exact: true })).toContainText('4,000');
});

test('a country filter changes the KPIs and the URL, a reload keeps the view, and removing the filter restores it', async ({ page }) => {
  const [all, france] = await Promise.all([expectedKpis(), expectedKpis('France')]);
  await page.goto('/?run=1');
  await expect(page.getByTestId('kpi-customers')).toHaveText(all.customers);
  await page.getByRole('button', { name: /^Country/ }).click();
  await page.getByRole('combobox', { name: 'Search country' }).fill('France');
  await page.getByRole('option', { name: /^France/ }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: /^Country/ })).toHaveAccessibleName('Country France');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]country=France/);
  for (const [key, value] of Object.entries(france)) await expect(page.getByTestId(`kpi-${key}`)).toHaveText(value);
  await page.reload();
  await expect(page.getByTestId('kpi-customers')).toHaveText(france.customers);
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('Country: France');
  await page.getByRole('link', { name: 'Remove filter Country: France' }).click();
  await expect(page).not.toHaveURL(/country=/);
  await expect(page.getByTestId('kpi-customers')).toHaveText(all.customers);
});
