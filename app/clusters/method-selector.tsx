import Link from 'next/link';
import { filtersToSearchParams, type ClusterMethodFilter, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { CLUSTER_METHOD_LABELS, CLUSTER_METHOD_ORDER } from '@/lib/server/dashboard/clusters/cluster-column';
import type { ClusterMethodStatusDto } from '@/lib/server/dashboard/clusters/get-cluster-diagnostics';

/**
 * Links to the same view with another clustering method; cluster numbers differ per method, so that
 * filter is dropped. A method the run does not have is shown disabled, with the reason beneath;
 * one run at another k carries it in its label and says why. `methods` is null for a run without clustering.
 */
export function MethodSelector({ filters, methods }: { filters: DashboardFilters; methods: Record<ClusterMethodFilter, ClusterMethodStatusDto> | null }) {
  const notes = CLUSTER_METHOD_ORDER.flatMap((method) => {
    const status = methods?.[method];
    if (status === undefined) return [];
    const text = status.status === 'missing' ? status.reason : status.note;
    return text === null ? [] : [{ method, missing: status.status === 'missing', text }];
  });
  return (
    <div className="mb-6">
      <nav aria-label="Clustering method" className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600">Method:</span>
        {CLUSTER_METHOD_ORDER.map((method) => {
          const status = methods?.[method];
          const label = CLUSTER_METHOD_LABELS[method];
          if (status?.status === 'missing') {
            return (
              <span
                key={method}
                aria-disabled="true"
                aria-describedby={`method-note-${method}`}
                className="cursor-not-allowed rounded-full border border-dashed border-slate-300 px-3 py-1 text-slate-400"
              >
                {label} (not in this run)
              </span>
            );
          }
          const query = filtersToSearchParams({ ...filters, method, cluster: method === filters.method ? filters.cluster : [] }).toString();
          const current = method === filters.method;
          return (
            <Link
              key={method}
              href={query ? `/clusters?${query}` : '/clusters'}
              aria-current={current ? 'page' : undefined}
              aria-describedby={status?.status === 'done' && status.note !== null ? `method-note-${method}` : undefined}
              className={`rounded-full border px-3 py-1 ${current ? 'border-indigo-600 bg-indigo-600 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
            >
              {status?.status === 'done' && status.note !== null ? `${label} (k = ${status.fit.k})` : label}
            </Link>
          );
        })}
      </nav>
      {notes.length > 0 ? (
        <ul className="mt-2 space-y-1 text-sm text-slate-600">
          {notes.map((n) => (
            <li key={n.method} id={`method-note-${n.method}`}>
              <span className="font-medium">{CLUSTER_METHOD_LABELS[n.method]}{n.missing ? ' is not in this run' : ''}:</span> {n.text}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
