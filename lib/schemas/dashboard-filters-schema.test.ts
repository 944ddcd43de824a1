import { expect, test } from 'vitest';
import { filtersToSearchParams, NO_SUCH_RUN, parseDashboardFilters, parseStoredFilters, patchFiltersHref, searchParamsToRecord, switchRunHref } from './dashboard-filters-schema';

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
    churn: [],
    movedFrom: undefined,
    churnFrom: undefined,
  });
});

test('defaults to no filter on the k-means clusters', () => {
  expect(parseDashboardFilters({})).toEqual({
    run: undefined,
    country: [],
    segment: [],
    combined: [],
    minClv: undefined,
    minFrequency: undefined,
    method: 'kmeans',
    cluster: [],
    churn: [],
    movedFrom: undefined,
    churnFrom: undefined,
  });
});

test('drops a broken filter and keeps the rest', () => {
  const filters = parseDashboardFilters({ minClv: 'lots', country: 'France', run: '-3', method: 'random' });
  expect(filters.minClv).toBeUndefined();
  expect(filters.run).toBe(NO_SUCH_RUN);
  expect(filters.country).toEqual(['France']);
  expect(filters.method).toBe('kmeans');
  expect(filters.notices).toContain('The clustering method is kmeans, gmm or hierarchical; k-means is shown.');
});

test('an unknown clustering method is named in the notices, never dropped in silence', () => {
  expect(parseDashboardFilters({ method: 'foo' })).toMatchObject({ method: 'kmeans', notices: ['The clustering method is kmeans, gmm or hierarchical; k-means is shown.'] });
  expect(parseDashboardFilters({ method: 'gmm' }).notices).toBeUndefined();
  expect(parseStoredFilters({ method: 'foo' }).problems).toHaveLength(1);
});

test('round-trips through the query string', () => {
  const filters = parseDashboardFilters({ country: ['United Kingdom', 'EIRE'], combined: ['At Risk · Loyal Customers', 'Active · Champions'], minClv: '50.5', cluster: '1', method: 'hierarchical' });
  const query = filtersToSearchParams(filters).toString();
  expect(query).toBe(
    'country=United+Kingdom&country=EIRE&combined=At+Risk+%C2%B7+Loyal+Customers&combined=Active+%C2%B7+Champions&minClv=50.5&method=hierarchical&cluster=1',
  );
  expect(parseDashboardFilters(Object.fromEntries([...new URLSearchParams(query).keys()].map((k) => [k, new URLSearchParams(query).getAll(k)])))).toEqual(filters);
});

test('the movement filters round-trip through the query string, also a label with a colon and the new customers', () => {
  const filters = parseDashboardFilters({ run: '9', segment: 'At Risk', churn: ['Churned'], movedFrom: '4:Champions', churnFrom: '4:' });
  expect(filters).toMatchObject({ run: 9, segment: ['At Risk'], churn: ['Churned'], movedFrom: { runId: 4, label: 'Champions' }, churnFrom: { runId: 4, label: '' } });
  const query = filtersToSearchParams(filters).toString();
  expect(query).toBe('run=9&segment=At+Risk&churn=Churned&movedFrom=4%3AChampions&churnFrom=4%3A');
  expect(parseDashboardFilters(Object.fromEntries(new URLSearchParams(query)))).toEqual(filters);
  const colon = parseDashboardFilters({ movedFrom: '12:Ratio: 3:1' });
  expect(colon.movedFrom).toEqual({ runId: 12, label: 'Ratio: 3:1' });
  expect(parseDashboardFilters(Object.fromEntries(filtersToSearchParams(colon)))).toEqual(colon);
});

