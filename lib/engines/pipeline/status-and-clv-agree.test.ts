import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SHARED_DATA } from '../testing/byte-source';
import { runAnalysis } from './run-analysis';

// The customers of the new-user check whose page showed a status and a CLV that contradicted each
// other (../shared/data/realworld; README there). Their purchase days, spans and silences come from
// the files' expected.json (occasions, first and last purchase date; snapshot the day after the last
// purchase in the file); the statuses below are worked out by hand from the rule.
const FOLDER = join(SHARED_DATA, 'realworld');
const present = existsSync(FOLDER);
if (!present) console.warn(`status-and-clv-agree.test: ${FOLDER} is absent; the realworld customers are not checked.`);

const CASES = [
  // Usual gap = (days from first to last purchase day + 2 x 60) / (purchase days - 1 + 2), at least 14;
  // At Risk after 1.5 gaps of silence, Churned after 3.
  // 4 orders on 2 purchase days (2024-08-01, 2024-08-27), silent 35 days: gap 146 / 3 = 48.7, at risk after 73.
  { file: 'sales_detail_report_eur.csv', id: 'C-1344', occasions: 2, recency: 35, status: 'Active' },
  // 2 purchase days a week apart, silent 23 days: gap 127 / 3 = 42.3, at risk after 63.5.
  { file: 'shopify_orders_export_usd.csv', id: 'cust2310@example.com', occasions: 2, recency: 23, status: 'Active' },
  // 19 purchase days from 2024-04-26 to 2024-09-02 (129 days): gap 249 / 20 = 12.45 counts as 14, churned after 42; silent 90.
  { file: 'shopify_orders_export_usd.csv', id: 'cust6381@example.com', occasions: 19, recency: 90, status: 'Churned' },
  // 11 purchase days from 2024-06-12 to 2024-07-08 (26 days): gap 146 / 12 = 12.2 counts as 14, churned after 42; silent 55.
  { file: 'woocommerce_orders_gbp.csv', id: 'cust1548@example.com', occasions: 11, recency: 55, status: 'Churned' },
  // 17 purchase days from 2024-05-18 to 2024-09-27 (132 days), 2,429.96 spent, silent 35 days: gap 252 / 18 = 14,
  // at risk after 21, churned after 42. The fixed days and the 7-day floor called them Churned, with CLV 0.
  { file: 'online_retail_ii_sample.xlsx', id: '18370', occasions: 17, recency: 35, status: 'At Risk' },
] as const;

describe.skipIf(!present)('realworld customers: the churn status and the CLV say the same thing', () => {
  test.each(CASES)('$id in $file', { timeout: 120_000 }, async ({ file, id, occasions, recency, status }) => {
    const result = await runAnalysis(createReadStream(join(FOLDER, file)), { intervalDraws: 0, method: 'kmeans', kMax: 4 });
    const c = result.features.ids.indexOf(id);
    expect(c).toBeGreaterThanOrEqual(0);
    expect(result.features.occasions[c]).toBe(occasions);
    expect(result.features.recency[c]).toBe(recency);
    expect(result.churn.labels[result.churn.status[c]]).toBe(status);
    expect(result.churn.basis[c]).toBe(1);

    // These runs' dropout is not identified: P(alive) is hidden, and expected purchases and CLV
    // assume nobody stops, as the caveat says: horizon x (r + x) / (alpha + T); those the rule calls
    // Churned are counted as lost (0).
    const ltv = result.lifetimeValue;
    if (ltv.status !== 'done') throw new Error(`lifetime value skipped: ${ltv.reason}`);
    expect(ltv.caveat).toContain('CLV and expected purchases assume every customer keeps buying at their average rate since their first purchase, except those the days-silent rule calls Churned, who are counted as lost (0)');
    expect(Number.isNaN(ltv.shownPAlive[c])).toBe(true);
    const row = ltv.rowOfCustomer[c];
    if (status === 'Churned') {
      expect([ltv.result.expectedPurchases[row], result.clv[c], ltv.result.clvLower[row], ltv.result.clvUpper[row]]).toEqual([0, 0, 0, 0]);
      return;
    }
    const { r, alpha } = ltv.result.purchaseFit.params as { r: number; alpha: number };
    const rate = (r + ltv.result.x[row]) / (alpha + ltv.result.T[row]);
    expect(ltv.result.x[row]).toBe(occasions - 1);
    expect(ltv.result.expectedPurchases[row]).toBeCloseTo(rate * ((6 * 30) / 7), 10);
    let discounted = 0;
    for (let month = 1; month <= 6; month++) discounted += 1.01 ** -month;
    expect(result.clv[c]).toBeCloseTo(ltv.result.expectedSpend[row] * rate * (30 / 7) * discounted, 8);
  });
});

describe.skipIf(!present)('realworld files whose dropout is not identified: no Churned customer has a CLV', () => {
  test.each([
    { file: 'shopify_orders_export_usd.csv', reading: {} },
    { file: 'woocommerce_orders_gbp.csv', reading: {} },
    // Its expected.json: UTC timestamps of a store in Europe/London.
    { file: 'transactions_gbp.tsv', reading: { timeZone: 'Europe/London' } },
  ])('$file', { timeout: 120_000 }, async ({ file, reading }) => {
    const result = await runAnalysis(createReadStream(join(FOLDER, file)), { ...reading, intervalDraws: 20, method: 'kmeans', kMax: 4 });
    const ltv = result.lifetimeValue;
    if (ltv.status !== 'done') throw new Error(`lifetime value skipped: ${ltv.reason}`);
    if (!ltv.shownPAlive.every(Number.isNaN)) return; // dropout identified on this file: P(alive) decides, nothing to check here
    let churned = 0;
    let valued = 0;
    for (let c = 0; c < result.features.count; c++) {
      const row = ltv.rowOfCustomer[c];
      if (row < 0) continue;
      if (result.churn.labels[result.churn.status[c]] === 'Churned') {
        churned++;
        expect([result.clv[c], ltv.result.expectedPurchases[row], ltv.result.clvUpper[row]]).toEqual([0, 0, 0]);
      } else if (result.clv[c] > 0) valued++;
    }
    expect(churned).toBeGreaterThan(0);
    expect(valued).toBeGreaterThan(0);
  });
});
