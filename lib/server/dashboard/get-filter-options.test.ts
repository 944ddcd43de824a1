import { expect, test, vi } from 'vitest';

vi.mock('server-only', () => ({}));
const { runLabels } = await import('./get-filter-options');

test('runs of one dataset that count money differently are told apart by their value basis', () => {
  expect(
    runLabels([
      { id: 8, datasetId: 2, name: 'stripe_payments_aud.csv', valueBasis: 'gross' },
      { id: 7, datasetId: 2, name: 'stripe_payments_aud.csv', valueBasis: 'net' },
      { id: 6, datasetId: 1, name: 'demo.csv', valueBasis: 'net' },
      { id: 5, datasetId: 1, name: 'demo.csv', valueBasis: 'net' },
    ]),
  ).toEqual([
    { id: 8, label: '#8 stripe_payments_aud.csv (gross)' },
    { id: 7, label: '#7 stripe_payments_aud.csv (net of refunds)' },
    { id: 6, label: '#6 demo.csv' },
    { id: 5, label: '#5 demo.csv' },
  ]);
});

test('a run stored before the value basis existed counted gross', () => {
  expect(
    runLabels([
      { id: 3, datasetId: 1, name: 'old.csv', valueBasis: 'net' },
      { id: 2, datasetId: 1, name: 'old.csv', valueBasis: null },
      { id: 1, datasetId: 1, name: 'old.csv', valueBasis: 'gross' },
    ]).map((r) => r.label),
  ).toEqual(['#3 old.csv (net of refunds)', '#2 old.csv (gross)', '#1 old.csv (gross)']);
});
