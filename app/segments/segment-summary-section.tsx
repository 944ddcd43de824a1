import { formatCount, formatDecimal, formatInteger, formatMoney, formatPAlive, formatPAliveThreshold, formatPercent } from '@/lib/format/format-number';
import { ScrollTable } from '@/components/ui/scroll-table';
import { Term } from '@/components/ui/term';
import { valueBasisWords } from '@/lib/format/money-label';
import type { DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { DAYS_SILENT_RULE } from '@/lib/server/dashboard/customers/describe-churn-status';
import { getRunMoney } from '@/lib/server/dashboard/get-run-money';
import { getLifetimeValueNotes, type LifetimeValueNotesDto } from '@/lib/server/dashboard/lifetime-value/get-lifetime-value-notes';
import { getRfmUnevenNotes } from '@/lib/server/dashboard/segments/get-rfm-uneven-notes';
import { getSegmentSummary } from '@/lib/server/dashboard/segments/get-segment-summary';
import { MoneyHeading } from '@/components/ui/money-heading';
import { EmptyState, Section } from '@/components/ui/section';
import { ClvCaveatNote } from '@/components/ui/clv-caveat-note';

const TITLE = 'Segment summary';

/** What decided the churn shares of the table: P(alive) where the model can tell, days silent elsewhere. */
function churnBasisNote(basis: LifetimeValueNotesDto['churnBasis']): string {
  if (!basis || basis.pAlive === 0) return `Churn status is by days silent: it ${DAYS_SILENT_RULE}.`;
  const model = `P(alive) decided it for ${formatInteger(basis.pAlive)} of the run's customers (at risk below ${formatPAliveThreshold(basis.atRiskBelow)}, churned below ${formatPAliveThreshold(basis.churnedBelow)})`;
  if (basis.rules === 0) return `Churn status: ${model}.`;
  return `Churn status: ${model}; for the other ${formatInteger(basis.rules)}, where the model cannot tell, it is by days silent: it ${DAYS_SILENT_RULE}.`;
}

export async function SegmentSummarySection({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const [summary, money, notes, uneven] = await Promise.all([getSegmentSummary(runId, filters), getRunMoney(runId), getLifetimeValueNotes(runId), getRfmUnevenNotes(runId)]);
  const basis = valueBasisWords(money.valueBasis);
  return (
    <Section
      title={TITLE}
      description={`${formatCount(summary.customers, 'customer')}, revenue ${formatMoney(summary.revenue, money.currency)}${basis ? ` (${basis})` : ''}; shares are of the filtered customers and revenue.`}
    >
      {summary.rows.length === 0 ? (
        <EmptyState />
      ) : (
        <ScrollTable label="Segments table, scrolls sideways">
          <table className="w-full min-w-[44rem] text-left text-sm lg:min-w-[60rem]">
            <caption className="sr-only">RFM segments of the filtered customers with their size, revenue, averages and recommended action</caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr className="align-bottom">
                <th scope="col" className="py-2 pr-3">Segment</th>
                <th scope="col" className="pr-3 text-right">Customers</th>
                <th scope="col" className="pr-3 text-right"><MoneyHeading label="Revenue" money={money} currency={false} /></th>
                <th scope="col" className="hidden lg:table-cell pr-3 text-right"><MoneyHeading label="Revenue share" money={money} currency={false} /></th>
                <th scope="col" className="hidden lg:table-cell pr-3 text-right">Avg recency (days)</th>
                <th scope="col" className="pr-3 text-right">Avg orders</th>
                <th scope="col" className="hidden lg:table-cell pr-3 text-right"><MoneyHeading label="Avg monetary" money={money} currency={false} /></th>
                <th scope="col" className="pr-3 text-right"><MoneyHeading label="Avg CLV" money={money} currency={false} /></th>
                <th scope="col" className="pr-3 text-right">Avg <Term term="P(alive)">P(alive)</Term></th>
                <th scope="col" className="hidden lg:table-cell pr-3 text-right" title="Shares of the segment's customers whose churn status is At Risk and Churned; see the note below the table">
                  At risk · churned
                </th>
                <th scope="col" className="w-1/4 min-w-[12rem]">Recommended action</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {summary.rows.map((row) => (
                <tr key={row.segment} className="border-t border-slate-100 align-top">
                  <th scope="row" className="py-2 pr-3 font-medium" title={row.description ?? undefined}>
                    {row.segment}
                  </th>
                  <td className="pr-3 text-right">
                    {formatInteger(row.customers)}
                    <span className="block text-xs text-slate-500">{formatPercent(row.customerShare)}</span>
                  </td>
                  <td className="pr-3 text-right">{formatMoney(row.revenue, money.currency)}</td>
                  <td className="hidden pr-3 text-right lg:table-cell">
                    {formatPercent(row.revenueShare)}
                    <span aria-hidden="true" className="mt-1 block h-1.5 rounded bg-slate-100">
                      <span className="block h-1.5 rounded bg-indigo-500" style={{ width: `${Math.round((row.revenueShare ?? 0) * 100)}%` }} />
                    </span>
                  </td>
                  <td className="hidden pr-3 text-right lg:table-cell">{formatDecimal(row.averageRecency)}</td>
                  <td className="pr-3 text-right">{formatDecimal(row.averageFrequency)}</td>
                  <td className="hidden pr-3 text-right lg:table-cell">{formatMoney(row.averageMonetary, money.currency)}</td>
                  <td className="pr-3 text-right">{formatMoney(row.averageClv, money.currency)}</td>
                  <td className="pr-3 text-right">{formatPAlive(row.averagePAlive)}</td>
                  <td className="hidden whitespace-nowrap pr-3 text-right lg:table-cell">
                    {formatPercent(row.atRiskShare)} · {formatPercent(row.churnedShare)}
                  </td>
                  <td className="py-2 text-slate-700">{row.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {summary.rows.length > 0 ? (
        <div className="mt-3 space-y-2 text-xs text-slate-600">
          <p role="note" aria-label="Churn basis">
            {churnBasisNote(notes.churnBasis)}
          </p>
          {notes.pAliveNote ? <p role="note">Avg P(alive) counts only the customers it is shown for. {notes.pAliveNote}</p> : null}
          <ClvCaveatNote caveat={notes.caveat} />
          {uneven.length > 0 ? (
            <div role="note" aria-label="Uneven scores">
              <p className="font-medium text-slate-700">Uneven scores because of ties</p>
              <ul className="list-disc pl-5">
                {uneven.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </Section>
  );
}
