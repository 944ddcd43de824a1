import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from './database';
import { migrateUpTo } from './testing/migrate-up-to';
import { TEST_BACKENDS } from './testing/test-databases';

const MIGRATION = 'purchase_value_and_refunds';

describe.each(TEST_BACKENDS)('the purchase-value migration on $name', (backend) => {
  let db: Database;
  beforeAll(async () => {
    if (backend.available) db = await backend.open({ migrate: false });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  test.skipIf(!backend.available)('lines and results stored before it are valued as they were: quantity x price, returns as kind 1, gross = monetary', async () => {
    const { applyRest } = await migrateUpTo(db.sql, MIGRATION);
    await db.sql.exec(`
      INSERT INTO dataset (id, name, source_file_name, checksum, byte_size, rows_read, rows_kept, customer_count, cleaning_report, ingest_report)
        VALUES (1, 'old', 'old.csv', 'x', 1, 2, 1, 1, '{}', '{}');
      INSERT INTO transaction_line (dataset_id, line, invoice, stock_code, description, quantity, unit_price, invoice_date, customer_id, country, is_return)
        VALUES (1, 0, '536365', 'A', 'MUG', 6, 2.55, '2011-01-01 10:00', '17850', 'United Kingdom', false),
               (1, 1, 'C536366', 'A', 'MUG', -2, 2.55, '2011-01-02 10:00', '17850', 'United Kingdom', true);
      INSERT INTO run (id, dataset_id, parameters, status) VALUES (1, 1, '{}', 'succeeded');
      INSERT INTO customer_result (run_id, customer_id, country, home_market, recency, frequency, monetary, average_order_value, tenure,
          distinct_products, return_rate, product_mix, r_score, f_score, m_score, rfm_code, segment, churn_status, first_purchase, last_purchase, sample_key)
        VALUES (1, '17850', 'United Kingdom', true, 1, 1, 15.3, 15.3, 1, 1, 0, '{}', 1, 1, 1, '111', 'Lost', 'Active', '2011-01-01', '2011-01-01', 7);
    `);
    expect(await applyRest()).toBe(true);
    const { rows } = await db.sql.query<{ line: number; amount: number; kind: number; order_refund: number; order_total: number | null; reference: string | null }>(
      'SELECT line, amount, kind::int AS kind, order_refund, order_total, reference FROM transaction_line ORDER BY line',
    );
    expect(rows).toEqual([
      { line: 0, amount: 6 * 2.55, kind: 0, order_refund: 0, order_total: null, reference: null },
      { line: 1, amount: -2 * 2.55, kind: 1, order_refund: 0, order_total: null, reference: null },
    ]);
    expect((await db.sql.query('SELECT currency, value_basis FROM dataset')).rows).toEqual([{ currency: null, value_basis: 'net' }]);
    expect((await db.sql.query('SELECT gross_spend, refunds FROM customer_result')).rows).toEqual([{ gross_spend: 15.3, refunds: 0 }]);
  });
});
