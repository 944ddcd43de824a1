import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../db/database';
import { migrateUpTo } from '../db/testing/migrate-up-to';
import { TEST_BACKENDS } from '../db/testing/test-databases';
import { getAudienceFilters, listAudiencesWithCounts } from './audience-service';

const MIGRATION = 'audience_dataset_and_run';

describe.each(TEST_BACKENDS)('the audience-dataset migration on $name', (backend) => {
  let db: Database;
  beforeAll(async () => {
    if (backend.available) db = await backend.open({ migrate: false });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  test.skipIf(!backend.available)('old audiences go to the only dataset that had results when they were saved; the others are marked unknown', async () => {
    const { applyRest } = await migrateUpTo(db.sql, MIGRATION);
    // Demo (1) has results from 1 January; Shop (2) failed on 5 January and has results from 1 February;
    // Demo was re-analysed on 1 March. Dataset 3 was uploaded but never analysed.
    await db.sql.exec(`
      INSERT INTO dataset (id, name, source_file_name, checksum, byte_size, rows_read, rows_kept, customer_count, cleaning_report, ingest_report, created_at)
        VALUES (1, 'Demo', 'demo.csv', 'a', 1, 1, 1, 2, '{}', '{}', '2026-01-01 00:00'),
               (2, 'Shop', 'shop.csv', 'b', 1, 1, 1, 1, '{}', '{}', '2026-01-04 00:00'),
               (3, 'Never analysed', 'x.csv', 'c', 1, 1, 1, 0, '{}', '{}', '2026-01-04 00:00');
      INSERT INTO run (id, dataset_id, parameters, status, created_at, finished_at)
        VALUES (1, 1, '{}', 'succeeded', '2026-01-01 00:00', '2026-01-01 00:10'),
               (2, 2, '{}', 'failed', '2026-01-05 00:00', '2026-01-05 00:10'),
               (3, 2, '{}', 'succeeded', '2026-02-01 00:00', '2026-02-01 00:10'),
               (4, 1, '{}', 'succeeded', '2026-03-01 00:00', '2026-03-01 00:10');
      INSERT INTO customer_result (run_id, customer_id, country, home_market, recency, frequency, monetary, average_order_value, tenure,
          distinct_products, return_rate, product_mix, r_score, f_score, m_score, rfm_code, segment, churn_status, first_purchase, last_purchase, sample_key)
        SELECT run_id, customer_id, country, false, 1, 1, 1, 1, 1, 1, 0, '{}', 1, 1, 1, '111', 'Lost', 'Active', '2025-01-01', '2025-01-01', 0
        FROM (VALUES (1, '1', 'France'), (1, '2', 'EIRE'), (3, '9', 'France'), (3, '8', 'France'), (3, '7', 'Spain'),
                     (4, '1', 'France'), (4, '2', 'France'), (4, '3', 'France')) AS c (run_id, customer_id, country);
      INSERT INTO audience (id, name, filter, created_at)
        VALUES (1, 'Before any results', '{"country":"France"}', '2025-12-31 00:00'),
               (2, 'Demo only', '{"country":"France"}', '2026-01-02 00:00'),
               (3, 'Shop failed, Demo only', '{"country":"France"}', '2026-01-06 00:00'),
               (4, 'Both had results', '{"country":"France"}', '2026-02-02 00:00'),
               (5, 'At the second', '{}', '2026-01-01 00:10');
      INSERT INTO export_log (actor, filter, audience_id, run_id, row_count) VALUES ('local user', '{}', 4, 3, 2);
    `);
    expect(await applyRest()).toBe(true);

    const { rows } = await db.sql.query('SELECT id, dataset_id, run_id, attribution::text FROM audience ORDER BY id');
    expect(rows).toEqual([
      { id: 1, dataset_id: null, run_id: null, attribution: 'unknown' },
      { id: 2, dataset_id: 1, run_id: null, attribution: 'migrated' },
      { id: 3, dataset_id: 1, run_id: null, attribution: 'migrated' },
      // Demo and Shop both had results: the user could have been viewing either.
      { id: 4, dataset_id: null, run_id: null, attribution: 'unknown' },
      { id: 5, dataset_id: 1, run_id: null, attribution: 'migrated' },
    ]);

    // Migrated audiences follow their dataset's latest results (run 4, 3 French customers), not
    // the latest run of any dataset; unknown ones give no count until the user chooses.
    const listed = await listAudiencesWithCounts(db);
    expect(listed.map((a) => [a.name, a.attribution, a.dataset?.name ?? null, a.runId, a.customers])).toEqual([
      ['At the second', 'migrated', 'Demo', 4, 3],
      ['Both had results', 'unknown', null, null, null],
      ['Shop failed, Demo only', 'migrated', 'Demo', 4, 3],
      ['Demo only', 'migrated', 'Demo', 4, 3],
      ['Before any results', 'unknown', null, null, null],
    ]);
    expect((await getAudienceFilters(db, 2))?.run).toBe(4);
    await expect(getAudienceFilters(db, 4)).rejects.toThrow('choose its dataset');
    expect((await db.sql.query('SELECT audience_id, run_id, row_count FROM export_log')).rows).toEqual([{ audience_id: 4, run_id: 3, row_count: 2 }]);
  });
});
