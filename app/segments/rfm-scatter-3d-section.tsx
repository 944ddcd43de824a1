import { filtersToSearchParams, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { moneyNote } from '@/lib/format/money-label';
import { getRunMoney } from '@/lib/server/dashboard/get-run-money';
import { Section } from '@/components/ui/section';
import { RfmScatter3d } from './rfm-scatter-3d';

/** The 3D RFM scatter's card; its sample and plotly.js load in the browser once the page is open. */
export async function RfmScatter3dSection({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const money = await getRunMoney(runId);
  const query = filtersToSearchParams({ ...filters, run: undefined }).toString();
  return (
    <Section title="RFM in 3D" description="Each customer at their recency, number of orders and monetary value (both on log axes).">
      <RfmScatter3d runId={runId} query={query} runQuery={`run=${runId}`} currency={money.currency} moneyNote={moneyNote(money, { currency: false })} />
    </Section>
  );
}
