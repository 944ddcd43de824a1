import { ScrollTable } from '@/components/ui/scroll-table';
import { Term } from '@/components/ui/term';
import { EmptyState } from '@/components/ui/section';
import { formatInteger, formatMoney, formatPercent } from '@/lib/format/format-number';
import { holdoutPeriod } from '@/lib/format/holdout-period';
import { getRunMoney } from '@/lib/server/dashboard/get-run-money';
import { getValueModelComparison, type ValueMetric, type ValueModelRowDto } from '@/lib/server/dashboard/lifetime-value/get-value-model-comparison';
import { TERMS } from './model-comparison-section';

const COLUMNS: { metric: ValueMetric; heading: string; title: string }[] = [
  { metric: 'r2', heading: 'R²', title: 'R²: the share of the differences in spend between customers that the forecast explains. 1 is perfect, 0 no better than the average for everyone.' },
  { metric: 'mae', heading: 'MAE', title: TERMS.mae },
  { metric: 'rmse', heading: 'RMSE', title: TERMS.rmse },
  { metric: 'bias', heading: 'Bias', title: TERMS.bias },
  { metric: 'top10', heading: 'Top 10 % capture', title: 'Share of the held-back period’s revenue bought by the 10 % of customers the forecast ranks highest.' },
  { metric: 'top20', heading: 'Top 20 % capture', title: 'Share of the held-back period’s revenue bought by the 20 % of customers the forecast ranks highest.' },
];

function cell(row: ValueModelRowDto, metric: ValueMetric, currency: string | null): string {
  const v = row[metric];
  switch (metric) {
    case 'r2':
      return v === null ? '–' : v.toFixed(2);
    case 'mae':
    case 'rmse':
    case 'bias':
      return formatMoney(v, currency);
    case 'top10':
    case 'top20':
      return formatPercent(v);
    default: {
      const never: never = metric;
      return never;
    }
  }
}

/** Random forest and linear regression against the purchase model + Gamma-Gamma and the naive baseline, on the holdout spend per customer. */
export async function ValueModelComparisonSection({ runId }: { runId: number }) {
  const [comparison, money] = await Promise.all([getValueModelComparison(runId), getRunMoney(runId)]);
  if (comparison.status === 'missing') return <EmptyState>{comparison.reason}</EmptyState>;
  if (comparison.status === 'skipped') return <EmptyState>The model comparison was skipped: {comparison.reason}</EmptyState>;
  const captionId = `value-comparison-caption-${runId}`;
  return (
    <div className="space-y-4">
      <p className="text-base text-slate-800" data-testid="value-comparison-verdict">
        {comparison.verdict}
      </p>
      {/* The table's name sits outside the scroller, so on a narrow screen it wraps to the page's width instead of running as wide as the table. */}
      <div>
        <p id={captionId} className="mb-1 text-sm font-medium text-slate-700">
          Spend per customer in {holdoutPeriod(comparison.holdoutDays, 'days')} (after {comparison.calibrationEnd}, {formatInteger(comparison.customers)} customers)
        </p>
        {/* Positioned, so the cells' screen-reader-only words (absolute) stay inside the scroller instead of widening the page. */}
        <ScrollTable label="Spend models table, scrolls sideways" hintBelow="lg">
          <table aria-labelledby={captionId} className="w-full text-sm tabular-nums">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-1">Model</th>
                {COLUMNS.map((c) => (
                  <th key={c.metric} scope="col" className="py-1 pl-3 text-right" title={c.title}>
                    {c.metric === 'mae' || c.metric === 'rmse' ? <Term term={c.heading as 'MAE' | 'RMSE'}>{c.heading}</Term> : c.heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {comparison.models.map((row) => (
                <tr key={row.model} className="border-t border-slate-100">
                  <th scope="row" className="py-1 text-left font-normal">
                    {row.label}
                  </th>
                  {COLUMNS.map((c) => {
                    const best = comparison.best[c.metric].includes(row.model);
                    return (
                      <td key={c.metric} className={`whitespace-nowrap py-1 pl-3 text-right ${best ? 'font-semibold text-emerald-800' : ''}`}>
                        {cell(row, c.metric, money.currency)}
                        {best ? <span className="sr-only"> (best)</span> : null}
                        {best ? <span aria-hidden="true"> ★</span> : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </div>
      <p className="text-xs text-slate-600">
        ★ best in its column (highest R² and capture, lowest MAE and RMSE, bias closest to zero). The regressors never see the held-back period: they learn from an
        earlier window of the same length inside the calibration period (features up to one holdout length before the calibration end, target the spend in the
        following window), then forecast the held-back period from each customer&apos;s features at the calibration end. {comparison.trainingNote} Customers with equal
        forecasts are ranked by customer id. Gradient boosting is left out: no maintained library for Node does it.
      </p>
    </div>
  );
}
