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
  const quality = qualityOf(cleaning, {}, { currency: 'AUD', analysedIn: { net: [...analysedIn.net], gross: [...analysedIn.gross] } });
  expect(quality).toMatchObject({ valueBasis: basis, revenue, currency: 'AUD', countriesBasis: 'net' });
});

test('refunds stated on orders are told apart from refund lines', () => {
  expect(qualityOf(cleaning, {}, { currency: 'AUD' })).toMatchObject({ refunds: 1820.18, refundsOnOrders: 1800.18, returns: { lines: 1, value: 20 } });
});

test('the refund breakdown stored with the upload is used; a report stored before it splits only what was deducted', () => {
  const refundBreakdown = { total: 1820.18, deducted: 1790.18, beyondPurchases: 20, withoutPurchase: 10 };
  expect(qualityOf({ ...cleaning, refundBreakdown }, {})?.refundBreakdown).toEqual(refundBreakdown);
  expect(qualityOf(cleaning, {})?.refundBreakdown).toEqual({ total: 1820.18, deducted: 1820.18, beyondPurchases: null, withoutPurchase: null });
});

// Order values put UK at 120 (a refund of 30 matched to no UK order is left out); the run's customers,
// each net of every refund and in their primary country, put it at 90: the countries add up to the run's revenue.
const withCountries: Partial<CleaningReport> = {
  ...cleaning,
  countries: [
    { country: 'United Kingdom', rows: 6, customers: 3, revenue: 120 },
    { country: 'France', rows: 3, customers: 2, revenue: 40 },
  ],
};

test('countries count the latest successful run’s customers, once each in their primary country, as the overview does', () => {
  const runCountries = [
    { country: 'France', customers: 1, revenue: 40 },
    { country: 'United Kingdom', customers: 2, revenue: 90 },
  ];
  const quality = qualityOf(withCountries, {}, { analysedIn: { net: [4, 7], gross: [] }, runCountries });
  expect(quality).toMatchObject({ countriesRun: 7, countriesBasis: 'net' });
  expect(quality?.topCountries).toEqual([
    { country: 'United Kingdom', lines: 6, customers: 2, revenue: 90 },
    { country: 'France', lines: 3, customers: 1, revenue: 40 },
  ]);
  // No successful run: the upload's order values, said to be so.
  const upload = qualityOf(withCountries, {});
  expect(upload).toMatchObject({ countriesRun: null, countriesBasis: 'net' });
  expect(upload?.topCountries.map((c) => c.revenue)).toEqual([120, 40]);
});

test('a gross re-run says gross in the value rule of the reading', () => {
  const reading = { valueRule: 'each payment\'s "Amount", less its "Refunded Amount"; failed payments are not purchases' } as never;
  const value = (gross: number[]) => qualityOf(cleaning, { reading }, { currency: 'AUD', analysedIn: { net: [7], gross } })?.reading.find((r) => r.label === 'Value')?.value;
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
