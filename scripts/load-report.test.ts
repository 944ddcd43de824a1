import { expect, test } from 'vitest';
import { nearestRank, summariseLoad } from './load-report';

test.each([
  [[], 0.5, Number.NaN],
  [[7], 0.99, 7],
  [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5, 5],
  [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95, 10],
  [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
  [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0, 1],
])('nearest rank of %j at %s is %s', (sorted, q, expected) => {
  expect(nearestRank(sorted, q)).toBe(expected);
});

test('summarises per page and overall, counting refused and 4xx/5xx answers as errors and page-cache hits', () => {
  const rows = summariseLoad([
    { page: 'overview', ms: 100, status: 200, cached: true },
    { page: 'overview', ms: 300, status: 200, cached: false },
    { page: 'customers', ms: 50, status: 500 },
    { page: 'customers', ms: 70, status: 0 },
    { page: 'customers', ms: 60, status: 304 },
  ]);
  expect(rows).toEqual([
    { page: 'customers', requests: 3, errors: 2, p50: 60, p95: 70, p99: 70, max: 70, cached: 0 },
    { page: 'overview', requests: 2, errors: 0, p50: 100, p95: 300, p99: 300, max: 300, cached: 1 },
    { page: 'all', requests: 5, errors: 2, p50: 70, p95: 300, p99: 300, max: 300, cached: 1 },
  ]);
});
