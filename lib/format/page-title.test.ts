import { expect, test } from 'vitest';
import { pageTitle } from './page-title';

test.each([
  [pageTitle('Customers'), 'Customers'],
  [pageTitle('Customers', { country: ['France'] }), 'Customers · France'],
  [pageTitle('Overview', { country: ['France', 'Spain', 'EIRE'] }), 'Overview · 3 countries'],
  [pageTitle('Segments', { segment: ['Champions'], cluster: [2] }), 'Segments · Champions · cluster 2'],
  [pageTitle('Clusters', { cluster: [0, 1] }), 'Clusters · 2 clusters'],
])('%s', (actual, expected) => {
  expect(actual).toBe(expected);
});
