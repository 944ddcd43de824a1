import type { DashboardFilters } from '../../../schemas/dashboard-filters-schema';
import { CLUSTER_METHOD_LABELS, CLUSTER_METHOD_ORDER } from './cluster-column';
import type { ClusterDiagnosticsDto } from './get-cluster-diagnostics';

export interface ClusterViewDto {
  /** The filters the clusters page shows. */
  filters: DashboardFilters;
  /** Why they differ from the URL's, in words; null when they do not. */
  note: string | null;
}

/**
 * The requested method when the run has it, else the first method it has, with a note saying
 * why; the cluster filter is dropped with a replaced method, as cluster numbers differ per method.
 * A run without clustering keeps the URL's filters: the k diagnostics say why there is nothing.
 */
export function resolveClusterMethod(diagnostics: ClusterDiagnosticsDto, filters: DashboardFilters): ClusterViewDto {
  if (diagnostics.status !== 'done') return { filters, note: null };
  const requested = diagnostics.methods[filters.method];
  if (requested.status === 'done') return { filters, note: null };
  const fallback = CLUSTER_METHOD_ORDER.find((method) => diagnostics.methods[method].status === 'done');
  if (fallback === undefined) return { filters, note: null };
  const asked = CLUSTER_METHOD_LABELS[filters.method];
  const sentences = [`This run has no ${asked} clusters, so the ${CLUSTER_METHOD_LABELS[fallback]} clusters are shown instead.`, requested.reason];
  if (filters.cluster.length > 0) sentences.push(`The cluster filter was dropped: its numbers were ${asked} clusters.`);
  return { filters: { ...filters, method: fallback, cluster: [] }, note: sentences.join(' ') };
}
