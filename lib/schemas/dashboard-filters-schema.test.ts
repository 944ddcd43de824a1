import { expect, test } from 'vitest';
import { filtersToSearchParams, NO_SUCH_RUN, parseDashboardFilters, patchFiltersHref } from './dashboard-filters-schema';

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
  expect(filters.run).toBe(NO_SUCH_RUN);
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

test.each([
  ['1', 1],
  ['2147483647', 2_147_483_647],
  [' 12 ', 12],
  ['', undefined],
  ['abc', NO_SUCH_RUN],
  ['-1', NO_SUCH_RUN],
  ['0', NO_SUCH_RUN],
  ['1.5', NO_SUCH_RUN],
  ['1e3', NO_SUCH_RUN],
  ['2147483648', NO_SUCH_RUN],
])('run=%j reads as %j: a malformed run names no run instead of falling back to the latest', (run, expected) => {
  expect(parseDashboardFilters({ run, country: 'France' })).toMatchObject({ run: expected, country: ['France'] });
});

test('a repeated run keeps its last value', () => {
  expect(parseDashboardFilters({ run: ['3', '4'] }).run).toBe(4);
});

test('patching replaces the filters, keeps the search and sort, drops the page number', () => {
  const current = new URLSearchParams('run=1&country=France&minClv=100&q=123&sort=clv&page=4');
  const filters = parseDashboardFilters({ run: '1', minClv: '100', minFrequency: '2' });
  expect(patchFiltersHref('/customers', current, filters)).toBe('/customers?run=1&minClv=100&minFrequency=2&q=123&sort=clv');
});

test('a filter removed by a patch does not come back from the current URL', () => {
  const current = new URLSearchParams('run=1&country=France&country=Germany');
  expect(patchFiltersHref('/', current, parseDashboardFilters({ run: '1', country: 'Germany' }))).toBe('/?run=1&country=Germany');
  expect(patchFiltersHref('/', current, {})).toBe('/');
});
