import { expect, test, type Page } from '@playwright/test';
import { threeMonthLog } from '../lib/server/dashboard/migration/testing/three-month-log';
import { expectNoSeriousAxeViolations } from './axe';
import { uploadThroughApi } from './upload-through-api';

test.describe.configure({ mode: 'serial' });

const card = (page: Page, name: string) => page.getByRole('region', { name, exact: true }).first();
const shownCount = async (page: Page) => Number(/of ([\d,]+)/.exec((await page.getByText(/^Showing \d/).textContent()) ?? '')?.[1].replace(/,/g, '') ?? NaN);

test('monthly snapshots of an upload: the movement matrix, a cell that filters the customers table, its export and audience', async ({ page, request }) => {
  test.setTimeout(300_000);
  const name = `Three months ${Date.now()}`;
  // 20 customers over January to March 2026: 12 by the end of January, 16 by the end of February.
  const uploadRun = await uploadThroughApi(request, { fileName: 'three-months.csv', content: threeMonthLog(name), name, settings: { currency: 'GBP' } });

  // Before any snapshot the Segments page says what to do.
  await page.goto(`/segments?run=${uploadRun}`);
  const movement = page.getByRole('region', { name: 'Segment movement', exact: true });
  await expect(movement).toContainText(`There is no earlier snapshot of this dataset to compare run #${uploadRun} with.`);
  await expect(movement.getByRole('link', { name: 'Create snapshots on the Data page' })).toHaveAttribute('href', '/data');

  // The Data page creates the month-end snapshots in one action and follows their queued runs.
  await page.goto('/data');
  const dataset = card(page, name);
  await dataset.getByText('Monthly snapshots', { exact: true }).click();
  const form = dataset.getByRole('form', { name: `Monthly snapshots of ${name}` });
  await expect(form).toContainText('2 snapshots: 31 Jan 2026, 28 Feb 2026. The data do not reach further back.');
  await form.getByRole('button', { name: 'Create snapshots' }).click();
  await expect(form.getByRole('list', { name: 'Snapshot runs' }).getByRole('listitem')).toHaveCount(2);
  await expect(form.getByText('Snapshots: 2 of 2 done')).toBeVisible({ timeout: 180_000 });
  await expectNoSeriousAxeViolations(page);
  await form.getByRole('link', { name: 'See the segment movement' }).click();

  // The later snapshot (end of February) against the earlier (end of January).
  await expect(page).toHaveURL(/\/segments\?run=\d+#segment-movement$/);
  const laterRun = Number(new URL(page.url()).searchParams.get('run'));
  await expect(movement).toContainText(`this run's snapshot 28 Feb 2026 (run #${laterRun})`);
  await expect(movement).toContainText('Of the 12 customers at the earlier snapshot');
  await expect(movement).toContainText('4 customers are new since.');
  const matrix = movement.getByRole('table', { name: /^Segment movement matrix/ });
  await expect(matrix).toBeVisible();
  await expect(matrix.getByRole('rowheader', { name: 'New customers' })).toBeVisible();
  await expect(movement.getByRole('img', { name: /^Flow of customers between RFM segments/ })).toBeVisible();
  // The flow charts' ends carry the heading's dates: the last day each snapshot counts.
  for (const chart of await movement.getByRole('figure').all()) await expect(chart.locator('figcaption')).toHaveText('Was (31 Jan 2026)Is now (28 Feb 2026)');
  await expect(movement.getByRole('figure')).toHaveCount(2);
  // Charts are images with the table as their text: nothing inside them takes keyboard focus.
  await expect(movement.locator('[role="img"] [tabindex]:not([tabindex="-1"])')).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);

  // The new customers' cells add up to the 4 customers who first bought in February.
  const newCells = matrix.getByRole('link', { name: /new customers now / });
  let newTotal = 0;
  await expect(newCells.first()).toBeVisible();
  for (const text of await newCells.allTextContents()) newTotal += Number(text);
  expect(newTotal).toBe(4);

  // A cell between two segments opens the customers table filtered to exactly its customers.
  const moved = matrix.getByRole('link', { name: / customers from .+ to / }).first();
  const label = (await moved.getAttribute('aria-label')) ?? '';
  const [, count, from, to] = /^(\d+) customers from (.+) to (.+)$/.exec(label) ?? [];
  expect(Number(count)).toBeGreaterThan(0);
  await moved.click();
  await expect(page).toHaveURL(/\/customers\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get('segment')).toBe(to);
  expect(url.searchParams.get('movedFrom')).toMatch(new RegExp(`^\\d+:${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  await expect(page.getByRole('list', { name: 'Active filters' }).getByRole('link', { name: new RegExp(`Remove filter Was ${from} in run #\\d+`) })).toBeVisible();
  expect(await shownCount(page)).toBe(Number(count));

  // The same customers download as a target list ...
  const exported = await request.get(`/api/exports?${url.searchParams}&columns=customer_id,segment`);
  expect(exported.status()).toBe(200);
  const rows = (await exported.text()).replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.length > 0);
  expect(rows.length - 1).toBe(Number(count));
  expect(rows.slice(1).every((row) => row.endsWith(`,${to}`) || row.endsWith(`,"${to}"`))).toBe(true);

  // ... and save as an audience that counts them.
  const audience = `Moved ${from} to ${to} ${Date.now()}`;
  await page.getByText('Save as audience', { exact: true }).click();
  const save = page.getByRole('form', { name: 'Save as audience' });
  await save.getByLabel('Audience name').fill(audience);
  await save.getByRole('button', { name: 'Save audience' }).click();
  await expect(save.getByRole('status')).toContainText(`Saved “${audience}”.`);
  await page.goto(`/audiences?run=${laterRun}`);
  await expect(page.getByRole('heading', { name: audience })).toBeVisible();

  // The earlier snapshot is the one in the URL: comparing the full upload with the January snapshot.
  await page.goto(`/segments?run=${uploadRun}`);
  const picker = movement.getByRole('combobox', { name: /^Earlier snapshot/ });
  await expect(picker).toHaveValue(String(laterRun));
  const january = await picker.locator('option').nth(1).getAttribute('value');
  await picker.selectOption(january!);
  await movement.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(new RegExp(`since=${january}`));
  await expect(movement).toContainText('Of the 12 customers at the earlier snapshot');
  await expect(movement).toContainText('8 customers are new since.');

  // Leave the demo as the latest results for the specs that follow.
  await page.goto('/data');
  await card(page, name).getByRole('button', { name: `Delete ${name}` }).click();
  await page.getByRole('dialog', { name: `Delete “${name}”?` }).getByRole('button', { name: /^Delete/ }).click();
  await expect(card(page, name)).toHaveCount(0);
});
