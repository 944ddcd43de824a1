import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { audienceSchema, chooseAudienceDatasetSchema } from '../../schemas/audience-schema';
import { parseDashboardFilters } from '../../schemas/dashboard-filters-schema';
import type { Database } from '../db/database';
import { TEST_BACKENDS } from '../db/testing/test-databases';
import { readExportLogs } from '../exports/export-log';
import { customerExportStream } from '../exports/customer-export-stream';
import { seedRun, type SeedCustomer } from '../exports/testing/seed-run';
import {
  AudienceDatasetChoiceError,
  AudienceNameTakenError,
  AudienceRunError,
  AudienceUnavailableError,
  chooseAudienceDataset,
  createAudience,
  deleteAudience,
  getAudienceFilters,
  listAudienceDatasetChoices,
  listAudiencesWithCounts,
} from './audience-service';
import { describeFilters, filtersToRecord, recordToFilters } from './filter-record';

const customer = (customerId: string, country: string, clv: number): SeedCustomer => ({
  customerId,
  country,
  segment: 'Champions',
  frequency: 2,
  clv,
  clusterKmeans: 0,
  clusterKmeansName: 'High value · recent',
});

test.each([
  [{ name: '  ', query: '' }, 'Give the audience a name.'],
  [{ query: '' }, 'Give the audience a name.'],
  [{ name: 'x'.repeat(101) }, 'The audience name is longer than 100 characters.'],
  [{ name: 'a', runId: 'abc' }, 'The run must be a whole number from 1 to 2,147,483,647.'],
  [{ name: 'a', runId: '-1' }, 'The run must be a whole number from 1 to 2,147,483,647.'],
  [{ name: 'a', runId: '1.5' }, 'The run must be a whole number from 1 to 2,147,483,647.'],
  [{ name: 'a', runId: '2147483648' }, 'The run must be a whole number from 1 to 2,147,483,647.'],
  [{ name: 'a\u0000b' }, 'The audience name contains a control character (such as NUL or a line break); remove it.'],
  [{ name: '<img src=x onerror=alert(1)>\n' + 'x' }, 'The audience name contains a control character (such as NUL or a line break); remove it.'],
  [{ name: 'a', pin: 'forever' }, 'Choose whether the audience follows the latest results or stays on this run.'],
])('audience input %j is refused: %s', (input, message) => {
  const parsed = audienceSchema.safeParse(input);
  expect(parsed.error?.issues.map((i) => i.message)).toEqual([message]);
});

test.each([
  [{ name: ' Lapsed ', query: 'country=France', runId: '7', pin: 'run' }, { name: 'Lapsed', query: 'country=France', runId: 7, pin: 'run' }],
  // FormData.get gives null for a field the form does not send: no run (the latest results), following them.
  [{ name: 'Lapsed', query: '', runId: null, pin: null }, { name: 'Lapsed', query: '', runId: undefined, pin: 'latest' }],
  [{ name: 'Lapsed', runId: '', pin: 'latest' }, { name: 'Lapsed', query: '', runId: undefined, pin: 'latest' }],
])('audience input %j is read as %j', (input, expected) => {
  expect(audienceSchema.parse(input)).toEqual(expected);
});

test.each([
  [{ id: '3', datasetId: '' }, 'Choose a dataset.'],
  [{ id: '3', datasetId: '0' }, 'Choose a dataset.'],
  [{ id: 'x', datasetId: '2' }, 'This audience is unknown; reload the page.'],
  [{ id: '2147483648', datasetId: '2' }, 'This audience is unknown; reload the page.'],
  [{ id: '3', datasetId: '2147483648' }, 'Choose a dataset.'],
])('choosing a dataset with %j is refused: %s', (input, message) => {
  expect(chooseAudienceDatasetSchema.safeParse(input).error?.issues[0].message).toBe(message);
});

