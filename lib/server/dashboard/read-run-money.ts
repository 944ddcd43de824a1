import { isoCurrency } from '../../format/format-number';
import type { SqlClient } from '../db/sql-client';

export interface RunMoneyDto {
  /** ISO 4217 code of the run's money figures; null when not set (runs stored before read a shared symbol such as "$" as not set). */
  currency: string | null;
  /** How the run counted money; null for runs analysed before refunds were netted (gross). */
  valueBasis: 'net' | 'gross' | null;
}

/** How a run's money is counted and in which currency, read through `sql` now (getRunMoney keeps it per data change); both null for a run that does not exist. */
export async function readRunMoney(sql: SqlClient, runId: number): Promise<RunMoneyDto> {
  const { rows } = await sql.query<{ value_basis: string | null; currency: string | null }>(
    `SELECT r.metrics ->> 'valueBasis' AS value_basis, coalesce(r.metrics ->> 'currency', d.currency) AS currency
       FROM run r JOIN dataset d ON d.id = r.dataset_id WHERE r.id = $1`,
    [runId],
  );
  const row = rows[0];
  const basis = row?.value_basis;
  return { currency: isoCurrency(row?.currency), valueBasis: basis === 'net' || basis === 'gross' ? basis : null };
}

/** The currency (readRunMoney) of each of `runIds`, each run read once. */
export async function readRunCurrencies(sql: SqlClient, runIds: Iterable<number>): Promise<Map<number, string | null>> {
  const distinct = [...new Set(runIds)];
  const money = await Promise.all(distinct.map((runId) => readRunMoney(sql, runId)));
  return new Map(distinct.map((runId, i) => [runId, money[i]!.currency]));
}
