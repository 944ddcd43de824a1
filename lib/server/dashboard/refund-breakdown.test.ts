import { expect, test } from 'vitest';
import { cleanTransactions } from '../../engines/clean/clean-transactions';
import { readTransactions } from '../../engines/ingest/read-transactions';
import { byteSource } from '../../engines/testing/byte-source';
import { formatMoney } from '../../format/format-number';
import { breakdownRefunds, breakdownRefundTotals, describeNetRevenue, hasRefundsNotDeducted } from './refund-breakdown';

// By hand:
//   10 buys 100.00 and returns 30.00 of it                          -> 30.00 deducted
//   11 buys 20.00 and returns 20.00 of it, plus 30.00 of an earlier
//      purchase the file does not hold                               -> 20.00 deducted, 30.00 beyond
//   12 only returns 10.00 (bought before the file)                   -> 10.00 without purchase
// total 90.00 = 50.00 + 30.00 + 10.00; gross 120.00, net 70.00 + 0 = 70.00.
const LOG = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '1,A,Mug,10,2024-01-02 10:00,10.00,10,United Kingdom',
  'C2,A,Mug,-3,2024-01-05 10:00,10.00,10,United Kingdom',
  '3,B,Bag,2,2024-01-03 10:00,10.00,11,France',
  'C4,B,Bag,-2,2024-01-06 10:00,10.00,11,France',
  'C5,Z,Lamp,-1,2024-01-07 10:00,30.00,11,France',
  'C6,Z,Lamp,-1,2024-01-08 10:00,10.00,12,France',
].join('\n');

test('every refund is deducted, beyond a customer’s purchases or without a purchase, and the parts add up', async () => {
  const { table } = await readTransactions(byteSource(LOG, 64));
  const cleaned = cleanTransactions(table);
  const refunds = breakdownRefunds(cleaned);
  expect(refunds).toEqual({ total: 90, deducted: 50, beyondPurchases: 30, withoutPurchase: 10 });
  // The same figures as the cleaning report: the total, and gross - net for what was deducted.
  expect(refunds.total).toBeCloseTo(cleaned.report.refunds, 10);
  expect(refunds.deducted).toBeCloseTo(cleaned.report.grossRevenue - cleaned.report.netRevenue, 10);
  expect(breakdownRefundTotals(cleaned.report)).toEqual({ total: 90, deducted: 50, beyondPurchases: null, withoutPurchase: null });
});

test.each([
  [
    'split',
    { total: 1833.42, deducted: 1657.2, beyondPurchases: 58.22, withoutPurchase: 118 },
    'gross 64,036.34 less refunds 1,657.20; not deducted: 58.22 beyond what those customers bought in the file (a customer’s revenue never goes below zero) and 118.00 by customers with no purchase in the file (not analysed)',
  ],
  [
    'only the totals',
    { total: 1833.42, deducted: 1657.2, beyondPurchases: null, withoutPurchase: null },
    'gross 64,036.34 less refunds 1,657.20; not deducted: 176.22 beyond what those customers bought in the file or by customers with no purchase in it (a customer’s revenue never goes below zero)',
  ],
  ['nothing beyond', { total: 5.1, deducted: 5.1, beyondPurchases: 0, withoutPurchase: 0 }, 'gross 64,036.34 less refunds 5.10'],
  ['filtered customers', { total: 60, deducted: 50, beyondPurchases: 10, withoutPurchase: 0 }, 'gross 64,036.34 less refunds 50.00; not deducted: 10.00 beyond what those customers bought in the file (a customer’s revenue never goes below zero)'],
])('net revenue in words: %s', (_, refunds, words) => {
  expect(describeNetRevenue(64036.34, refunds, formatMoney)).toBe(words);
  expect(hasRefundsNotDeducted(refunds)).toBe(words.includes('not deducted'));
});
