import { expect, test, vi } from 'vitest';
import { DROP_REASONS, type CleaningReport } from '../../engines/clean/types';

vi.mock('server-only', () => ({}));
vi.mock('../db/database', () => ({ getDatabase: async () => ({}) }));
const { describeRunParameters, qualityOf } = await import('./get-dataset-reports');

// A Stripe-like upload: refunds stated on the payments (1,800.18) plus one refund line of 20.
const cleaning: Partial<CleaningReport> = {
  totalRows: 10,
  keptRows: 9,
  dropped: { ...(Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as CleaningReport['dropped']), refundLine: 1 },
  valueBasis: 'net',
  revenueAfter: 8179.82,
  grossRevenue: 10000,
  refunds: 1820.18,
  netRevenue: 8179.82,
  returns: { lines: 1, customers: 1, value: 20, matchedLines: 1, unmatchedLines: 0, unmatchedValue: 0 },
};

test.each([
  [{ net: [7], gross: [] }, 'net', 8179.82],
  [{ net: [7], gross: [8] }, 'gross', 10000],
  [{ net: [9], gross: [8] }, 'net', 8179.82],
  [{ net: [], gross: [] }, 'net', 8179.82],
] as const)('runs %o: the report counts money as the latest run did (%s)', (analysedIn, basis, revenue) => {
  const quality = qualityOf(cleaning, {}, 'AUD', { net: [...analysedIn.net], gross: [...analysedIn.gross] });
  expect(quality).toMatchObject({ valueBasis: basis, revenue, currency: 'AUD', countriesBasis: 'net' });
});

test('refunds stated on orders are told apart from refund lines', () => {
  expect(qualityOf(cleaning, {}, 'AUD')).toMatchObject({ refunds: 1820.18, refundsOnOrders: 1800.18, returns: { lines: 1, value: 20 } });
});

test('a gross re-run says gross in the value rule of the reading', () => {
  const reading = { valueRule: 'each payment\'s "Amount", less its "Refunded Amount"; failed payments are not purchases' } as never;
  const value = (gross: number[]) => qualityOf(cleaning, { reading }, 'AUD', { net: [7], gross })?.reading.find((r) => r.label === 'Value')?.value;
  expect(value([])).toBe('each payment\'s "Amount", less its "Refunded Amount"; failed payments are not purchases');
  expect(value([8])).toBe('each payment\'s "Amount"; failed payments are not purchases; counted gross: refunds ("Refunded Amount") are not deducted');
});

test('run parameters: a column kept out is "not in the file"; only defaults are said once', () => {
  expect(describeRunParameters({ value: 'net', columns: { invoice: 'Ref', country: '' } })).toEqual([
    { label: 'Revenue', value: 'net of refunds' },
    { label: 'Column mapping', value: 'invoice ← “Ref”, country: not in the file' },
  ]);
  expect(describeRunParameters({ value: 'gross' })).toEqual([
    { label: 'Revenue', value: 'gross' },
    { label: 'Other settings', value: 'defaults' },
  ]);
});
