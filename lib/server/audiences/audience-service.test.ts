import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { audienceSchema } from '../../schemas/audience-schema';
import { parseDashboardFilters } from '../../schemas/dashboard-filters-schema';
import type { Database } from '../db/database';
import { TEST_BACKENDS } from '../db/testing/test-databases';
import { readExportLogs } from '../exports/export-log';
import { customerExportStream } from '../exports/customer-export-stream';
import { seedRun, type SeedCustomer } from '../exports/testing/seed-run';
import { AudienceNameTakenError, createAudience, deleteAudience, getAudienceFilters, listAudiencesWithCounts } from './audience-service';
import { describeFilters, filtersToRecord, recordToFilters } from './filter-record';

const customer = (customerId: string, country: string, segment: string, clv: number): SeedCustomer => ({
  customerId,
  country,
  segment,
  frequency: 2,
  clv,
  clusterKmeans: 0,
  clusterKmeansName: 'High value · recent',
});

test.each([
  [{ name: '  ', query: '' }, 'Give the audience a name.'],
  [{ query: '' }, 'Give the audience a name.'],
  [{ name: 'x'.repeat(101) }, 'The audience name is longer than 100 characters.'],
])('audience input %j is refused: %s', (input, message) => {
  const parsed = audienceSchema.safeParse(input);
  expect(parsed.error?.issues.map((i) => i.message)).toEqual([message]);
});

test('filters survive the round trip through stored JSON, without their run', () => {
  const filters = parseDashboardFilters({ run: '3', country: ['France', 'EIRE'], minClv: '50', method: 'gmm', cluster: '2' });
  const record = filtersToRecord({ ...filters, run: undefined });
  expect(record).toEqual({ country: ['France', 'EIRE'], minClv: '50', method: 'gmm', cluster: '2' });
  expect(recordToFilters(JSON.parse(JSON.stringify(record)))).toEqual({ ...filters, run: undefined });
  expect(describeFilters(filters)).toBe('Country: France, EIRE; CLV ≥ 50; Gaussian mixture cluster 2');
  expect(describeFilters(recordToFilters('garbage'))).toBe('All customers');
});

test('the combined filter is described after the segments', () => {
  const filters = parseDashboardFilters({ segment: 'Champions', combined: ['At Risk · Champions', 'Churned · Loyal Customers'], minFrequency: '2' });
  expect(describeFilters(filters)).toBe('Segment: Champions; Combined: At Risk · Champions, Churned · Loyal Customers; Orders ≥ 2');
  expect(describeFilters(recordToFilters(filtersToRecord(filters)))).toBe(describeFilters(filters));
});

describe.each(TEST_BACKENDS)('audiences on $name', (backend) => {
  let db: Database;
  beforeAll(async () => {
    if (backend.available) db = await backend.open();
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  test.skipIf(!backend.available)('names are unique in any letter case; counts are live on the latest successful run; delete keeps the log', async () => {
    const france = parseDashboardFilters({ country: 'France' });
    const { id } = await createAudience(db, { name: 'French buyers', filters: { ...france, run: 1 } });
    await expect(createAudience(db, { name: ' french BUYERS ', filters: france })).rejects.toThrow(
      new AudienceNameTakenError('French buyers'),
    );
    await expect(createAudience(db, { name: ' french BUYERS ', filters: france })).rejects.toThrow('An audience called “French buyers” already exists; choose another name.');
    const big = await createAudience(db, { name: 'Big spenders', filters: parseDashboardFilters({ minClv: '100' }) });

    // No run yet: no count.
    expect((await listAudiencesWithCounts(db)).map((a) => [a.name, a.customers])).toEqual([
      ['Big spenders', null],
      ['French buyers', null],
    ]);

    const first = await seedRun(db, [customer('1', 'France', 'Lost', 10), customer('2', 'France', 'Champions', 500), customer('3', 'EIRE', 'Champions', 150)]);
    let listed = await listAudiencesWithCounts(db);
    expect(listed.map((a) => [a.name, a.customers, a.runId])).toEqual([
      ['Big spenders', 2, first],
      ['French buyers', 2, first],
    ]);
    expect(listed[1]).toMatchObject({ query: 'country=France', description: 'Country: France' });

    // A newer successful run: the same audiences, counted on the new results.
    const second = await seedRun(
      db,
      [customer('1', 'France', 'Lost', 10), customer('2', 'France', 'Champions', 50), customer('4', 'France', 'Lost', 5), customer('3', 'EIRE', 'Champions', 150)],
      new Date('2024-02-01T00:00:00Z'),
    );
    listed = await listAudiencesWithCounts(db);
    expect(listed.map((a) => [a.name, a.customers, a.runId])).toEqual([
      ['Big spenders', 1, second],
      ['French buyers', 3, second],
    ]);

    // Re-export an audience: its saved filter, logged with its id.
    const filters = await getAudienceFilters(db, id);
    expect(filters).toEqual({ ...france, run: undefined });
    await new Response(customerExportStream(db, { runId: second, filters: filters!, columns: ['customer_id'], audienceId: id, actor: 'local user' })).text();
    let logs = await readExportLogs(db);
    expect(logs[0]).toMatchObject({ audienceId: id, audienceName: 'French buyers', rowCount: 3, runId: second, filter: 'Country: France', columns: ['customer_id'] });

    expect(await deleteAudience(db, id)).toBe(true);
    expect(await deleteAudience(db, id)).toBe(false);
    expect((await listAudiencesWithCounts(db)).map((a) => a.id)).toEqual([big.id]);
    logs = await readExportLogs(db);
    expect(logs[0]).toMatchObject({ audienceId: null, audienceName: null, rowCount: 3 });
  });
});
