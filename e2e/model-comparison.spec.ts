import { expect, test } from '@playwright/test';
import { DEMO_CURRENCY, demoLogBytes } from '../lib/demo';
import { runAnalysis } from '../lib/engines/pipeline/run-analysis';
import { summarizeAnalysis } from '../lib/engines/pipeline/summarize-analysis';
import { formatMoney, formatPercent } from '../lib/format/format-number';
import { holdoutPeriod } from '../lib/format/holdout-period';
import { valueModelComparisonFromSummary, type ValueModelComparisonDto } from '../lib/server/dashboard/lifetime-value/value-model-comparison-dto';

// The comparison the engines compute on the same generated demo log (run #1 of a fresh data folder).
let expected: Extract<ValueModelComparisonDto, { status: 'done' }>;
// The demo dataset is stored in pounds (the summary of a bare log has no currency of its own).
const currency = DEMO_CURRENCY;

test.beforeAll(async () => {
  const summary = summarizeAnalysis(await runAnalysis(demoLogBytes()), { timings: false });
  const dto = valueModelComparisonFromSummary(summary.modelComparison, currency);
  if (dto.status !== 'done') throw new Error('the demo should have a model comparison');
  expected = dto;
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the lifetime-value page compares the regressors with the purchase model and the naive baseline on the demo', async ({ page }) => {
  await page.goto('/lifetime-value?run=1');
  const section = page.getByRole('region', { name: 'Model comparison' });
  await expect(section.getByTestId('value-comparison-verdict')).toHaveText(expected.verdict);
  await expect(section.getByTestId('value-comparison-verdict')).toContainText('For targeting the top fifth of customers');

  // The holdout period in the words every section of the page uses for it.
  const held = holdoutPeriod(expected.holdoutDays, 'days');
  await expect(section.getByTestId('value-comparison-verdict')).toContainText(`of the revenue in ${held}`);
  const table = section.getByRole('table', { name: `Spend per customer in ${held} (after ${expected.calibrationEnd}, ${expected.customers.toLocaleString('en-US')} customers)` });
  await expect(table.getByRole('row')).toHaveCount(expected.models.length + 1);
  for (const model of expected.models) {
    const row = table.getByRole('row', { name: new RegExp(`^${escape(model.label)}`) });
    await expect(row).toContainText(model.r2 === null ? '–' : model.r2.toFixed(2));
    await expect(row).toContainText(formatMoney(model.mae, currency));
    await expect(row).toContainText(formatMoney(model.rmse, currency));
    await expect(row).toContainText(formatPercent(model.top10));
    await expect(row).toContainText(formatPercent(model.top20));
  }
  // The best model of the top-fifth column carries the mark.
  const bestTop20 = expected.models.find((m) => m.model === expected.best.top20[0])!;
  await expect(table.getByRole('row', { name: new RegExp(`^${escape(bestTop20.label)}`) }).getByRole('cell', { name: `${formatPercent(bestTop20.top20)} (best)`, exact: true })).toBeVisible();
  await expect(section).toContainText(expected.trainingNote);
  await expect(section).toContainText('The regressors never see the held-back period');
});
