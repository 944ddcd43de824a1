import { formatDecimal, formatInteger, formatMoney, formatPercent } from '@/lib/format/format-number';
import type { DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { CLUSTER_METHOD_LABELS } from '@/lib/server/dashboard/clusters/cluster-column';
import { getClusterProfiles } from '@/lib/server/dashboard/clusters/get-cluster-profiles';
import { getRunMoney } from '@/lib/server/dashboard/get-run-money';
import { MoneyHeading } from '@/components/ui/money-heading';
import { EmptyState, Section } from '@/components/ui/section';
import { ScrollTable } from '@/components/ui/scroll-table';
import { categoryColor } from './cluster-colors';

const CLUSTER_NAMING =
  'Clusters are named from their profile against all customers: value level · recency (with frequency when two would share a name); they are not RFM segments.';

export async function ClusterProfilesSection({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const [profiles, money] = await Promise.all([getClusterProfiles(runId, filters), getRunMoney(runId)]);
  const method = CLUSTER_METHOD_LABELS[filters.method];
  return (
    <Section
      title="Cluster profiles"
      description={`${method} clusters of the ${formatInteger(profiles.customers)} filtered customers; shares are of the filtered customers with a cluster. ${CLUSTER_NAMING}`}
    >
      {profiles.customers === 0 ? (
        <EmptyState />
      ) : profiles.clusters.length === 0 ? (
        <EmptyState>None of these customers has a {method} cluster in this run.</EmptyState>
      ) : (
        <div>
          <ScrollTable label="Profiles table, scrolls sideways" hintBelow="lg">
          <table className="w-full min-w-[44rem] text-left text-sm">
            <caption className="sr-only">{method} cluster profiles: size, shares and mean recency, frequency, monetary value and CLV</caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr className="align-bottom">
                <th scope="col" className="py-2 pr-3">Cluster</th>
                <th scope="col" className="pr-3 text-right">Customers</th>
                <th scope="col" className="pr-3 text-right">Share</th>
                <th scope="col" className="pr-3 text-right">
                  <MoneyHeading label="Revenue share" money={money} currency={false} />
                </th>
                <th scope="col" className="pr-3 text-right">Mean recency (days)</th>
                <th scope="col" className="pr-3 text-right">Mean orders</th>
                <th scope="col" className="pr-3 text-right">
                  <MoneyHeading label="Mean monetary" money={money} currency={false} />
                </th>
                <th scope="col" className="text-right">
                  <MoneyHeading label="Mean CLV" money={money} currency={false} />
                </th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {profiles.clusters.map((c) => (
                <tr key={c.cluster} className="border-t border-slate-100">
                  <th scope="row" className="py-2 pr-3 font-medium">
                    <span aria-hidden="true" className="mr-2 inline-block h-3 w-3 rounded-full align-middle" style={{ backgroundColor: categoryColor(c.cluster) }} />
                    {c.cluster}: {c.name}
                  </th>
                  <td className="whitespace-nowrap pr-3 text-right">{formatInteger(c.size)}</td>
                  <td className="whitespace-nowrap pr-3 text-right">{formatPercent(c.share)}</td>
                  <td className="whitespace-nowrap pr-3 text-right">{formatPercent(c.revenueShare)}</td>
                  <td className="whitespace-nowrap pr-3 text-right">{formatDecimal(c.meanRecency)}</td>
                  <td className="whitespace-nowrap pr-3 text-right">{formatDecimal(c.meanFrequency)}</td>
                  <td className="whitespace-nowrap pr-3 text-right">{formatMoney(c.meanMonetary, money.currency)}</td>
                  <td className="whitespace-nowrap text-right">{formatMoney(c.meanClv, money.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </ScrollTable>
          {profiles.unclustered > 0 ? (
            <p className="mt-2 text-sm text-slate-500">{formatInteger(profiles.unclustered)} filtered customers have no {method} cluster.</p>
          ) : null}
        </div>
      )}
    </Section>
  );
}
