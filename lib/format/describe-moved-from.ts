import type { MovedFromFilter } from '../schemas/dashboard-filters-schema';

/** "Was Champions in run #12", "Churn status was Active in run #12", or for customers not in that run "New since run #12". */
export function describeMovedFrom(moved: MovedFromFilter, what: 'segment' | 'churn status'): string {
  if (moved.label === '') return `New since run #${moved.runId}`;
  return what === 'segment' ? `Was ${moved.label} in run #${moved.runId}` : `Churn status was ${moved.label} in run #${moved.runId}`;
}
