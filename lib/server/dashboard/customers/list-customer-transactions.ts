import 'server-only';
import { getDatabase } from '../../db/database';

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
}

/** A customer's transaction lines in the dataset a run analysed, newest first. */
export async function listCustomerTransactions(runId: number, customerId: string): Promise<CustomerTransactionsDto> {
  const db = await getDatabase();
  const run = await db.prisma.run.findUnique({ where: { id: runId }, select: { datasetId: true } });
  if (!run) return { transactions: [], transactionCount: 0 };
  // The (dataset_id, customer_id) index serves both the count and the newest lines.
  const [{ rows: countRows }, { rows: lines }] = await Promise.all([
    db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM transaction_line WHERE dataset_id = $1 AND customer_id = $2`, [run.datasetId, customerId]),
    db.sql.query<{ invoice: string; date: string; stock_code: string; description: string; quantity: number | null; unit_price: number | null; amount: number | null; is_return: boolean }>(
      `SELECT invoice, to_char(invoice_date, 'YYYY-MM-DD"T"HH24:MI:SS') AS date, stock_code, description, quantity::float8 AS quantity,
              unit_price::float8 AS unit_price, coalesce(amount, order_total, quantity * unit_price)::float8 AS amount, is_return
         FROM transaction_line WHERE dataset_id = $1 AND customer_id = $2
        ORDER BY invoice_date DESC, line DESC LIMIT $3`,
      [run.datasetId, customerId, CUSTOMER_TRANSACTION_LIMIT],
    ),
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
  };
}
