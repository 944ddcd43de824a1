import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { generateDemoLog } from '../lib/demo';
import { formatInteger, formatMoney } from '../lib/format/format-number';
import { runAnalysis } from '../lib/engines/pipeline/run-analysis';
import { clickAnalyse } from './click-analyse';

const dir = mkdtempSync(join(tmpdir(), 'segmenta-e2e-files-'));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The dataset names on the Data page (h2 of each dataset section), to show that nothing was stored. */
async function datasetNames(page: Page): Promise<string[]> {
  await page.goto('/data');
  await expect(page.getByRole('region', { name: /Demo gift shop/ }).first()).toBeVisible();
  return page.locator('main section[aria-label] > h2').allTextContents();
}

async function preview(page: Page, path: string) {
  await page.goto('/data');
  await page.getByLabel(/^Transaction file/).setInputFiles(path);
  await page.getByRole('button', { name: 'Upload and preview' }).click();
}

const form = (page: Page) => page.getByRole('form', { name: 'Upload a transaction log' });

test.describe.configure({ mode: 'serial' });

// A day-first, semicolon-separated export with decimal commas and '.' between thousands, in the
// UCI columns. By hand (quantity x unit price):
//   20001: 540001 6 x 2.55 + 2 x 3.39 = 22.08; 540004 4 x 7.65 = 30.60; return C540005 2 x 2.55 = 5.10
//          -> gross 52.68, net 47.58
//   20002: 540002 1 x 1,249.00 + 540007 2 x 1,249.00 -> 3,747.00
//   20003: 12 x 1.69 = 20.28        20004: 3 x 4.25 = 12.75
//   20005 .. 20012: 2 x 4.95 = 9.90 each -> 79.20
// 12 customers; gross 3,911.91, refunds 5.10, net 3,906.81.
const EUROPEAN = [
  'InvoiceNo;StockCode;Description;Quantity;InvoiceDate;UnitPrice;CustomerID;Country',
  '540001;85123A;WHITE HANGING HEART T-LIGHT HOLDER;6;13/03/2024 14:22;2,55;20001;France',
  '540001;71053;WHITE METAL LANTERN;2;13/03/2024 14:22;3,39;20001;France',
  '540002;22633;HAND WARMER UNION JACK;1;14/03/2024 09:05;1.249,00;20002;Germany',
  '540003;84879;ASSORTED COLOUR BIRD ORNAMENT;12;02/04/2024 10:30;1,69;20003;France',
  '540004;22752;SET 7 BABUSHKA NESTING BOXES;4;21/04/2024 16:45;7,65;20001;France',
  'C540005;85123A;WHITE HANGING HEART T-LIGHT HOLDER;-2;25/04/2024 11:00;2,55;20001;France',
  '540006;21730;GLASS STAR FROSTED T-LIGHT HOLDER;3;30/05/2024 12:10;4,25;20004;Spain',
  '540007;22633;HAND WARMER UNION JACK;2;15/06/2024 08:00;1.249,00;20002;Germany',
  ...Array.from({ length: 8 }, (_, k) => `5401${k + 5};22111;SCOTTIE DOG HOT WATER BOTTLE;2;${11 + k}/07/2024 10:00;4,95;${20005 + k};United Kingdom`),
].join('\r\n');

