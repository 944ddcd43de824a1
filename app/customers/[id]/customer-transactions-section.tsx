import { ScrollTable } from '@/components/ui/scroll-table';
import type { ReactNode } from 'react';
import { formatInteger, formatMoney } from '@/lib/format/format-number';
import { CUSTOMER_TRANSACTION_LIMIT, listCustomerTransactions } from '@/lib/server/dashboard/customers/list-customer-transactions';
import { getRunMoney } from '@/lib/server/dashboard/get-run-money';

const quantity = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** The section's box and heading, whatever it holds. */
function TransactionsFrame({ children }: { children: ReactNode }) {
  return (
    <section aria-labelledby="transactions" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="transactions" className="mb-1 text-lg font-semibold">
        Transactions
      </h2>
      {children}
    </section>
  );
}

/** The customer's newest transaction lines; streamed in after the rest of the customer page. */
export async function CustomerTransactionsSection({ runId, customerId }: { runId: number; customerId: string }) {
  const [c, { currency }] = await Promise.all([listCustomerTransactions(runId, customerId), getRunMoney(runId)]);
  if (c.linesState !== 'saved') {
    return (
      <TransactionsFrame>
        <p className="text-slate-600">
          {c.linesState === 'saving'
            ? 'The transaction lines of this dataset are still being saved; reload the page in a minute to see them.'
            : 'The transaction lines of this dataset could not be saved; upload the file again to see them.'}
        </p>
      </TransactionsFrame>
    );
  }
  return (
    <TransactionsFrame>
      <p className="mb-2 text-sm text-slate-500">
        {c.transactionCount > c.transactions.length
          ? `The newest ${formatInteger(c.transactions.length)} of ${formatInteger(c.transactionCount)} lines, newest first.`
          : `${formatInteger(c.transactionCount)} line${c.transactionCount === 1 ? '' : 's'}, newest first.`}
      </p>
      {c.transactions.length === 0 ? (
        <p className="text-slate-600">No transaction lines are stored for this customer.</p>
      ) : (
        <ScrollTable label="Transaction lines table, scrolls sideways" hintBelow="lg">
          <table className="w-full text-sm tabular-nums">
            <caption className="sr-only">Transaction lines of customer {customerId}, newest first, at most {CUSTOMER_TRANSACTION_LIMIT}</caption>
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-2">Date</th>
                <th scope="col" className="px-2">Invoice</th>
                <th scope="col" className="px-2 hidden md:table-cell">Stock code</th>
                <th scope="col" className="px-2">Description</th>
                <th scope="col" className="px-2 text-right">Quantity</th>
                <th scope="col" className="px-2 text-right">Unit price</th>
                <th scope="col" className="px-2 text-right">Amount</th>
              </tr>
            </thead>
            <tbody>
              {c.transactions.map((t, i) => (
                <tr key={`${t.invoice}-${i}`} className={`border-t border-slate-100 ${t.isReturn ? 'text-rose-700' : ''}`}>
                  <td className="whitespace-nowrap px-2 py-1">{c.datesOnly ? t.date.slice(0, 10) : t.date.replace('T', ' ').slice(0, 16)}</td>
                  <td className="whitespace-nowrap px-2">
                    {t.invoice}
                    {t.isReturn ? <span className="ml-1 text-xs">(return)</span> : null}
                  </td>
                  <td className="hidden px-2 md:table-cell">{t.stockCode}</td>
                  <td className="px-2">{t.description}</td>
                  <td className="px-2 text-right">{t.quantity === null ? '–' : quantity.format(t.quantity)}</td>
                  <td className="whitespace-nowrap px-2 text-right">{formatMoney(t.unitPrice, currency)}</td>
                  <td className="whitespace-nowrap px-2 text-right">{formatMoney(t.amount, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </TransactionsFrame>
  );
}
