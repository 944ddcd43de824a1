import { formatDecimal, formatInteger, formatMoney, formatMoneyIn, formatPercent, formatRatio } from '@/lib/format/format-number';
import { valueBasisWords } from '@/lib/format/money-label';
import type { DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { getRunMoney } from '@/lib/server/dashboard/get-run-money';
import { getSegmentSummary } from '@/lib/server/dashboard/segments/get-segment-summary';
import { MoneyHeading } from '@/components/ui/money-heading';
import { EmptyState, Section } from '@/components/ui/section';

const TITLE = 'Segment summary';

export async function SegmentSummarySection({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const [summary, money] = await Promise.all([getSegmentSummary(runId, filters), getRunMoney(runId)]);
  const basis = valueBasisWords(money.valueBasis);
  return (
    <Section
      title={TITLE}
      description={`${formatInteger(summary.customers)} customers, revenue ${formatMoneyIn(summary.revenue, money.currency)}${basis ? ` (${basis})` : ''}; shares are of the filtered customers and revenue.`}
    >
      {summary.rows.length === 0 ? (
        <EmptyState />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[60rem] text-left text-sm">
            <caption className="sr-only">RFM segments of the filtered customers with their size, revenue, averages and recommended action</caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr className="align-bottom">
                <th scope="col" className="py-2 pr-3">Segment</th>
                <th scope="col" className="pr-3 text-right">Customers</th>
                <th scope="col" className="pr-3 text-right"><MoneyHeading label="Revenue" money={money} /></th>
                <th scope="col" className="pr-3 text-right"><MoneyHeading label="Revenue share" money={money} currency={false} /></th>
                <th scope="col" className="pr-3 text-right">Avg recency (days)</th>
                <th scope="col" className="pr-3 text-right">Avg orders</th>
                <th scope="col" className="pr-3 text-right"><MoneyHeading label="Avg monetary" money={money} /></th>
                <th scope="col" className="pr-3 text-right"><MoneyHeading label="Avg CLV" money={money} /></th>
                <th scope="col" className="pr-3 text-right">Avg P(alive)</th>
                <th scope="col" className="w-1/4">Recommended action</th>
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
                  <td className="pr-3 text-right">{formatMoney(row.revenue)}</td>
                  <td className="pr-3 text-right">
                    {formatPercent(row.revenueShare)}
                    <span aria-hidden="true" className="mt-1 block h-1.5 rounded bg-slate-100">
                      <span className="block h-1.5 rounded bg-indigo-500" style={{ width: `${Math.round((row.revenueShare ?? 0) * 100)}%` }} />
                    </span>
                  </td>
                  <td className="pr-3 text-right">{formatDecimal(row.averageRecency)}</td>
                  <td className="pr-3 text-right">{formatDecimal(row.averageFrequency)}</td>
                  <td className="pr-3 text-right">{formatMoney(row.averageMonetary)}</td>
                  <td className="pr-3 text-right">{formatMoney(row.averageClv)}</td>
                  <td className="pr-3 text-right">{formatRatio(row.averagePAlive)}</td>
                  <td className="py-2 text-slate-700">{row.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
