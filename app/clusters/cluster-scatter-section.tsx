import { formatInteger } from '@/lib/format/format-number';
import type { DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { getClusterScatter } from '@/lib/server/dashboard/clusters/get-cluster-scatter';
import { EmptyState, Section } from '@/components/ui/section';
import { ClusterScatterCharts } from './cluster-scatter-charts';

export async function ClusterScatterSection({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const scatter = await getClusterScatter(runId, filters);
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
          <ClusterScatterCharts points={scatter.points} clusters={scatter.clusters} />
        </>
      )}
    </Section>
  );
}
