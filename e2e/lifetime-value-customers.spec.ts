import { expect, test } from '@playwright/test';
import { demoLogBytes } from '../lib/demo';
import { DROPOUT_PARAMETERS, PURCHASE_MODEL_LABEL } from '../lib/engines/btyd/purchase-model';
import type { PurchaseModel } from '../lib/engines/btyd/types';
import { runAnalysis } from '../lib/engines/pipeline/run-analysis';

// The demo is run #1 (a fresh data folder in CI); pinning it keeps other uploads out of view.
let DEMO_CUSTOMER = '';
// The purchase model the analysis chooses for the demo (on the holdout error, converged fits first).
let DEMO_MODEL: PurchaseModel = 'bgnbd';

test.beforeAll(async () => {
  // The demo customer with the highest predicted CLV, found by the engines on the same generated log.
  const result = await runAnalysis(demoLogBytes());
  let best = -1;
  for (let c = 0; c < result.features.count; c++) {
    if (Number.isFinite(result.clv[c]) && (best < 0 || result.clv[c] > result.clv[best])) best = c;
  }
  DEMO_CUSTOMER = result.features.ids[best];
  if (result.lifetimeValue.status !== 'done') throw new Error('the demo should have lifetime values');
  DEMO_MODEL = result.lifetimeValue.result.model;
});

test('the customers table sorts by CLV descending from its header and pages', async ({ page }) => {
  await page.goto('/customers?run=1');
  const table = page.getByRole('table', { name: /Customers, sorted by/ });
  await expect(page.getByText(/^Showing 1-50 of 4,000$/)).toBeVisible();

  await table.getByRole('link', { name: 'Sort by CLV (net of refunds, GBP) descending' }).click();
  await expect(page).toHaveURL(/sort=clv/);
  await expect(table.getByRole('columnheader', { name: /CLV/ })).toHaveAttribute('aria-sort', 'descending');
  const clvColumn = 8;
  const values = async () =>
    (await table.locator('tbody tr').evaluateAll((rows, col) => rows.map((r) => r.children[col]?.textContent ?? ''), clvColumn)).map((t) =>
      Number(t.replace(/[^\d.-]/g, '')),
    );
  const first = await values();
  expect(first).toHaveLength(50);
  expect(first).toEqual([...first].sort((a, b) => b - a));
  await expect(table.locator('tbody tr').first().getByRole('link', { name: DEMO_CUSTOMER })).toBeVisible();

  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText(/^Showing 51-100 of 4,000$/)).toBeVisible();
  const second = await values();
  expect(second).toEqual([...second].sort((a, b) => b - a));
  expect(second[0]).toBeLessThanOrEqual(first[49]);
});

test('search by customer id finds the customer, whose page shows its transactions', async ({ page }) => {
  await page.goto('/customers?run=1');
  await page.getByRole('searchbox', { name: 'Customer id starts with' }).fill(DEMO_CUSTOMER);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${DEMO_CUSTOMER}`));
  await expect(page.getByText(/^Showing 1-1 of 1$/)).toBeVisible();

  await page.getByRole('link', { name: DEMO_CUSTOMER, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Customer ${DEMO_CUSTOMER}` })).toBeVisible();
  const transactions = page.getByRole('table', { name: new RegExp(`Transaction lines of customer ${DEMO_CUSTOMER}`) });
  await expect(transactions).toBeVisible();
  expect(await transactions.locator('tbody tr').count()).toBeGreaterThan(0);
  await expect(page.getByText(/^Placed \d+ orders? on \d+ days?, most recently/)).toBeVisible();

  const missing = await page.goto('/customers/no-such-customer?run=1');
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Customer not found' })).toBeVisible();
});

test('the lifetime-value page shows the model parameters and the holdout sentence', async ({ page }) => {
  await page.goto('/lifetime-value?run=1');
  const label = PURCHASE_MODEL_LABEL[DEMO_MODEL];
  await expect(page.getByTestId('chosen-model')).toContainText(`Chosen model: ${label}`);
  const parameters = page.getByRole('table', { name: `${label} (purchases, per week): the chosen model` });
  await expect(parameters).toBeVisible();
  for (const name of ['r', 'alpha', ...DROPOUT_PARAMETERS[DEMO_MODEL]]) await expect(parameters.getByRole('rowheader', { name, exact: true })).toBeVisible();
  const spend = page.getByRole('table', { name: /Gamma-Gamma/ });
  for (const name of ['p', 'q', 'gamma']) await expect(spend.getByRole('rowheader', { name, exact: true })).toBeVisible();
  await expect(page.getByText(/log-likelihood -\d/).first()).toBeVisible();
  await expect(page.getByTestId('holdout-sentence')).toHaveText(
    /^On the \d+ (days|weeks) held back, the model's purchase forecasts were off by \d+\.\d\d purchases per customer on average, against \d+\.\d\d for simply carrying each customer's past rate forward: \d+ % (better|worse)/,
  );
  // One length, in one unit and one wording, wherever the page names the holdout period.
  const held = /^On (the \d+ (?:days|weeks) held back),/.exec((await page.getByTestId('holdout-sentence').textContent()) ?? '')?.[1] ?? '';
  expect(held).not.toBe('');
  await expect(page.getByText(`asked to forecast ${held} after it`)).toBeVisible();
  await expect(page.getByTestId('value-comparison-verdict')).toContainText(`of the revenue in ${held}`);
  await expect(page.getByRole('table', { name: new RegExp(`^Spend per customer in ${held} \\(after `) })).toBeVisible();
  const histogram = page.getByRole('img', { name: /Histogram of customers by predicted lifetime value/ });
  await expect(histogram).toBeVisible();
  // The axis says what the bars are; the bin edges are written exactly and alike, so no two read the same.
  await expect(histogram.getByText(/^Predicted CLV \(net of refunds, GBP\): each bar from its label to the next$/)).toBeVisible();
  const tick = histogram.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect(tick.first()).toBeVisible();
  const ticks = await tick.allTextContents();
  expect(ticks.length).toBeGreaterThan(1);
  expect(new Set(ticks).size).toBe(ticks.length);
  // The demo's £250-wide bins in grouped digits (£1,250, £1,500, £1,750), none rounded to £1.3K.
  for (const text of ticks) expect(text).toMatch(/^(≥ )?-?£\d{1,3}(,\d{3})*$/);
  await expect(page.getByRole('table', { name: /Average P\(alive\) by orders/ })).toBeVisible();
  const top = page.getByRole('table', { name: 'Top 20 customers by predicted value' });
  await expect(top.locator('tbody tr')).toHaveCount(20);
  await top.getByRole('link', { name: DEMO_CUSTOMER }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${DEMO_CUSTOMER}\\?run=1`));
});

test('a top-20 customer opened from a filtered Lifetime value view keeps the filter, and "All customers" goes back to it', async ({ page }) => {
  await page.goto('/lifetime-value?run=1&country=United+Kingdom');
  const top = page.getByRole('table', { name: 'Top 20 customers by predicted value' });
  await expect(top.locator('tbody tr').first()).toBeVisible();
  await top.locator('tbody tr').first().getByRole('link').click();
  await expect(page).toHaveURL(/\/customers\/[^?]+\?run=1&country=United\+Kingdom$/);
  await page.getByRole('link', { name: /All customers/ }).click();
  await expect(page).toHaveURL(/\/customers\?run=1&country=United\+Kingdom$/);
});
