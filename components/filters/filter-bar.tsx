import type { DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { getFilterOptions } from '@/lib/server/dashboard/get-filter-options';
import { FilterControls } from './filter-controls';

/** The shared filters of every dashboard page; the state lives in the URL. */
export async function FilterBar({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const options = await getFilterOptions(runId);
  return <FilterControls options={options} filters={filters} runId={runId} />;
}
