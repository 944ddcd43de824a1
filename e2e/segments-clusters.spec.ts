import { expect, test } from '@playwright/test';
import { demoLogBytes } from '../lib/demo';
import { runAnalysis } from '../lib/engines/pipeline/run-analysis';
import { formatInteger } from '../lib/format/format-number';

/** Segment sizes and the chosen k, computed by the engines themselves on the same generated demo log. */
async function expectedDemo() {
  const result = await runAnalysis(demoLogBytes());
  if (result.clustering.status !== 'done') throw new Error('the demo should be clustered');
  return {
    customers: result.features.count,
    segments: result.rfm.segmentNames.map((name, i) => ({ name, customers: result.rfm.segmentSizes[i] })).filter((s) => s.customers > 0),
    chosenK: result.clustering.result.sweep.chosenK,
  };
}

let expected: Awaited<ReturnType<typeof expectedDemo>>;
test.beforeAll(async () => {
  expected = await expectedDemo();
});

test('the segments page shows the demo’s segments, and a country filter changes the table and the URL', async ({ page }) => {
  await page.goto('/segments?run=1');
  await expect(page.getByRole('heading', { level: 1, name: 'Segments' })).toBeVisible();
  const table = page.getByRole('table', { name: /RFM segments of the filtered customers/ });
  for (const segment of expected.segments) {
    await expect(table.getByRole('row', { name: new RegExp(`^${segment.name.replace(/'/g, '.')} ${formatInteger(segment.customers)}`) })).toBeVisible();
  }
  await expect(table.getByRole('row')).toHaveCount(expected.segments.length + 1);
  const summary = page.getByRole('region', { name: 'Segment summary' });
  await expect(summary).toContainText(`${formatInteger(expected.customers)} customers`);

  await page.getByRole('button', { name: /^Country / }).click();
  await page.getByRole('combobox', { name: 'Search country' }).fill('France');
  const france = page.getByRole('listbox', { name: 'Country' }).getByRole('option', { name: /^France/ });
  const franceCustomers = Number((await france.textContent())!.match(/([\d,]+)$/)![1].replace(/,/g, ''));
  await france.click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/\/segments\?run=1&country=France$/);
  await expect(summary).toContainText(`${formatInteger(franceCustomers)} customers`);
  // The first cell of a row holds the count, then its share on a line of its own.
  await expect(table.locator('tbody tr td:first-of-type').first()).toBeVisible();
  const counts = await table.locator('tbody tr td:first-of-type').allInnerTexts();
  expect(counts.reduce((sum, text) => sum + Number(text.split('\n')[0].replace(/,/g, '')), 0)).toBe(franceCustomers);
  await expect(page.getByRole('heading', { name: 'Recency x frequency' })).toBeVisible();
});

test('the segment rules editor explains invalid rules before anything runs', async ({ page }) => {
  await page.goto('/segments?run=1');
  const rules = page.getByRole('table', { name: /Segment rules in force for run 1/ });
  await expect(rules.getByRole('row', { name: /Champions/ })).toBeVisible();
  await page.getByText('Edit the rules and re-run the analysis').click();
  await page.getByLabel('Recency highest score of rule 1 (Champions)').selectOption('4');
  await expect(page.getByRole('form', { name: 'Edit segment rules' }).getByRole('alert')).toContainText('Segment rule 1 ("Champions"): the recency range [5, 4] has its lower bound above its upper bound.');
  await expect(page.getByRole('button', { name: 'Re-run the analysis with these rules' })).toBeDisabled();
  await page.getByRole('button', { name: 'Undo changes' }).click();
  await expect(page.getByRole('button', { name: 'Re-run the analysis with these rules' })).toBeEnabled();
});

test('the clusters page stays under 90 KB of HTML: its scatter sample loads from its own route after the page opens', async ({ request }) => {
  const html = await (await request.get('/clusters?run=1')).text();
  // 1.08 MB before the sample moved to its own route; 82 KB now (filter chips, roles, movement filters).
  expect(html.length).toBeLessThan(90_000);
  const sample = await request.get('/api/runs/1/scatter');
  expect(sample.status()).toBe(200);
  const body = (await sample.json()) as { total: number; shown: number; columns: { ids: string[] } };
  expect(body.total).toBe(expected.customers);
  expect(body.columns.ids).toHaveLength(Math.min(2000, expected.customers));
  expect((await request.get('/api/runs/999999/scatter')).status()).toBe(404);
  expect((await request.get('/api/runs/1.5/scatter')).status()).toBe(400);
});

