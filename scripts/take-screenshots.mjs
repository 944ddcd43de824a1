// Full-page screenshots of every page at 1440 and 768 px from a running Segmenta, for the README:
//   npm run screenshots -- [--base http://127.0.0.1:3000] [--out docs/screenshots] [--only data,segments]
// Start the app first (npm start). Uses Debian's Chromium where installed, Playwright's otherwise.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';

const { values } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://127.0.0.1:3000' },
    out: { type: 'string', default: 'docs/screenshots' },
    // Retake only these pages (by name: overview, data, customer, ...), with their parts.
    only: { type: 'string' },
  },
});
const only = values.only ? new Set(values.only.split(',').map((name) => name.trim())) : null;
const base = values.base.replace(/\/$/, '');
const PAGES = [
  ['overview', '/'],
  ['segments', '/segments'],
  ['clusters', '/clusters'],
  ['lifetime-value', '/lifetime-value'],
  ['customers', '/customers'],
  ['audiences', '/audiences'],
  ['data', '/data'],
];
const WIDTHS = [1440, 768];

const systemChromium = '/usr/bin/chromium';
const browser = await chromium.launch(
  existsSync(systemChromium) ? { executablePath: systemChromium, args: ['--no-sandbox', '--disable-gpu'] } : {},
);
mkdirSync(values.out, { recursive: true });
try {
  for (const width of WIDTHS) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    // The first customer of the customers table gets its own page's screenshot.
    await page.goto(`${base}/customers`, { waitUntil: 'networkidle' });
    const firstCustomer = await page.locator('a[href^="/customers/"]').first().getAttribute('href');
    const pages = firstCustomer ? [...PAGES, ['customer', firstCustomer]] : PAGES;
    for (const [name, path] of pages) {
      if (only && !only.has(name)) continue;
      const response = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
      if (!response || response.status() >= 400) throw new Error(`${path} answered ${response?.status() ?? 'nothing'}`);
      const file = join(values.out, width === 1440 ? `${name}.png` : `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      process.stdout.write(`${file}\n`);
      // The Segment movement section on its own, when the run has an earlier snapshot to compare with.
      const movement = page.locator('#segment-movement:has(table)');
      if (name === 'segments' && width === 1440 && (await movement.count()) > 0) {
        const part = join(values.out, 'segment-movement.png');
        await movement.screenshot({ path: part });
        process.stdout.write(`${part}\n`);
      }
      // The first dataset's "Score new customers against a run" panel, opened.
      const scoring = page.locator('details', { has: page.locator('summary', { hasText: 'Score new customers against a run' }) }).first();
      if (name === 'data' && width === 1440 && (await scoring.count()) > 0) {
        await scoring.locator('summary').click();
        await scoring.getByRole('form').waitFor();
        const part = join(values.out, 'data-scoring.png');
        await scoring.screenshot({ path: part });
        process.stdout.write(`${part}\n`);
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
}
