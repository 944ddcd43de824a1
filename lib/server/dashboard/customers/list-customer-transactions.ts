import 'server-only';
import { getDatabase } from '../../db/database';
import type { SqlClient } from '../../db/sql-client';
import { getDatasetLinesState, type DatasetLinesState } from '../../runs/dataset-lines-state';
import { runFact } from '../run-fact';

export const CUSTOMER_TRANSACTION_LIMIT = 100;

export interface CustomerTransactionDto {
  invoice: string;
  /** ISO date-time (UTC, no zone). */
  date: string;
  stockCode: string;
  description: string;
  /** Null where the file has no quantity or unit price (order logs). */
  quantity: number | null;
  unitPrice: number | null;
  /** The line's value: its amount, else its order's stated total, else quantity x unit price. */
  amount: number | null;
  isReturn: boolean;
}

export interface CustomerTransactionsDto {
  /** The newest `CUSTOMER_TRANSACTION_LIMIT` lines, newest first. */
  transactions: CustomerTransactionDto[];
  /** All of the customer's lines in the run's dataset. */
  transactionCount: number;
  /** True when no line of the dataset has a time of day (the file wrote dates only): show dates without "00:00". */
  datesOnly: boolean;
  /** 'saving' while the dataset's lines are still being written after its first run, 'failed' when they could not be: no lines are listed then. */
  linesState: DatasetLinesState;
}

// A dataset's lines never change once stored, so whether they carry times of day is asked once per dataset (of each database).
const datesOnlyByDataset = new WeakMap<SqlClient, Map<number, boolean>>();

async function hasDatesOnly(sql: SqlClient, datasetId: number): Promise<boolean> {
  const cache = datesOnlyByDataset.get(sql) ?? new Map<number, boolean>();
  datesOnlyByDataset.set(sql, cache);
  const known = cache.get(datasetId);
  if (known !== undefined) return known;
  const { rows } = await sql.query<{ dates_only: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM transaction_line WHERE dataset_id = $1 AND invoice_date <> date_trunc('day', invoice_date)) AS dates_only`,
    [datasetId],
  );
  cache.set(datasetId, rows[0].dates_only);
  return rows[0].dates_only;
}

// The dataset a run analysed never changes; null for a run that does not exist.
const runDataset = runFact('run-dataset', async (runId) => {
  const db = await getDatabase();
  return db.prisma.run.findUnique({ where: { id: runId }, select: { datasetId: true } });
});

/** A customer's transaction lines in the dataset a run analysed, newest first. */
export async function listCustomerTransactions(runId: number, customerId: string): Promise<CustomerTransactionsDto> {
  const db = await getDatabase();
  const run = await runDataset(runId);
  if (!run) return { transactions: [], transactionCount: 0, datesOnly: false, linesState: 'saved' };
  const linesState = await getDatasetLinesState(db, run.datasetId);
  if (linesState !== 'saved') return { transactions: [], transactionCount: 0, datesOnly: false, linesState };
  // The (dataset_id, customer_id) index serves both the count and the newest lines.
  const [{ rows: countRows }, { rows: lines }, datesOnly] = await Promise.all([
    db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM transaction_line WHERE dataset_id = $1 AND customer_id = $2`, [run.datasetId, customerId]),
    db.sql.query<{ invoice: string; date: string; stock_code: string; description: string; quantity: number | null; unit_price: number | null; amount: number | null; is_return: boolean }>(
      `SELECT invoice, to_char(invoice_date, 'YYYY-MM-DD"T"HH24:MI:SS') AS date, stock_code, description, quantity::float8 AS quantity,
              unit_price::float8 AS unit_price, coalesce(amount, order_total, quantity * unit_price)::float8 AS amount, is_return
         FROM transaction_line WHERE dataset_id = $1 AND customer_id = $2
        ORDER BY invoice_date DESC, line DESC LIMIT $3`,
      [run.datasetId, customerId, CUSTOMER_TRANSACTION_LIMIT],
    ),
    hasDatesOnly(db.sql, run.datasetId),
  ]);
  return {
    transactions: lines.map((line) => ({
      invoice: line.invoice,
      date: line.date,
      stockCode: line.stock_code,
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unit_price,
      amount: line.amount,
      isReturn: line.is_return,
    })),
    transactionCount: countRows[0].n,
    datesOnly,
    linesState,
  };
}
