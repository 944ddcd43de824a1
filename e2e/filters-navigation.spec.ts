import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';

// The demo is run #1 of the fresh data folder every browser-test run starts on.

const countryPicker = (page: Page) => page.getByRole('button', { name: /^Country / });

/** Presses Tab until the element named `name` has focus: the keyboard alone, whatever comes before it. */
async function tabTo(page: Page, name: RegExp, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const labelledBy = el?.getAttribute('aria-labelledby');
      const label = labelledBy
        ? labelledBy
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ')
        : (el?.getAttribute('aria-label') ?? el?.textContent ?? '');
      return label.trim();
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

test('removing a chip, Clear all, Back and reload leave every control showing what the URL says, and Apply never brings a removed filter back', async ({ page }) => {
  await page.goto('/?run=1&country=France&minClv=100');
  const minClv = page.getByRole('spinbutton', { name: 'Minimum CLV' });
  const minOrders = page.getByRole('spinbutton', { name: 'Minimum orders' });
  await expect(countryPicker(page)).toHaveAccessibleName('Country France');
  await expect(minClv).toHaveValue('100');

  await page.getByRole('link', { name: 'Remove filter Country: France' }).click();
  await expect(page).toHaveURL(/\/\?run=1&minClv=100$/);
  await expect(countryPicker(page)).toHaveAccessibleName('Country Any country');
  await expect(minClv).toHaveValue('100');
  // Focus moves to the next chip, not to the top of the page.
  await expect(page.getByRole('link', { name: /^Remove filter CLV ≥/ })).toBeFocused();

  await minOrders.fill('2');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/\/\?run=1&minClv=100&minFrequency=2$/);
  await expect(countryPicker(page)).toHaveAccessibleName('Country Any country');

  await page.getByRole('link', { name: 'Clear all' }).click();
  await expect(page).toHaveURL(/\/\?run=1$/);
  await expect(minClv).toHaveValue('');
  await expect(minOrders).toHaveValue('');
  await expect(page.getByText('No filters applied: all customers.')).toBeFocused();

  await page.goBack();
  await expect(page).toHaveURL(/\/\?run=1&minClv=100&minFrequency=2$/);
  await expect(minClv).toHaveValue('100');
  await expect(minOrders).toHaveValue('2');
  await expect(countryPicker(page)).toHaveAccessibleName('Country Any country');

  await page.goBack();
  await expect(page).toHaveURL(/\/\?run=1&minClv=100$/);
  await expect(minOrders).toHaveValue('');
  await page.goBack();
  await expect(page).toHaveURL(/\/\?run=1&country=France&minClv=100$/);
  await expect(countryPicker(page)).toHaveAccessibleName('Country France');
  await expect(minClv).toHaveValue('100');

  // Each Forward is a client-side navigation: wait for it to land before the next.
  await page.goForward();
  await expect(page).toHaveURL(/\/\?run=1&minClv=100$/);
  await page.goForward();
  await expect(page).toHaveURL(/\/\?run=1&minClv=100&minFrequency=2$/);
  await page.reload();
  await expect(page).toHaveURL(/\/\?run=1&minClv=100&minFrequency=2$/);
  await expect(minClv).toHaveValue('100');
  await expect(minOrders).toHaveValue('2');
});

