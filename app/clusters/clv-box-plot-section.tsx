import { formatInteger, formatMoney } from '@/lib/format/format-number';
import type { DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { moneyLabel } from '@/lib/format/money-label';
import { getClvBoxPlots } from '@/lib/server/dashboard/clusters/get-clv-box-plots';
import { getRunMoney } from '@/lib/server/dashboard/get-run-money';
import { EmptyState, Section } from '@/components/ui/section';
import { ClvBoxPlot } from './clv-box-plot';

export async function ClvBoxPlotSection({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const [plots, money] = await Promise.all([getClvBoxPlots(runId, filters), getRunMoney(runId)]);
  return (
    <Section
      title="CLV by segment"
      description="Box: quartiles, line: median, red dot: mean; whiskers reach the furthest CLV within 1.5 box lengths, customers beyond them are counted as outliers. The axis opens on a log scale when the largest upper whisker is over 20 times the smallest."
    >
      {plots.customers === 0 ? (
        <EmptyState />
      ) : plots.boxes.length === 0 ? (
        <EmptyState>None of these customers has a CLV: the lifetime-value model did not run.</EmptyState>
      ) : (
        <>
          <ClvBoxPlot boxes={plots.boxes} axisLabel={moneyLabel('CLV', money, { currency: false })} currency={money.currency} />
          {plots.withoutClv > 0 ? <p className="mt-2 text-sm text-slate-500">{formatInteger(plots.withoutClv)} filtered customers have no CLV and are left out.</p> : null}
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer text-indigo-700">Show as table</summary>
            <div className="overflow-x-auto">
              <table className="mt-2 w-full min-w-[40rem] text-right tabular-nums">
                <caption className="sr-only">{moneyLabel('CLV', money, { currency: false })} quartiles per segment</caption>
                <thead className="text-xs uppercase text-slate-500">
                  <tr>
                    <th scope="col" className="py-1 text-left">Segment</th>
                    <th scope="col">Customers</th>
                    <th scope="col">Lower quartile</th>
                    <th scope="col">Median</th>
                    <th scope="col">Upper quartile</th>
                    <th scope="col">Mean</th>
                    <th scope="col">Max</th>
                    <th scope="col">Outliers</th>
                  </tr>
                </thead>
                <tbody>
                  {plots.boxes.map((b) => (
                    <tr key={b.segment} className="border-t border-slate-100">
                      <th scope="row" className="py-1 text-left font-medium">{b.segment}</th>
                      <td>{formatInteger(b.customers)}</td>
                      <td>{formatMoney(b.q1, money.currency)}</td>
                      <td>{formatMoney(b.median, money.currency)}</td>
                      <td>{formatMoney(b.q3, money.currency)}</td>
                      <td>{formatMoney(b.mean, money.currency)}</td>
                      <td>{formatMoney(b.max, money.currency)}</td>
                      <td>{formatInteger(b.outliers)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </Section>
  );
}
