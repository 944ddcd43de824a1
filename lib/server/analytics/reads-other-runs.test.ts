import { expect, test } from 'vitest';
import { parseDashboardFilters } from '../../schemas/dashboard-filters-schema';
import { customerFilterSql } from '../dashboard/customer-filter-sql';
import { readsOtherRuns } from './cached-results-sql-client';

// One run's cache file cannot answer a filter on an earlier snapshot: such statements must go to the database.
const statement = (query: Record<string, string>) => `SELECT count(*) FROM customer_result c WHERE ${customerFilterSql(7, parseDashboardFilters(query)).where}`;

test.each([
  [{}, false],
  [{ segment: 'Champions', country: 'France', minClv: '10' }, false],
  [{ movedFrom: '4:Champions' }, true],
  [{ movedFrom: '4:' }, true],
  [{ churnFrom: '4:At Risk' }, true],
])('%o reads another run: %s', (query, expected) => {
  expect(readsOtherRuns(statement(query))).toBe(expected);
});