test('a day-first, decimal-comma file is previewed as read, then analysed to the customers and net revenue computed by hand', async ({ page }) => {
  const before = await datasetNames(page);
  await preview(page, file('european-shop.csv', EUROPEAN));
  const shown = page.getByRole('region', { name: 'Preview' });
  await expect(shown.getByRole('heading', { name: 'Preview of european-shop.csv' })).toBeVisible();

  const reading = shown.getByRole('region', { name: 'How the file was read' });
  await expect(reading).toContainText('Day/Month/Year (detected:');
  await expect(reading).toContainText('Delimiter“;”');
  await expect(reading).toContainText('Decimal separator“,”, thousands “.”');
  await expect(shown.getByRole('combobox', { name: 'Date order' })).toHaveValue('day-first');
  await expect(shown.getByRole('combobox', { name: 'Decimal separator' })).toHaveValue(',');
  // The file does not say its currency: its prices are in euros.
  const currency = shown.getByRole('textbox', { name: 'Currency' });
  await currency.fill('EUR');
  await currency.press('Enter');
  await expect(reading).toContainText('CurrencyEUR (given as an option)');
  const eur = (value: number) => formatMoney(value, 'EUR');

  const lines = shown.getByRole('table', { name: /^The first 16 lines as read$/ });
  await expect(lines.getByRole('row')).toHaveCount(17);
  await expect(lines.getByRole('row').nth(3).getByRole('cell')).toHaveText([
    '3', '540002', '20002', '2024-03-14 09:05', 'HAND WARMER UNION JACK', '1', eur(1249), eur(1249), 'purchase', 'Germany', '',
  ]);
  await expect(lines.getByRole('row').nth(6)).toContainText('refund');
  await expect(lines.getByRole('row').nth(6)).toContainText('Cancellation or credit note, kept as a refund');

  await expect(shown).toContainText('Customers12Purchase orders');
  await expect(shown).toContainText(`Gross revenue${eur(3911.91)}`);
  await expect(shown).toContainText(`Refunds${eur(5.1)}`);
  await expect(shown).toContainText(`Net revenue${eur(3906.81)} (the revenue analysed)`);

  // Nothing is stored until "Analyse".
  // The dataset sections stream in after the reload: a retrying assertion waits for them.
  await page.reload();
  await expect(page.locator('main section[aria-label] > h2')).toHaveText(before);

  await preview(page, file('european-shop.csv', EUROPEAN));
  await page.getByRole('textbox', { name: 'Currency' }).fill('EUR');
  await page.getByRole('textbox', { name: 'Currency' }).press('Enter');
  await expect(page.getByRole('region', { name: 'How the file was read' })).toContainText('CurrencyEUR (given as an option)');
  await expect(page.getByRole('button', { name: 'Analyse' })).toBeEnabled();
  await clickAnalyse(page);
  await expect(page.getByText(/^Analysis complete \(run #\d+\)/)).toBeVisible({ timeout: 60_000 });
  await page.getByRole('link', { name: 'See the results' }).click();
  await expect(page.getByRole('region', { name: 'Dataset and run' })).toContainText(/european-shop\.csv · run #\d+/);
  await expect(page.getByTestId('kpi-customers')).toHaveText('12');
  await expect(page.getByRole('region', { name: 'Revenue (net of refunds)' })).toContainText(`gross ${formatMoney(3911.91, 'EUR')} less refunds ${formatMoney(5.1, 'EUR')}`);
  await expect(page.getByTestId('kpi-revenue')).toHaveText(formatMoney(3906.81, 'EUR'));
});

// A Stripe payments export in AUD whose refunds are stated on the payments, not on lines of their own.
// By hand: cus_01 .. cus_12 pay 100 + k each (1,278.00), cus_01 pays 50.00 more with 20.00 refunded,
// one failed payment is not a purchase -> gross 1,328.00, refunds 20.00 (all on orders), net 1,308.00.
const STRIPE = [
  'id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer ID,Customer Email,Card Issue Country',
  ...Array.from({ length: 12 }, (_, i) => {
    const k = i + 1;
    const id = String(k).padStart(2, '0');
    return `ch_${id},2024-${String(1 + (i % 9)).padStart(2, '0')}-1${i % 9} 10:00:00,${100 + k}.00,0.00,aud,Paid,cus_${id},c${id}@example.com,AU`;
  }),
  'ch_13,2024-10-05 09:00:00,50.00,20.00,aud,Paid,cus_01,c01@example.com,AU',
  'ch_14,2024-10-06 09:00:00,75.00,0.00,aud,Failed,cus_02,c02@example.com,AU',
].join('\n');

test('money follows the value basis: the preview, the data-quality report and the dashboard say net of refunds or gross, in AUD', async ({ page }) => {
  await preview(page, file('stripe-mini.csv', STRIPE));
  const shown = page.getByRole('region', { name: 'Preview' });
  // Stripe stamps payments in UTC: the store's zone is asked for before anything is counted.
  await expect(shown.getByRole('alert')).toContainText('The times in column "Created date (UTC)" are in UTC');
  await shown.getByRole('button', { name: 'Count days in UTC' }).click();
  await expect(shown.getByRole('textbox', { name: 'Time zone' })).toHaveValue('UTC');
  const totals = shown.getByLabel('Projected totals');
  const aud = (value: number) => formatMoney(value, 'AUD');
  const value = shown.getByRole('region', { name: 'How the file was read' }).getByRole('definition').last();
  await expect(totals).toContainText(`Gross revenue${aud(1328)}Refunds${aud(20)}Net revenue${aud(1308)} (the revenue analysed)`);
  await expect(value).toHaveText('each payment\'s "Amount", less its "Amount Refunded"; failed payments are not purchases');

  // Gross: the gross figure is the one analysed, refunds are not deducted and no net figure is offered.
  await shown.getByRole('combobox', { name: 'Revenue counted' }).selectOption('gross');
  await expect(totals).toContainText(`Gross revenue${aud(1328)} (the revenue analysed)Refunds${aud(20)} (not deducted: revenue is counted gross)Period`);
  await expect(totals).not.toContainText('Net revenue');
  await expect(value).toHaveText('each payment\'s "Amount"; failed payments are not purchases; counted gross: refunds ("Amount Refunded") are not deducted');

  await shown.getByRole('combobox', { name: 'Revenue counted' }).selectOption('net');
  await expect(totals).toContainText('(the revenue analysed)');
  await expect(shown.getByRole('button', { name: 'Analyse' })).toBeEnabled();
  await clickAnalyse(page, shown);
  const done = page.getByText(/^Analysis complete \(run #\d+\)/);
  await expect(done).toBeVisible({ timeout: 60_000 });
  const netRun = Number((await done.textContent())!.match(/#(\d+)/)![1]);

  await page.goto('/data');
  const dataset = page.getByRole('region', { name: 'stripe-mini.csv', exact: true }).first();
  await dataset.getByText('Re-analyse with other parameters').click();
  const rerun = dataset.getByRole('form', { name: 'Re-analyse stripe-mini.csv' });
  await rerun.getByRole('combobox', { name: 'Revenue counted' }).selectOption('gross');
  await rerun.getByRole('button', { name: 'Start analysis' }).click();
  await expect(rerun.getByRole('status')).toContainText('Analysis complete', { timeout: 60_000 });
  const grossRun = Number((await rerun.getByRole('status').textContent())!.match(/Run #(\d+)/)![1]);

  // The data-quality report: one net revenue row, refunds by where the file states them, each figure with the runs that analysed it.
  await page.reload();
  await dataset.getByText('Data-quality report').click();
  const report = dataset.locator('details').first();
  // The report's money is written through Intl with the dataset's currency.
  await expect(report).toContainText(`Gross revenue${aud(1328)} (the revenue analysed in run #${grossRun})`);
  await expect(report).toContainText(`Refunds${aud(20)} (stated on orders: ${aud(20)}; refund lines: none)`);
  await expect(report).toContainText(`Net revenue${aud(1308)} (the revenue analysed in run #${netRun}; each customer’s gross less refunds, never below zero)`);
  await expect(report).not.toContainText('Revenue (net of refunds)1,308.00');
  await expect(report).not.toContainText('Refund lines0 lines');
  await expect(report.getByRole('table', { name: /^Lines not counted as purchases/ })).toContainText('Order or payment not paid');
  await expect(dataset.getByRole('list', { name: `Parameters of run ${grossRun}` })).toContainText('Revenue: gross');
  await expect(dataset.getByRole('list', { name: `Parameters of run ${netRun}` }).getByRole('listitem')).toHaveText(['Revenue: net of refunds', 'Time zone: UTC']);

  // The dashboard names the basis and the currency of the viewed run.
  await page.goto(`/segments?run=${grossRun}&minFrequency=1`);
  await expect(page.getByRole('region', { name: 'Segment summary' })).toContainText(`12 customers, revenue ${aud(1328)} (gross)`);
  await expect(page.getByRole('table', { name: /RFM segments/ }).getByRole('columnheader', { name: 'Revenue (gross)' })).toBeVisible();
  await page.getByRole('button', { name: 'Switch dataset or run' }).click();
  const runs = page.getByRole('dialog', { name: 'Datasets and runs' });
  await expect(runs.getByRole('link', { name: new RegExp(`^#${grossRun} stripe-mini\\.csv \\(gross\\)`) })).toBeAttached();
  await expect(runs.getByRole('link', { name: new RegExp(`^#${netRun} stripe-mini\\.csv \\(net of refunds\\)`) })).toBeAttached();
  // The other run of the same file keeps the view's filters; another dataset's runs open without them.
  await expect(runs.getByRole('link', { name: new RegExp(`^#${netRun} stripe-mini\\.csv \\(net of refunds\\)`) })).toHaveAttribute('href', `/segments?run=${netRun}&minFrequency=1`);
  await expect(runs.getByRole('link', { name: /^#1 / })).toHaveAttribute('href', '/segments?run=1');
  await page.keyboard.press('Escape');

  await page.goto(`/customers?run=${netRun}&sort=monetary&dir=desc`);
  const table = page.getByRole('table', { name: /Customers, sorted by/ });
  await expect(table.getByRole('columnheader', { name: /^Sort by Revenue \(net of refunds, AUD\)/ })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /^Sort by CLV \(net of refunds, AUD\)/ })).toBeVisible();
  await table.getByRole('link', { name: 'cus_12' }).click();
  await expect(page.getByRole('region', { name: 'Revenue (net of refunds)' })).toContainText(aud(112));
  const spent = aud(112).replace(/[$.]/g, '\\$&');
  await expect(page.getByText(new RegExp(`^Placed 1 order on 1 day, .* spending ${spent} in total, net of refunds;`))).toBeVisible();

  await page.goto(`/lifetime-value?run=${grossRun}`);
  await expect(page.getByRole('table', { name: 'Top 20 customers by predicted value' }).getByRole('columnheader', { name: 'CLV (gross)' })).toBeVisible();
});

test('a changed setting reads the preview again: month-first dates leave the lines with a day above 12 unreadable', async ({ page }) => {
  await preview(page, file('european-again.csv', EUROPEAN));
  const shown = page.getByRole('region', { name: 'Preview' });
  await expect(shown.getByRole('combobox', { name: 'Date order' })).toHaveValue('day-first');
  await shown.getByRole('combobox', { name: 'Date order' }).selectOption('month-first');
  await expect(shown.getByRole('alert')).toContainText('could not be read');
  await expect(shown.getByRole('button', { name: 'Analyse' })).toBeDisabled();
  await shown.getByRole('combobox', { name: 'Date order' }).selectOption('day-first');
  await expect(shown.getByRole('button', { name: 'Analyse' })).toBeEnabled();
  await shown.getByRole('button', { name: 'Cancel' }).click();
  await expect(shown).toHaveCount(0);
});

// Order dates without a time of day, as customer_orders.csv in the realworld exports has them.
const DATES_ONLY = ['customer_id,order_date,order_value', '6444,2024-01-01,49.99', '3949,2024-01-01,19.99', '1384,2024-01-02,49.29', '6444,2024-02-10,113.20'].join('\n');

test('a date-only file is previewed with dates only, and each line count stands apart from its share', async ({ page }) => {
  await preview(page, file('dates-only.csv', DATES_ONLY));
  const shown = page.getByRole('region', { name: 'Preview' });
  const lines = shown.getByRole('table', { name: /^The first 4 lines as read$/ });
  await expect(lines.getByRole('row').nth(1).getByRole('cell').nth(3)).toHaveText('2024-01-01');
  await expect(lines).not.toContainText('00:00');

  const counts = shown.getByRole('table', { name: 'Lines the analysis will use' });
  const read = counts.getByRole('row', { name: /^Read / });
  await expect(read.getByRole('cell')).toHaveText(['Read', '4', '100.0%']);
  // The count's digits and the share's are a gap apart, not run together as "4100.0%".
  const gap = await read.evaluate((row) => {
    const [, count, share] = Array.from(row.querySelectorAll('td'), (cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return range.getBoundingClientRect();
    });
    return share.left - count.right;
  });
  expect(gap).toBeGreaterThanOrEqual(12);
  await shown.getByRole('button', { name: 'Cancel' }).click();
});

test('a CSV uploaded from the Data page is analysed with a visible progress bar and its results appear', async ({ page }) => {
  const text = [...generateDemoLog({ customers: 300, seed: 11 })].join('');
  const path = file('small-shop.csv', text);
  const expected = await runAnalysis((async function* () {
    yield new TextEncoder().encode(text);
  })());

  // Hold the first status answer a moment so the progress bar is on screen long enough to see.
  let delayed = false;
  await page.route('**/api/runs/*', async (route) => {
    if (!delayed) {
      delayed = true;
      await new Promise((r) => setTimeout(r, 1500));
    }
    await route.continue();
  });

  await preview(page, path);
  // The file does not say its currency: it is given here, so the money below reads in it.
  await page.getByRole('textbox', { name: 'Currency' }).fill('GBP');
  await page.getByRole('textbox', { name: 'Currency' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Analyse' })).toBeEnabled({ timeout: 30_000 });
  await clickAnalyse(page);
  await expect(page.getByRole('progressbar', { name: 'Analysis progress' })).toBeVisible();
  await expect(page.getByText(/^Analysis complete \(run #\d+\)/)).toBeVisible({ timeout: 30_000 });

  await page.getByRole('link', { name: 'See the results' }).click();
  await expect(page.getByRole('region', { name: 'Dataset and run' })).toContainText(/^small-shop\.csv · run #\d+ · /);
  await expect(page.getByTestId('kpi-customers')).toHaveText(formatInteger(expected.features.count));
  await expect(page.getByTestId('kpi-revenue')).toHaveText(formatMoney(expected.cleaning.revenueAfter, 'GBP'));
});

test('a re-run that fails shows its error and the previous results stay on the overview', async ({ page }) => {
  await page.goto('/');
  const before = await page.getByTestId('kpi-customers').textContent();
  const runBar = page.getByRole('region', { name: 'Dataset and run' }).getByRole('paragraph');
  const source = (await runBar.textContent())?.match(/^.+? · run #\d+/)?.[0];

  await page.goto('/data');
  const dataset = page.getByRole('region', { name: 'small-shop.csv', exact: true }).first();
  await dataset.getByText('Re-analyse with other parameters').click();
  const rerun = dataset.getByRole('form', { name: 'Re-analyse small-shop.csv' });
  await rerun.getByLabel('Calibration end (optional)').fill('1990-01-01');
  await rerun.getByRole('button', { name: 'Start analysis' }).click();
  await expect(rerun.getByRole('status')).toContainText('The calibration end must fall inside the data', { timeout: 60_000 });

  await page.goto('/');
  await expect(page.getByTestId('kpi-customers')).toHaveText(before ?? '');
  expect(source).toBeTruthy();
  await expect(runBar).toContainText(source!);
});

test.describe('files that cannot be analysed are refused in words and nothing is stored', () => {
  const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  for (const [what, name, content, message] of [
    ['a PNG image renamed .csv', 'picture.csv', PNG, 'picture.csv: The file is a PNG image, not a table of transactions.'],
    ['a header without lines', 'header-only.csv', 'InvoiceNo;StockCode;Description;Quantity;InvoiceDate;UnitPrice;CustomerID;Country\r\n', 'header-only.csv: The file has a header row but no transaction lines.'],
  ] as const) {
    test(what, async ({ page }) => {
      const before = await datasetNames(page);
      await preview(page, file(name, content));
      await expect(form(page).getByRole('alert')).toContainText(message);
      await expect(page.getByRole('button', { name: 'Analyse' })).toHaveCount(0);
      expect(await datasetNames(page)).toEqual(before);
    });
  }

  test('a file without customers', async ({ page }) => {
    const before = await datasetNames(page);
    await preview(page, file('no-customers.csv', 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n1,A,Mug,1,2011-01-01 10:00,2,,United Kingdom\n2,A,Mug,1,2011-01-02 10:00,2,,France\n'));
    await expect(form(page).getByRole('alert')).toHaveText(
      'No customer would be left to analyse: every one of the 2 lines is left out (missing customer id: 2). Check the column mapping and the settings; nothing was stored.',
    );
    await expect(page.getByRole('button', { name: 'Analyse' })).toBeDisabled();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await datasetNames(page)).toEqual(before);
  });

  test('a file without the needed columns', async ({ page }) => {
    const before = await datasetNames(page);
    await preview(page, file('contacts.csv', 'name,email\nann,ann@example.com\n'));
    await expect(form(page).getByRole('alert')).toHaveText(
      'Could not find the date, the value (an amount or order total column, or quantity and unit price). The file\'s columns are: "name", "email". Choose them in the mapping step.',
    );
    await expect(page.getByRole('button', { name: 'Analyse' })).toBeDisabled();
    expect(await datasetNames(page)).toEqual(before);
  });
});

test('a file with unfamiliar column names goes through the mapping step to finished results', async ({ page }) => {
  const text = [...generateDemoLog({ customers: 150, seed: 23 })].join('');
  const expected = await runAnalysis((async function* () {
    yield new TextEncoder().encode(text);
  })());
  const renamed = text.replace(/^[^\n]*\n/, 'Ref,Article,Text,Count,Moment,Cost,Buyer,Land\n');

  await preview(page, file('mapped-shop.csv', renamed));
  const shown = page.getByRole('region', { name: 'Preview' });
  await expect(shown.getByRole('alert')).toContainText('Could not find the date, the customer (an id or e-mail column), the value');
  await expect(shown.getByRole('button', { name: 'Analyse' })).toBeDisabled();

  for (const [field, column] of [
    ['Order / invoice number', 'Ref'],
    ['Product code', 'Article'],
    ['Product name', 'Text'],
    ['Quantity', 'Count'],
    ['Date \\(or date and time\\)', 'Moment'],
    ['Unit price', 'Cost'],
    ['Customer id', 'Buyer'],
    ['Country', 'Land'],
  ]) {
    await shown.getByRole('combobox', { name: new RegExp(`^${field}`) }).selectOption(column);
  }
  await expect(shown.getByRole('region', { name: 'How the file was read' })).toContainText('Line-item log');
  await clickAnalyse(page, shown);
  await expect(page.getByText(/^Analysis complete \(run #\d+\)/)).toBeVisible({ timeout: 60_000 });

  await expect(page.getByRole('region', { name: 'mapped-shop.csv' }).first()).toContainText('invoice ← “Ref”');
  await page.getByRole('link', { name: 'See the results' }).click();
  await expect(page.getByRole('region', { name: 'Dataset and run' })).toContainText(/^mapped-shop\.csv · run #\d+ · /);
  await expect(page.getByTestId('kpi-customers')).toHaveText(formatInteger(expected.features.count));
});
