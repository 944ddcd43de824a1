import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { byteSource, SHARED_DATA } from '../testing/byte-source';
import { previewTransactions } from './preview-transactions';

/** A one-line-per-order log whose date column holds `dates`, one order per date (customer C1, 10.00 each). */
const orders = (dates: string[]) => ['order_id,customer_id,order_date,order_value', ...dates.map((d, i) => `O${i + 1},C1,${d},10.00`)].join('\n');

async function ready(data: string) {
  const preview = await previewTransactions(byteSource(data, 64), { currency: 'GBP' });
  if (preview.status !== 'ready') throw new Error(`preview ${preview.status}`);
  return preview;
}

describe('previewTransactions: whether the file has times of day', () => {
  test('a date-only file has none: its lines are at midnight', async () => {
    const preview = await ready(orders(['2024-01-01', '2024-01-02', '2024-02-15']));
    expect(preview.datesHaveTime).toBe(false);
    expect(preview.lines.map((l) => l.date)).toEqual(['2024-01-01 00:00:00', '2024-01-02 00:00:00', '2024-02-15 00:00:00']);
  });

  test('one line with a time of day is enough, even past the first lines shown', async () => {
    const dates = Array.from({ length: 25 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')} 00:00`);
    dates[24] = '2024-01-25 14:30';
    const preview = await ready(orders(dates));
    expect(preview.lines).toHaveLength(20);
    expect(preview.lines.every((l) => l.date?.endsWith(' 00:00:00'))).toBe(true);
    expect(preview.datesHaveTime).toBe(true);
  });

  test('times at midnight only are no time of day', async () => {
    const preview = await ready(orders(['2024-01-01 00:00', '2024-01-02 00:00']));
    expect(preview.datesHaveTime).toBe(false);
  });

  const dateOnlyExport = `${SHARED_DATA}realworld/customer_orders.csv`;
  test.skipIf(!existsSync(dateOnlyExport))('the realworld customer_orders.csv (order dates only) has none; transactions_gbp.tsv has', async () => {
    expect((await ready(readFileSync(dateOnlyExport, 'utf8'))).datesHaveTime).toBe(false);
    const timed = await previewTransactions(byteSource(readFileSync(`${SHARED_DATA}realworld/transactions_gbp.tsv`, 'utf8'), 4096), { timeZone: 'Europe/London' });
    expect(timed).toMatchObject({ status: 'ready', datesHaveTime: true });
  });
});
