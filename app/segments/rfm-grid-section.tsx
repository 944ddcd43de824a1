import type { DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { getRunMoney } from '@/lib/server/dashboard/get-run-money';
import { getRfmGrid } from '@/lib/server/dashboard/segments/get-rfm-grid';
import { RfmHeatmap } from './rfm-heatmap';
import { ScoreDistributionCharts } from './score-distribution-charts';
import { EmptyState, Section } from '@/components/ui/section';

export async function RfmGridSection({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const [grid, money] = await Promise.all([getRfmGrid(runId, filters), getRunMoney(runId)]);
  return (
    <>
      <Section title="Recency x frequency" description="Scores are quintiles over all customers of the run: 5 is the most recent, most frequent or highest-spending fifth.">
        {grid.customers === 0 ? <EmptyState /> : <RfmHeatmap cells={grid.cells} money={money} />}
      </Section>
      <Section
        title="Score distributions"
        description="Customers per score, with the values each score stands for under its bar. Scores are fifths of all the run's customers, so bars differ when equal values share a score or when filters are on."
      >
        {grid.customers === 0 ? <EmptyState /> : <ScoreDistributionCharts distributions={grid.distributions} currency={money.currency} />}
      </Section>
    </>
  );
}
