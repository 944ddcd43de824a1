import { expect, test } from '@playwright/test';
import { demoLogBytes } from '../lib/demo';
import { runAnalysis } from '../lib/engines/pipeline/run-analysis';
import { formatInteger, formatMoney, formatPercent } from '../lib/format/format-number';

/** The overview's KPIs computed by the engines themselves on the same generated demo log. */
async function expectedKpis() {
  const result = await runAnalysis(demoLogBytes());
  const f = result.features;
  let revenue = 0;
  let orders = 0;
  let repeat = 0;
  let atRisk = 0;
  let clvSum = 0;
  let clvCount = 0;
  for (let c = 0; c < f.count; c++) {
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
    customers: formatInteger(f.count),
    revenue: formatMoney(revenue),
    'average-6-month-clv': formatMoney(clvSum / clvCount),
    'average-order-value': formatMoney(revenue / orders),
    'repeat-customers': formatPercent(repeat / f.count),
    'at-risk': formatPercent(atRisk / f.count),
  };
}

test('the overview shows KPI cards with the demo data’s real numbers', async ({ page }) => {
  const expected = await expectedKpis();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  for (const [key, value] of Object.entries(expected)) {
    await expect(page.getByTestId(`kpi-${key}`)).toHaveText(value);
  }
  await expect(page.getByRole('region', { name: 'Customers', exact: true })).toContainText('4,000');
});