test.each([['Champions'], ['0:Champions'], ['x:Lost'], ['2147483648:Lost'], ['3:a\nb']])('movedFrom=%j is left out and named in the notices', (movedFrom) => {
  const filters = parseDashboardFilters({ movedFrom, country: 'France' });
  expect(filters.movedFrom).toBeUndefined();
  expect(filters.country).toEqual(['France']);
  expect(filters.notices).toEqual(['The earlier segment is a run number, a colon and a name, such as 12:Champions.']);
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

test.each([
  ['1.5', 2],
  ['2', 2],
  ['0.01', 1],
  ['2147483647', 2_147_483_647],
])('minFrequency=%j rounds up to the whole number %j', (minFrequency, expected) => {
  const filters = parseDashboardFilters({ minFrequency });
  expect(filters.minFrequency).toBe(expected);
  expect(filters.notices).toBeUndefined();
});

test.each([
  [{ minFrequency: '2147483648' }, 'The minimum number of orders must be a whole number from 0 to 2,147,483,647.'],
  [{ minFrequency: '-1' }, 'The minimum number of orders must be a whole number from 0 to 2,147,483,647.'],
  [{ minFrequency: 'many' }, 'The minimum number of orders must be a whole number from 0 to 2,147,483,647.'],
  [{ minClv: '1e300' }, 'The minimum CLV must be an amount such as 250, between minus one trillion and one trillion (1,000,000,000,000).'],
  [{ minClv: 'abc' }, 'The minimum CLV must be an amount such as 250, between minus one trillion and one trillion (1,000,000,000,000).'],
  [{ cluster: '2147483648' }, 'A cluster is a whole number from 0 to 999.'],
  [{ cluster: ['1', '1.5'] }, 'A cluster is a whole number from 0 to 999.'],
  [{ country: 'France\u0000' }, 'The country contains a control character (such as NUL or a line break); remove it.'],
  [{ segment: ['Champions', 'a\nb'] }, 'The segment contains a control character (such as NUL or a line break); remove it.'],
  [{ combined: 'x'.repeat(201) }, 'The combined segment is longer than 200 characters.'],
])('%j is left out and named in the notices, the other filters kept', (params, message) => {
  const filters = parseDashboardFilters({ ...params, run: '3', method: 'gmm' });
  expect(filters.notices).toEqual([message]);
  expect(filters.run).toBe(3);
  expect(filters.method).toBe('gmm');
  const key = Object.keys(params)[0] as 'minFrequency' | 'minClv' | 'cluster' | 'country' | 'segment' | 'combined';
  expect(filters[key]).toEqual(parseDashboardFilters({})[key]);
});

test('a stored filter with a fractional minimum of orders is invalid, not rounded', () => {
  expect(parseStoredFilters({ minFrequency: '1.5', country: 'France' })).toEqual({
    filters: { ...parseDashboardFilters({ country: 'France' }) },
    problems: ['The minimum number of orders is not a whole number.'],
  });
  expect(parseStoredFilters({ minFrequency: '3' })).toEqual({ filters: parseDashboardFilters({ minFrequency: '3' }), problems: [] });
});

test('the run switcher keeps the view for a run of the same dataset and drops it for another dataset', () => {
  const current = new URLSearchParams(
    'run=7&country=France&country=Germany&segment=Champions&churn=At+Risk&minClv=100&minFrequency=2&method=gmm&cluster=3&movedFrom=5:Loyal+Customers&churnFrom=6:Active&q=123&sort=clv&dir=asc&since=6&page=4',
  );
  // Cluster 3 names a cluster of run 7; the comparisons are with run 7; the page number points at rows that have moved.
  expect(switchRunHref('/customers', current, { runId: 9, sameDataset: true, viewedRunId: 7 })).toBe(
    '/customers?run=9&country=France&country=Germany&segment=Champions&minClv=100&minFrequency=2&method=gmm&churn=At+Risk&q=123&sort=clv&dir=asc',
  );
  // The viewed run's own link keeps the view whole, but the page number.
  expect(switchRunHref('/segments', current, { runId: 7, sameDataset: true, viewedRunId: 7 })).toBe(
    '/segments?run=7&country=France&country=Germany&segment=Champions&minClv=100&minFrequency=2&method=gmm&cluster=3&churn=At+Risk&movedFrom=5%3ALoyal+Customers&churnFrom=6%3AActive&q=123&sort=clv&dir=asc&since=6',
  );
  expect(switchRunHref('/customers', current, { runId: 2, sameDataset: false, viewedRunId: 7 })).toBe('/customers?run=2');
  expect(switchRunHref('/', new URLSearchParams(''), { runId: 3, sameDataset: true, viewedRunId: 1 })).toBe('/?run=3');
  // A broken filter in the URL is left out, as the page leaves it out.
  expect(switchRunHref('/', new URLSearchParams('run=1&minClv=lots&country=Spain'), { runId: 3, sameDataset: true, viewedRunId: 1 })).toBe('/?run=3&country=Spain');
});

test('search params with repeated keys to the record the parser reads', () => {
  expect(searchParamsToRecord(new URLSearchParams('country=France&country=Spain&run=2'))).toEqual({ country: ['France', 'Spain'], run: '2' });
  expect(searchParamsToRecord(new URLSearchParams(''))).toEqual({});
});
