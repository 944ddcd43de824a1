import { formatInteger } from '@/lib/format/format-number';
import type { DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { moneyNote } from '@/lib/format/money-label';
import { getClusterScatter } from '@/lib/server/dashboard/clusters/get-cluster-scatter';
import { getRunMoney } from '@/lib/server/dashboard/get-run-money';
import { EmptyState, Section } from '@/components/ui/section';
import { ClusterScatterCharts } from './cluster-scatter-charts';
import { toScatterColumns } from '@/lib/format/scatter-columns';

export async function ClusterScatterSection({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const [scatter, money] = await Promise.all([getClusterScatter(runId, filters), getRunMoney(runId)]);
  const withoutClv = scatter.points.filter((p) => p.clv === null || p.clv <= 0).length;
  return (
    <Section title="Customers by cluster">
      {scatter.total === 0 ? (
        <EmptyState />
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600" data-testid="scatter-sample">
            {scatter.shown < scatter.total
              ? `${formatInteger(scatter.shown)} of ${formatInteger(scatter.total)} customers shown: a fixed sample (by a hash of the customer id), the same on every visit.`
              : `All ${formatInteger(scatter.total)} customers shown.`}
            {withoutClv > 0 ? ` ${formatInteger(withoutClv)} of them have no positive CLV and are left out of the CLV chart.` : ''}
          </p>
          <ClusterScatterCharts columns={toScatterColumns(scatter.points)} clusters={scatter.clusters} moneyNote={moneyNote(money, { currency: false })} currency={money.currency} />
        </>
      )}
    </Section>
  );
}
