import Link from 'next/link';
import { formatInteger, formatMoney } from '@/lib/format/format-number';
import { NEW_CUSTOMERS, NOT_IN_LATER, type SegmentMigrationResult } from '@/lib/engines/rfm/segment-migration';
import { filtersToSearchParams } from '@/lib/schemas/dashboard-filters-schema';
import { ScrollTable } from '@/components/ui/scroll-table';

/** The customers table filtered to one cell: in `to` now, and `from` (or not a customer) at the earlier snapshot. */
export function movedCustomersQuery(matrix: Pick<SegmentMigrationResult, 'dimension'>, laterRunId: number, earlierRunId: number, from: string, to: string): URLSearchParams {
  const moved = { runId: earlierRunId, label: from === NEW_CUSTOMERS ? '' : from };
  return filtersToSearchParams(
    matrix.dimension === 'segment' ? { run: laterRunId, segment: [to], movedFrom: moved } : { run: laterRunId, churn: [to], churnFrom: moved },
  );
}

/**
 * Rows: the label at the earlier snapshot; columns: the label at the later one. Each cell links to
 * the customers table filtered to the customers who made that move.
 */
export function MigrationMatrix({
  matrix,
  caption,
  laterRunId,
  earlierRunId,
  currency,
}: {
  matrix: SegmentMigrationResult;
  caption: string;
  laterRunId: number;
  earlierRunId: number;
  currency: string | null;
}) {
  const cell = new Map(matrix.cells.map((c) => [JSON.stringify([c.from, c.to]), c]));
  const rowTotal = (from: string) => matrix.cells.filter((c) => c.from === from).reduce((sum, c) => sum + c.customers, 0);
  return (
    <ScrollTable label={`${caption}, scrolls sideways`}>
      <table className="w-full min-w-[40rem] text-right text-sm tabular-nums">
        <caption className="sr-only">{caption}: customers, and their spend up to the later snapshot, by where they were (rows) and where they are (columns)</caption>
        <thead className="text-xs text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-2 text-left font-medium">
              was ↓ / is now →
            </th>
            {matrix.to.map((to) => (
              <th key={to} scope="col" className={`px-2 py-1 font-medium ${to === NOT_IN_LATER ? 'italic' : ''}`}>
                {to}
              </th>
            ))}
            <th scope="col" className="px-2 py-1 font-medium">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {matrix.from.map((from) => (
            <tr key={from} className="border-t border-slate-100">
              <th scope="row" className={`py-1 pr-2 text-left font-normal ${from === NEW_CUSTOMERS ? 'italic' : ''}`}>
                {from}
              </th>
              {matrix.to.map((to) => {
                const c = cell.get(JSON.stringify([from, to]));
                const stayed = from === to;
                if (!c) return <td key={to} className={`px-2 py-1 text-slate-300 ${stayed ? 'bg-slate-50' : ''}`}>·</td>;
                const n = formatInteger(c.customers);
                const words = from === NEW_CUSTOMERS ? `${n} new customers now ${to}` : stayed ? `${n} customers stayed ${to}` : `${n} customers from ${from} to ${to}`;
                return (
                  <td key={to} className={`px-2 py-1 ${stayed ? 'bg-slate-50' : ''}`}>
                    {to === NOT_IN_LATER ? (
                      <span title="Not in the later snapshot, so not in its customers table">{formatInteger(c.customers)}</span>
                    ) : (
                      <Link
                        href={`/customers?${movedCustomersQuery(matrix, laterRunId, earlierRunId, from, to)}`}
                        aria-label={words}
                        className="font-medium text-indigo-700 underline decoration-indigo-200 hover:decoration-indigo-700"
                      >
                        {formatInteger(c.customers)}
                      </Link>
                    )}
                    <span className="block text-xs text-slate-500">{formatMoney(c.revenue, currency)}</span>
                  </td>
                );
              })}
              <td className="px-2 py-1 font-medium">{formatInteger(rowTotal(from))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
