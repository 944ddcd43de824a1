import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseDashboardFilters } from '../../schemas/dashboard-filters-schema';
import { hasControlCharacter } from '../../schemas/text-rules';
import type { Database } from '../db/database';
import { TEST_BACKENDS } from '../db/testing/test-databases';
import { seedRun } from '../exports/testing/seed-run';
import { customerFilterSql } from './customer-filter-sql';
import { parseCustomerTableParams } from './customers/customer-table-params';
import { prefixPattern } from './customers/customer-sort-sql';

/** SQL-injection payloads: quotes, statements, comments, wildcards, unicode look-alikes, NUL, numbers that are not. */
const PAYLOADS = [
  "'",
  "''",
  '"',
  "' OR '1'='1",
  "' OR 1=1 --",
  '1 OR 1=1',
  "'; DROP TABLE customer_result; --",
  '"; DROP TABLE run; --',
  "Robert'); DROP TABLE audience;--",
  '/* comment */',
  '-- comment',
  "1; SELECT pg_sleep(5)",
  "' UNION SELECT customer_id FROM customer_result --",
  '%',
  '_',
  '\\',
  '$1',
  'ʼ OR ʼ1ʼ=ʼ1',
  '１ OR １=１',
  '\u0000',
  "a\u0000' OR 1=1",
  'NaN',
  '-1e309',
] as const;

const TEXT_FILTERS = [
  ['country', 'country'],
  ['segment', 'segment'],
  ['combined', 'combined_segment'],
] as const;

describe.each(TEST_BACKENDS)('hostile filter values on $name', (backend) => {
  let db: Database;
  let runId: number;
  // One customer per payload that can be stored (PostgreSQL refuses NUL in text), with it as its id, country, segment and combined segment; one plain customer.
  const storable = PAYLOADS.filter((p) => !p.includes('\u0000'));
  beforeAll(async () => {
    if (!backend.available) return;
    db = await backend.open();
    runId = await seedRun(db, [
      { customerId: 'plain', country: 'France', segment: 'Champions', combinedSegment: 'Active · Champions', frequency: 1, clv: 10, clusterKmeans: 0 },
      ...storable.map((p, i) => ({ customerId: `${p}#${i}`, country: p, segment: p, combinedSegment: p, frequency: 2, clv: 20, clusterKmeans: 1 })),
    ]);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  const select = async (where: string, params: unknown[]) =>
    (await db.sql.query<{ customer_id: string }>(`SELECT c.customer_id FROM customer_result c WHERE ${where} ORDER BY 1`, params)).rows.map((r) => r.customer_id);
  const everyone = () => ['plain', ...storable.map((p, i) => `${p}#${i}`)].sort();

  test.skipIf(!backend.available).each(PAYLOADS.flatMap((payload) => TEXT_FILTERS.map(([param]) => [param, payload] as const)))(
    '%s=%j matches its literal value or is refused in words; nothing runs',
    async (param, payload) => {
      const filters = parseDashboardFilters({ [param]: payload });
      const { where, params } = customerFilterSql(runId, filters);
      const rows = await select(where, params);
      if (hasControlCharacter(payload)) {
        expect(filters.notices?.[0]).toMatch(/contains a control character/);
        expect(rows).toEqual(everyone().sort());
      } else {
        expect(filters.notices).toBeUndefined();
        const index = storable.indexOf(payload);
        // Trimmed like every filter value: only a payload with no surrounding space is itself.
        expect(rows).toEqual([`${payload}#${index}`]);
      }
    },
  );

  test.skipIf(!backend.available).each(PAYLOADS.flatMap((payload) => (['minClv', 'minFrequency', 'cluster'] as const).map((param) => [param, payload] as const)))(
    '%s=%j is read as a number or left out with a notice; nothing runs',
    async (param, payload) => {
      const filters = parseDashboardFilters({ [param]: payload });
      const { where, params } = customerFilterSql(runId, filters);
      const rows = await select(where, params);
      expect(filters.notices?.length ?? 0).toBe(1);
      expect(rows).toEqual(everyone().sort());
    },
  );

  test.skipIf(!backend.available).each(PAYLOADS.map((payload) => [payload]))('the customer search q=%j matches ids starting with it literally, or is left out', async (payload) => {
    const table = parseCustomerTableParams({ q: payload });
    const filters = parseDashboardFilters({});
    const { where, params } = customerFilterSql(runId, filters);
    const rows = table.q === undefined ? await select(where, params) : await select(`${where} AND c.customer_id LIKE $${params.length + 1}`, [...params, prefixPattern(table.q)]);
    if (hasControlCharacter(payload)) {
      expect(table.notices).toEqual(['The customer search contains a control character (such as NUL or a line break); remove it.']);
      expect(rows).toEqual(everyone().sort());
    } else {
      expect(rows).toEqual(everyone().filter((id) => id.startsWith(payload.trim())));
      expect(rows.length).toBeGreaterThan(0);
    }
  });

  test.skipIf(!backend.available)('after every payload the tables and their rows are all still there', async () => {
    expect(await db.prisma.customerResult.count({ where: { runId } })).toBe(storable.length + 1);
    expect(await db.prisma.run.count({ where: { id: runId } })).toBe(1);
    expect(await db.prisma.audience.count()).toBeGreaterThanOrEqual(0);
  });
});
