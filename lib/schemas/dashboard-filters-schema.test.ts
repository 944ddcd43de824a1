import { expect, test } from 'vitest';
import { filtersToSearchParams, parseDashboardFilters } from './dashboard-filters-schema';

test('reads repeated and single params', () => {
  expect(
    parseDashboardFilters({
      country: ['France', 'Germany'],
      segment: 'Champions',
      combined: ['At Risk · Loyal Customers', ' Churned · Lost ', ''],
      minClv: '100',
      minFrequency: '2',
      method: 'gmm',
      cluster: ['0', '2'],
      run: '7',
    }),
  ).toEqual({
    run: 7,
    country: ['France', 'Germany'],
    segment: ['Champions'],
    combined: ['At Risk · Loyal Customers', 'Churned · Lost'],
    minClv: 100,
    minFrequency: 2,
    method: 'gmm',
    cluster: [0, 2],
  });
});

test('defaults to no filter on the k-means clusters', () => {
  expect(parseDashboardFilters({})).toEqual({ run: undefined, country: [], segment: [], combined: [], minClv: undefined, minFrequency: undefined, method: 'kmeans', cluster: [] });
});

test('drops a broken filter and keeps the rest', () => {
  const filters = parseDashboardFilters({ minClv: 'lots', country: 'France', run: '-3', method: 'random' });
  expect(filters.minClv).toBeUndefined();
  expect(filters.run).toBeUndefined();
  expect(filters.country).toEqual(['France']);
  expect(filters.method).toBe('kmeans');
});

test('round-trips through the query string', () => {
  const filters = parseDashboardFilters({ country: ['United Kingdom', 'EIRE'], combined: ['At Risk · Loyal Customers', 'Active · Champions'], minClv: '50.5', cluster: '1', method: 'hierarchical' });
  const query = filtersToSearchParams(filters).toString();
  expect(query).toBe(
    'country=United+Kingdom&country=EIRE&combined=At+Risk+%C2%B7+Loyal+Customers&combined=Active+%C2%B7+Champions&minClv=50.5&method=hierarchical&cluster=1',
  );
  expect(parseDashboardFilters(Object.fromEntries([...new URLSearchParams(query).keys()].map((k) => [k, new URLSearchParams(query).getAll(k)])))).toEqual(filters);
});
