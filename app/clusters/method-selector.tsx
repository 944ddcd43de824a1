import Link from 'next/link';
import { filtersToSearchParams, type ClusterMethodFilter, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { CLUSTER_METHOD_LABELS } from '@/lib/server/dashboard/clusters/cluster-column';

const METHODS = Object.keys(CLUSTER_METHOD_LABELS) as ClusterMethodFilter[];

/** Links to the same view with another clustering method; cluster numbers differ per method, so that filter is dropped. */
export function MethodSelector({ filters }: { filters: DashboardFilters }) {
  return (
    <nav aria-label="Clustering method" className="mb-6 flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-600">Method:</span>
      {METHODS.map((method) => {
        const query = filtersToSearchParams({ ...filters, method, cluster: method === filters.method ? filters.cluster : [] }).toString();
        const current = method === filters.method;
        return (
          <Link
            key={method}
            href={query ? `/clusters?${query}` : '/clusters'}
            aria-current={current ? 'page' : undefined}
            className={`rounded-full border px-3 py-1 ${current ? 'border-indigo-600 bg-indigo-600 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
          >
            {CLUSTER_METHOD_LABELS[method]}
          </Link>
        );
      })}
    </nav>
  );
}