test('the menu keeps the run and the filters on every dashboard page, and the run on Audiences and Data', async ({ page }) => {
  const query = 'run=1&country=France&minFrequency=2';
  await page.goto(`/segments?${query}`);
  const menu = page.getByRole('navigation', { name: 'Main' });
  for (const [name, path] of [
    ['Overview', '/'],
    ['Segments', '/segments'],
    ['Clusters', '/clusters'],
    ['Lifetime value', '/lifetime-value'],
    ['Customers', '/customers'],
  ]) {
    await expect(menu.getByRole('link', { name, exact: true })).toHaveAttribute('href', `${path}?${query}`);
  }
  await expect(menu.getByRole('link', { name: 'Audiences' })).toHaveAttribute('href', '/audiences?run=1');
  await expect(menu.getByRole('link', { name: 'Data' })).toHaveAttribute('href', '/data?run=1');

  for (const [name, path] of [
    ['Clusters', '/clusters'],
    ['Lifetime value', '/lifetime-value'],
    ['Customers', '/customers'],
    ['Overview', '/'],
  ]) {
    await menu.getByRole('link', { name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${path === '/' ? '/' : path}\\?${query}$`));
    await expect(menu.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(countryPicker(page)).toHaveAccessibleName('Country France');
    await expect(page.getByRole('spinbutton', { name: 'Minimum orders' })).toHaveValue('2');
  }

  // The dataset and run are named on every dashboard page, with the switch to another.
  const bar = page.getByRole('region', { name: 'Dataset and run' });
  await expect(bar).toContainText(/run #1 · 4,000 customers · analysed .* UTC/);
  await bar.getByRole('button', { name: 'Switch dataset or run' }).click();
  // A run of the same dataset keeps the view's filters.
  await expect(page.getByRole('dialog', { name: 'Datasets and runs' }).getByRole('link', { name: /^#1 .*4,000 customers · finished .* \(viewing\)$/ })).toHaveAttribute(
    'href',
    `/?${query}`,
  );
  await page.keyboard.press('Escape');
  await expect(bar.getByRole('button', { name: 'Switch dataset or run' })).toBeFocused();
  // Choosing a run closes the list: the page it opens is not under it.
  await bar.getByRole('button', { name: 'Switch dataset or run' }).click();
  await page.getByRole('dialog', { name: 'Datasets and runs' }).getByRole('link', { name: /\(viewing\)$/ }).click();
  await expect(page.getByRole('dialog', { name: 'Datasets and runs' })).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/\\?${query}$`));
});

test('a customer link carries the view, and "All customers" goes back with filters, search, sort and page', async ({ page }) => {
  await page.goto('/customers?run=1&country=United+Kingdom&sort=clv&page=2');
  const table = page.getByRole('table', { name: /Customers, sorted by/ });
  await expect(page.getByText(/^Showing 51-100 of /)).toBeVisible();
  await table.locator('tbody tr').first().getByRole('link').click();
  await expect(page).toHaveURL(/\/customers\/[^?]+\?run=1&country=United\+Kingdom&sort=clv&page=2$/);
  await expect(page).toHaveTitle(/^Customer \S+ · Segmenta$/);
  await page.getByRole('link', { name: '← All customers' }).click();
  await expect(page).toHaveURL(/\/customers\?run=1&country=United\+Kingdom&sort=clv&page=2$/);
  await expect(page.getByText(/^Showing 51-100 of /)).toBeVisible();
  await expect(page).toHaveTitle('Customers · United Kingdom · Segmenta');
});

test('the country picker chooses two countries by keyboard alone', async ({ page }) => {
  await page.goto('/?run=1');
  await expect(page.getByTestId('kpi-customers')).toHaveText('4,000');
  await page.locator('body').focus();
  await tabTo(page, /^Country /);
  await page.keyboard.press('Enter');
  const search = page.getByRole('combobox', { name: 'Search country' });
  await expect(search).toBeFocused();
  await page.keyboard.type('Franc');
  await expect(page.getByRole('listbox', { name: 'Country' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('option', { name: /^France/ })).toHaveAttribute('aria-checked', 'true');
  for (let i = 0; i < 'Franc'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('Germany');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(countryPicker(page)).toBeFocused();
  await expect(countryPicker(page)).toHaveAccessibleName('Country France, Germany');
  await tabTo(page, /^Apply filters$/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/\?run=1&country=France&country=Germany$/);
  await expect(page.getByRole('link', { name: 'Remove filter Country: Germany' })).toBeVisible();
});

test('a run that does not exist or is malformed is a 404, on a page and on the export, never another dataset', async ({ page, request }) => {
  for (const run of ['999999', 'abc', '-1', '1.5', '2147483648']) {
    const response = await page.goto(`/customers?run=${run}`);
    expect(response?.status(), `run=${run}`).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
    // The menu does not carry the unknown run onwards.
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Segments' })).toHaveAttribute('href', '/segments');
  }
  await page.getByRole('link', { name: 'Open the latest results' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  expect((await page.goto('/?run=999999'))?.status()).toBe(404);
  const customer = await page.goto('/customers/12347?run=999999');
  expect(customer?.status()).toBe(404);

  for (const run of ['999999', 'abc']) {
    const response = await request.get(`/api/exports?run=${run}`);
    expect(response.status()).toBe(404);
    expect(response.headers()['content-type']).toContain('application/json');
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/^There is no run .* with results to export/);
  }
});

test("an export from the customers page with a search holds only the matching customers, in the table's order", async ({ page }) => {
  await page.goto('/customers?run=1&q=13&sort=clv&dir=asc');
  const table = page.getByRole('table', { name: /Customers, sorted by CLV ascending/ });
  // A page answered whole (from the page cache) can fire "load" before React reveals its streamed sections.
  await expect(table.locator('tbody tr th a').first()).toBeVisible();
  const shown = await table.locator('tbody tr th a').allInnerTexts();
  expect(shown.length).toBeGreaterThan(1);
  expect(shown.every((id) => id.startsWith('13'))).toBe(true);
  const total = Number((await page.getByText(/^Showing 1-\d+ of [\d,]+$/).innerText()).split(' of ')[1].replace(/,/g, ''));

  await page.getByRole('button', { name: 'Export CSV' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const [header, ...rows] = csv.split('\r\n').filter((l) => l.length > 0);
  expect(header.split(',')).toContain('currency');
  const ids = rows.map((r) => r.split(',')[0]);
  expect(ids).toHaveLength(total);
  expect(ids.every((id) => id.startsWith('13'))).toBe(true);
  expect(ids.slice(0, shown.length)).toEqual(shown);
});

test('Escape closes the Export popover and gives focus back to its button', async ({ page }) => {
  await page.goto('/customers?run=1');
  const button = page.getByRole('button', { name: 'Export CSV' });
  await button.click();
  await expect(page.getByRole('link', { name: 'Download CSV' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('link', { name: 'Download CSV' })).toHaveCount(0);
  await expect(button).toBeFocused();

  await page.getByRole('button', { name: 'Save as audience' }).click();
  await expect(page.getByRole('radio', { name: 'Follow this dataset’s latest results' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Keep run #1' })).not.toBeChecked();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Save as audience' })).toBeFocused();
});

test('the skip link is the first Tab stop and lands on the content; sorting keeps focus on the sort control', async ({ page }) => {
  await page.goto('/customers?run=1');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#content')).toBeFocused();

  const table = page.getByRole('table', { name: /Customers, sorted by/ });
  await table.getByRole('link', { name: /^Sort by CLV .*descending$/ }).click();
  await expect(page).toHaveURL(/sort=clv/);
  await expect(table.getByRole('link', { name: /^Sort by CLV .*ascending$/ })).toBeFocused();
});

test('the customers page does not prefetch every customer and page on load', async ({ page }) => {
  const background: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'fetch' && new URL(r.url()).searchParams.has('_rsc')) background.push(new URL(r.url()).pathname);
  });
  await page.goto('/customers?run=1');
  await expect(page.getByText(/^Showing 1-50 of 4,000$/)).toBeVisible();
  await page.mouse.wheel(0, 5000);
  await page.waitForLoadState('networkidle');
  test.info().annotations.push({ type: 'background requests', description: `${background.length}: ${background.join(' ')}` });
  console.log(`background requests on /customers load and scroll: ${background.length}: ${background.join(' ')}`);
  expect(background.filter((p) => p.startsWith('/customers/'))).toEqual([]);
  expect(background.filter((p) => p === '/customers')).toEqual([]);
});

test('at 1440 px the filter bar shows whole choices: "Gaussian mixture" and "Any combined segment" fit their controls', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/?run=1');
  const select = page.getByRole('combobox', { name: 'Clustering', exact: true });
  await select.selectOption('gmm');
  const room = await select.evaluate((el: HTMLSelectElement) => {
    const style = getComputedStyle(el);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = style.font;
    // The native arrow takes about 20 px at the right.
    return { text: context.measureText(el.options[el.selectedIndex]!.text).width, width: el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20 };
  });
  expect(room.text).toBeLessThanOrEqual(room.width);
  const combined = page.getByRole('button', { name: /^Combined segment/ });
  await expect(combined).toContainText('Any combined segment');
  const clipped = await combined.evaluate((el) => [...el.querySelectorAll('*'), el].some((node) => node.scrollWidth > node.clientWidth + 1));
  expect(clipped).toBe(false);
});

for (const width of [1440, 768]) {
  for (const path of ['/?run=1', '/customers?run=1']) {
    test(`axe finds no serious or critical violation on ${path} at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 1000 });
      await page.goto(path);
      await expect(page.getByRole('region', { name: 'Dataset and run' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Apply filters' })).toBeVisible();
      await expectNoSeriousAxeViolations(page);
    });
  }
}
