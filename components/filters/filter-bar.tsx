import type { DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { getCurrentUser } from '@/lib/server/auth/current-user';
import { hasRole } from '@/lib/server/auth/roles';
import { getFilterOptions } from '@/lib/server/dashboard/get-filter-options';
import { FilterControls } from './filter-controls';

/** The shared filters of every dashboard page; the state lives in the URL. */
export async function FilterBar({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const [options, user] = await Promise.all([getFilterOptions(runId), getCurrentUser()]);
  // Saving an audience needs the analyst role: a viewer is not shown a control the server refuses.
  return <FilterControls options={options} filters={filters} runId={runId} canSaveAudience={user !== null && hasRole(user.role, 'analyst')} />;
}