test('filters survive the round trip through stored JSON, without their run', () => {
  const filters = parseDashboardFilters({ run: '3', country: ['France', 'EIRE'], minClv: '50', method: 'gmm', cluster: '2' });
  const record = filtersToRecord({ ...filters, run: undefined });
  expect(record).toEqual({ country: ['France', 'EIRE'], minClv: '50', method: 'gmm', cluster: '2' });
  expect(recordToFilters(JSON.parse(JSON.stringify(record)))).toEqual({ ...filters, run: undefined });
  // The minimum CLV as the filter bar writes it: in the run's currency, or a bare amount.
  expect(describeFilters(filters)).toBe('Country: France, EIRE; CLV ≥ 50.00; Gaussian mixture cluster 2');
  expect(describeFilters(filters, 'GBP')).toBe('Country: France, EIRE; CLV ≥ £50.00; Gaussian mixture cluster 2');
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
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  const datasetOf = (runId: number) => db.prisma.run.findUniqueOrThrow({ where: { id: runId }, select: { datasetId: true } });

  /** A run of an existing dataset holding `customers` (seedRun's own dataset is removed). */
  async function seedRunOn(datasetId: number, customers: readonly SeedCustomer[], finishedAt: Date, status: 'succeeded' | 'failed' | 'running' = 'succeeded') {
    const runId = await seedRun(db, customers, finishedAt);
    const own = (await datasetOf(runId)).datasetId;
    await db.prisma.run.update({ where: { id: runId }, data: { datasetId, status } });
    await db.prisma.dataset.delete({ where: { id: own } });
    return runId;
  }

  const count = async (name: string) => {
    const a = (await listAudiencesWithCounts(db)).find((x) => x.name === name);
    return a && [a.dataset?.name ?? null, a.pinned, a.runId, a.customers, a.unavailable];
  };

  test.skipIf(!backend.available)(
    'an audience stays on the dataset it was saved on: counted and exported there after another dataset becomes the latest; pinned ones stay on their run',
    async () => {
      // Dataset "Demo": run a1 with 2 French customers of 3. Dataset "Shop": a later run with 1 French customer.
      const a1 = await seedRun(db, [customer('1', 'France', 10), customer('2', 'France', 500), customer('3', 'EIRE', 150)], new Date('2024-01-01T00:00:00Z'));
      const demo = (await datasetOf(a1)).datasetId;
      await db.prisma.dataset.update({ where: { id: demo }, data: { name: 'Demo' } });
      const france = parseDashboardFilters({ country: 'France' });

      const follows = await createAudience(db, { name: 'French buyers', filters: france, runId: a1 });
      expect(follows).toEqual({ id: follows.id, datasetId: demo, runId: a1 });
      const pinned = await createAudience(db, { name: 'French, run 1', filters: france, runId: a1, pin: 'run' });

      const b1 = await seedRun(db, [customer('4', 'France', 5), customer('5', 'Germany', 300)], new Date('2024-03-01T00:00:00Z'));
      const shop = (await datasetOf(b1)).datasetId;
      await db.prisma.dataset.update({ where: { id: shop }, data: { name: 'Shop' } });
      // Without a run, an audience is saved on the latest results, which a dashboard without ?run= shows.
      const shopAudience = await createAudience(db, { name: 'Shop France', filters: france });
      expect(shopAudience.datasetId).toBe(shop);

      expect(await count('French buyers')).toEqual(['Demo', false, a1, 2, null]);
      expect(await count('French, run 1')).toEqual(['Demo', true, a1, 2, null]);
      expect(await count('Shop France')).toEqual(['Shop', false, b1, 1, null]);
      const listed = (await listAudiencesWithCounts(db)).find((a) => a.id === follows.id)!;
      expect(listed).toMatchObject({ query: 'country=France', description: 'Country: France', attribution: 'saved' });
      expect(listed.dataset).toEqual({ id: demo, name: 'Demo', createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });

      // A newer run of Demo (3 French customers), a later failed one and one still running: the
      // follower moves to the newer successful run, the pinned audience stays on run a1.
      const a2 = await seedRunOn(demo, [customer('1', 'France', 10), customer('2', 'France', 50), customer('6', 'France', 5), customer('3', 'EIRE', 150)], new Date('2024-04-01T00:00:00Z'));
      await seedRunOn(demo, [customer('1', 'France', 10)], new Date('2024-05-01T00:00:00Z'), 'failed');
      await seedRunOn(demo, [customer('1', 'France', 10)], new Date('2024-05-02T00:00:00Z'), 'running');
      expect(await count('French buyers')).toEqual(['Demo', false, a2, 3, null]);
      expect(await count('French, run 1')).toEqual(['Demo', true, a1, 2, null]);
      expect(await count('Shop France')).toEqual(['Shop', false, b1, 1, null]);

      // Open and export: the saved filter with the run it resolves to.
      expect(await getAudienceFilters(db, follows.id)).toEqual({ ...france, run: a2 });
      expect(await getAudienceFilters(db, pinned.id)).toEqual({ ...france, run: a1 });
      expect(await getAudienceFilters(db, 999_999)).toBeNull();
      const filters = (await getAudienceFilters(db, pinned.id))!;
      const csv = await new Response(customerExportStream(db, { runId: filters.run!, filters, columns: ['customer_id'], audienceId: pinned.id, actor: 'local user' })).text();
      expect(csv.replace(/^\uFEFF/, '').trim().split('\r\n')).toEqual(['customer_id', '1', '2']);
      expect((await readExportLogs(db))[0]).toMatchObject({ audienceId: pinned.id, audienceName: 'French, run 1', rowCount: 2, runId: a1, filter: 'Country: France' });

      // A pinned run cannot be deleted from under its audience; deleting the whole dataset removes both.
      await expect(db.prisma.run.delete({ where: { id: a1 } })).rejects.toThrow();
      await db.prisma.dataset.delete({ where: { id: demo } });
      expect((await listAudiencesWithCounts(db)).map((a) => a.name)).toEqual(['Shop France']);
      expect((await readExportLogs(db))[0]).toMatchObject({ audienceId: null, rowCount: 2, runId: null });

      expect(await deleteAudience(db, shopAudience.id)).toBe(true);
      expect(await deleteAudience(db, shopAudience.id)).toBe(false);
    },
  );

  test.skipIf(!backend.available)('names are unique in any letter case, compared exactly: "a_c" and "100%" are not wildcards', async () => {
    const run = await seedRun(db, [customer('1', 'France', 10)]);
    const filters = parseDashboardFilters({});
    await createAudience(db, { name: 'French buyers', filters, runId: run });
    await expect(createAudience(db, { name: ' french BUYERS ', filters, runId: run })).rejects.toThrow(new AudienceNameTakenError('French buyers'));
    await expect(createAudience(db, { name: 'FRENCH BUYERS', filters, runId: run })).rejects.toThrow('An audience called “French buyers” already exists; choose another name.');
    await createAudience(db, { name: 'abc', filters, runId: run });
    await createAudience(db, { name: 'a_c', filters, runId: run });
    await createAudience(db, { name: '100x', filters, runId: run });
    await createAudience(db, { name: '100%', filters, runId: run });
    await expect(createAudience(db, { name: 'A_C', filters, runId: run })).rejects.toThrow(new AudienceNameTakenError('a_c'));
    // Saves racing for one name: exactly one wins.
    const raced = await Promise.allSettled([1, 2, 3].map(() => createAudience(db, { name: 'Raced', filters, runId: run })));
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(raced.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([new AudienceNameTakenError('Raced'), new AudienceNameTakenError('Raced')]);
  });

  test.skipIf(!backend.available)('a stored filter the schema refuses (1.5 orders, a NUL) is listed as invalid, never counted or exported, and can be deleted', async () => {
    const run = await seedRun(db, [customer('1', 'France', 10), customer('2', 'Spain', 20)], new Date('2031-01-01T00:00:00Z'));
    const { datasetId } = await datasetOf(run);
    const insert = async (name: string, filter: string) =>
      (await db.sql.query<{ id: number }>(`INSERT INTO audience (name, filter, dataset_id, attribution, updated_at) VALUES ($1, $2::jsonb, $3, 'saved', now()) RETURNING id`, [name, filter, datasetId])).rows[0].id;
    const fractional = await insert('Old fractional', '{"minFrequency":"1.5"}');
    const nul = await insert('Old NUL', '{"country":"Fr\\u0001ance"}');
    const fine = await insert('Still fine', '{"minFrequency":"1"}');
    const listed = await listAudiencesWithCounts(db);
    expect(listed.find((a) => a.id === fractional)).toMatchObject({
      runId: null,
      customers: null,
      invalid: '“Old fractional” has an invalid saved filter (The minimum number of orders is not a whole number.); delete it and save the filter again from a dashboard page.',
    });
    expect(listed.find((a) => a.id === nul)).toMatchObject({ runId: null, customers: null, invalid: expect.stringContaining('The country contains a control character') });
    expect(listed.find((a) => a.id === fine)).toMatchObject({ runId: run, customers: 2, invalid: null });
    await expect(getAudienceFilters(db, fractional)).rejects.toThrow(new AudienceUnavailableError(fractional, 'invalid-filter', listed.find((a) => a.id === fractional)!.invalid!));
    expect(await deleteAudience(db, fractional)).toBe(true);
    expect(await deleteAudience(db, nul)).toBe(true);
    expect((await listAudiencesWithCounts(db)).some((a) => a.invalid !== null)).toBe(false);
  });

  test.skipIf(!backend.available)('an audience with a cluster filter keeps its run: following newer results is refused in words, and one saved so before is not counted', async () => {
    const run = await seedRun(db, [customer('1', 'France', 10), customer('2', 'Spain', 20)], new Date('2031-01-01T00:00:00Z'));
    const { datasetId } = await datasetOf(run);
    const clustered = parseDashboardFilters({ cluster: '0' });
    await expect(createAudience(db, { name: 'Cluster 0', filters: clustered, runId: run })).rejects.toThrow(
      new AudienceRunError(
        `A cluster filter names clusters of run #${run}, and each analysis numbers its clusters afresh, so this audience cannot follow newer results: choose “Keep run #${run}” and save again.`,
      ),
    );
    expect(await db.prisma.audience.count({ where: { name: 'Cluster 0' } })).toBe(0);
    const kept = await createAudience(db, { name: 'Cluster 0, kept', filters: clustered, runId: run, pin: 'run' });
    expect((await count('Cluster 0, kept'))?.slice(1)).toEqual([true, run, 2, null]);
    expect(await getAudienceFilters(db, kept.id)).toEqual({ ...clustered, run });

    // Saved before the rule, following the dataset's latest results: which run's cluster 0 it meant is unknown.
    const { rows } = await db.sql.query<{ id: number }>(
      `INSERT INTO audience (name, filter, dataset_id, attribution) VALUES ('Old cluster', '{"cluster":"0"}', $1, 'saved') RETURNING id`,
      [datasetId],
    );
    const message = '“Old cluster” filters by cluster number but follows its dataset’s latest results, and each analysis numbers its clusters afresh, so which customers it means is unknown. Delete it, then save the filter again from the Clusters page with “Keep run”.';
    expect((await count('Old cluster'))?.slice(1)).toEqual([false, null, null, message]);
    await expect(getAudienceFilters(db, rows[0].id)).rejects.toThrow(message);
    await deleteAudience(db, rows[0].id);
    await deleteAudience(db, kept.id);
  });

  test.skipIf(!backend.available)('an audience is refused in words on a run that does not exist or has no results', async () => {
    const good = await seedRun(db, [customer('1', 'France', 10)]);
    const { datasetId } = await datasetOf(good);
    const failed = await seedRunOn(datasetId, [], new Date('2024-06-01T00:00:00Z'), 'failed');
    const filters = parseDashboardFilters({});
    await expect(createAudience(db, { name: 'On failed', filters, runId: failed })).rejects.toThrow(
      new AudienceRunError(`Run #${failed} has no results (it is failed); save the audience on finished results.`),
    );
    await expect(createAudience(db, { name: 'On nothing', filters, runId: 999_999 })).rejects.toThrow(
      new AudienceRunError('There is no run #999999; it may have been deleted. Reload the page and save again.'),
    );
    expect(await db.prisma.audience.count({ where: { name: { in: ['On failed', 'On nothing'] } } })).toBe(0);
  });

  test.skipIf(!backend.available)('an old audience of unknown dataset, or a dataset without results, is refused rather than counted on another dataset; the user chooses its dataset', async () => {
    const results = await seedRun(db, [customer('1', 'France', 10), customer('2', 'Spain', 20)], new Date('2030-01-01T00:00:00Z'));
    const { datasetId } = await datasetOf(results);
    await db.prisma.dataset.update({ where: { id: datasetId }, data: { name: 'Chosen shop' } });
    const empty = await seedRun(db, [], new Date('2030-01-02T00:00:00Z'));
    const emptyDataset = (await datasetOf(empty)).datasetId;
    await db.prisma.run.update({ where: { id: empty }, data: { status: 'failed' } });

    const { rows } = await db.sql.query<{ id: number }>(
      `INSERT INTO audience (name, filter, attribution) VALUES ('Old French', '{"country":"France"}', 'unknown') RETURNING id`,
    );
    const old = rows[0].id;
    const noResults = (
      await db.sql.query<{ id: number }>(`INSERT INTO audience (name, filter, dataset_id) VALUES ('Waiting', '{}', $1) RETURNING id`, [emptyDataset])
    ).rows[0].id;

    expect(await count('Old French')).toEqual([null, false, null, null, '“Old French” was saved before audiences remembered their dataset; choose its dataset on the Audiences page.']);
    expect(await count('Waiting')).toEqual(['d', false, null, null, '“Waiting” belongs to “d”, which has no finished analysis yet.']);
    await expect(getAudienceFilters(db, old)).rejects.toThrow(new AudienceUnavailableError(old, 'dataset-unknown', '“Old French” was saved before audiences remembered their dataset; choose its dataset on the Audiences page.'));
    await expect(getAudienceFilters(db, noResults)).rejects.toSatisfy((e) => e instanceof AudienceUnavailableError && e.reason === 'no-results');

    const choices = await listAudienceDatasetChoices(db);
    expect(choices.map((d) => d.id)).toContain(datasetId);
    expect(choices.map((d) => d.id)).not.toContain(emptyDataset);
    await expect(chooseAudienceDataset(db, { id: old, datasetId: emptyDataset })).rejects.toThrow(
      new AudienceDatasetChoiceError('“d” has no finished analysis yet; choose a dataset with results.'),
    );
    expect(await chooseAudienceDataset(db, { id: old, datasetId })).toEqual({ name: 'Old French', datasetName: 'Chosen shop' });
    expect(await count('Old French')).toEqual(['Chosen shop', false, results, 1, null]);
    expect((await listAudiencesWithCounts(db)).find((a) => a.id === old)?.attribution).toBe('chosen');
    expect(await getAudienceFilters(db, old)).toEqual({ ...parseDashboardFilters({ country: 'France' }), run: results });
    await expect(chooseAudienceDataset(db, { id: old, datasetId })).rejects.toThrow(new AudienceDatasetChoiceError('“Old French” already belongs to a dataset.'));
    await expect(chooseAudienceDataset(db, { id: 999_999, datasetId })).rejects.toThrow(AudienceDatasetChoiceError);
  });
});