test('the clusters page shows the chosen k and a sampled scatter plot, and the method is in the URL', async ({ page }) => {
  await page.goto('/clusters?run=1');
  await expect(page.getByRole('heading', { level: 1, name: 'Clusters' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Chosen k', exact: true })).toContainText(String(expected.chosenK));
  const shown = Math.min(2000, expected.customers);
  await expect(page.getByRole('region', { name: 'Customers by cluster' })).toContainText(
    shown < expected.customers ? `${formatInteger(shown)} of ${formatInteger(expected.customers)} customers shown` : `All ${formatInteger(shown)} customers shown`,
  );
  await expect(page.getByRole('figure', { name: 'Recency vs frequency' }).getByRole('img')).toBeVisible();
  // Customers with no positive spend or CLV cannot sit on the log axes: the sentence counts them.
  const sample = (await (await page.request.get('/api/runs/1/scatter')).json()) as { columns: { monetary: number[]; clv: (number | null)[] } };
  const off = sample.columns.monetary.filter((m, i) => m <= 0 || (sample.columns.clv[i] ?? 0) <= 0).length;
  const sentence = page.getByTestId('scatter-sample');
  if (off > 0) await expect(sentence).toContainText(`${formatInteger(off)} with no positive net spend or CLV ${off === 1 ? 'is' : 'are'} left out of the monetary value vs CLV chart`);
  else await expect(sentence).not.toContainText('left out');
  // Recharts draws once the page has hydrated, so the method links navigate on the client from here.
  await expect(page.getByRole('figure', { name: 'Inertia by k (elbow)' }).locator('svg.recharts-surface').first()).toBeVisible();
  await expect(page.getByRole('table', { name: /k-means cluster profiles/ }).getByRole('row')).toHaveCount(expected.chosenK + 1);

  const methods = page.getByRole('navigation', { name: 'Clustering method' });
  await methods.getByRole('link', { name: 'Gaussian mixture' }).click();
  await expect(page).toHaveURL(/\/clusters\?run=1&method=gmm$/, { timeout: 15_000 });
  await expect(methods.getByRole('link', { name: 'Gaussian mixture' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('table', { name: /Gaussian mixture cluster profiles/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Gaussian mixture fit' })).toContainText('BIC');
});

test('the 3D RFM scatter draws the sample, names the hovered customer and opens their page on click', async ({ page }) => {
  await page.goto('/segments?run=1');
  const section = page.getByRole('region', { name: 'RFM in 3D' });
  const shown = Math.min(2000, expected.customers);
  await expect(section.getByTestId('scatter-3d-sample')).toContainText(
    shown < expected.customers ? `${formatInteger(shown)} of ${formatInteger(expected.customers)} customers shown` : `All ${formatInteger(shown)} customers shown`,
  );
  const chart = section.getByTestId('rfm-scatter-3d');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator('canvas').first()).toBeVisible({ timeout: 30_000 });
  const hovered = section.getByTestId('scatter-3d-hovered');
  const box = (await chart.boundingBox())!;
  // The points sit around the middle of the scene: sweep the pointer there until one is under it.
  let point: { x: number; y: number } | null = null;
  for (let dy = -80; dy <= 80 && !point; dy += 16) {
    for (let dx = -80; dx <= 80 && !point; dx += 16) {
      const at = { x: box.x + box.width / 2 + dx, y: box.y + box.height / 2 + dy };
      await page.mouse.move(at.x, at.y, { steps: 2 });
      if (/^Customer \S+ · /.test((await hovered.textContent()) ?? '')) point = at;
    }
  }
  expect(point, 'a point answered the pointer').not.toBeNull();
  const id = ((await hovered.textContent()) ?? '').match(/^Customer (\S+) · /)![1];
  // A 3D scene reads the button on its next frame: hold it as a person's click does.
  await page.mouse.click(point!.x, point!.y, { delay: 150 });
  await expect(page).toHaveURL(new RegExp(`/customers/${id}\\?run=1$`), { timeout: 15_000 });
  await expect(page.getByRole('heading', { level: 1, name: `Customer ${id}` })).toBeVisible();
});
