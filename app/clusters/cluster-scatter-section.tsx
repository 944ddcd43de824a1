import { filtersToSearchParams, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { moneyNote } from '@/lib/format/money-label';
import { getRunMoney } from '@/lib/server/dashboard/get-run-money';
import { Section } from '@/components/ui/section';
import { ClusterScatterLoader } from './cluster-scatter-loader';

/** The scatter plots' card; its 2,000-point sample loads from /api/runs/<id>/scatter after the page opens. */
export async function ClusterScatterSection({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const money = await getRunMoney(runId);
  const query = filtersToSearchParams({ ...filters, run: undefined }).toString();
  return (
    <Section title="Customers by cluster">
      <ClusterScatterLoader runId={runId} query={query} moneyNote={moneyNote(money, { currency: false })} currency={money.currency} />
    </Section>
  );
}
