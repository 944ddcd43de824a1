import 'server-only';
import { describeMovedFrom } from '../../../format/describe-moved-from';
import type { DashboardFilters } from '../../../schemas/dashboard-filters-schema';
import type { SqlClient } from '../../db/sql-client';
import { listEarlierSnapshots } from './list-earlier-snapshots';

/**
 * The filters with movedFrom / churnFrom left out where they name a run that is not an earlier
 * snapshot of the viewed run's dataset (another dataset's run, the run itself, a later one), as the
 * Segments page refuses them, with a sentence for each in `problems`.
 */
export async function checkMovedFrom(viewedRunId: number, filters: DashboardFilters, sql?: SqlClient): Promise<{ filters: DashboardFilters; problems: string[] }> {
  const moved = [
    ['movedFrom', 'segment'],
    ['churnFrom', 'churn status'],
  ] as const;
  if (moved.every(([key]) => !filters[key])) return { filters, problems: [] };
  const { earlier } = await listEarlierSnapshots(viewedRunId, sql);
  const comparable = new Set(earlier.map((s) => s.runId));
  const checked: DashboardFilters = { ...filters };
  const problems: string[] = [];
  for (const [key, what] of moved) {
    const filter = filters[key];
    if (!filter || comparable.has(filter.runId)) continue;
    checked[key] = undefined;
    problems.push(
      `“${describeMovedFrom(filter, what)}” compares with run #${filter.runId}, which is not an earlier snapshot of run #${viewedRunId}’s dataset; choose a cell of the segment movement on the Segments page.`,
    );
  }
  return { filters: checked, problems };
}
