import { KpiCard } from '@/components/ui/kpi-card';
import { formatDecimal, formatInteger, formatRatio } from '@/lib/format/format-number';
import type { ClusterMethodFilter } from '@/lib/schemas/dashboard-filters-schema';
import { CLUSTER_METHOD_LABELS } from '@/lib/server/dashboard/clusters/cluster-column';
import type { ClusterDiagnosticsDto, MethodDiagnosticsDto } from '@/lib/server/dashboard/clusters/get-cluster-diagnostics';
import { EmptyState, Section } from '@/components/ui/section';
import { KSweepCharts } from './k-sweep-charts';
import { Term } from '@/components/ui/term';

const TITLE = 'Choosing k';

function fitHint(method: ClusterMethodFilter, m: MethodDiagnosticsDto): string {
  if (method === 'gmm' && m.bic !== null) return `BIC ${formatDecimal(m.bic)}; silhouette ${formatRatio(m.silhouette)}`;
  if (method === 'hierarchical' && m.mode) {
    return `Ward, ${m.mode === 'exact' ? 'exact' : `on ${formatInteger(m.microClusters)} micro-clusters`}; silhouette ${formatRatio(m.silhouette)}`;
  }
  return `silhouette ${formatRatio(m.silhouette)}`;
}

/** The k sweep of the run (not affected by the filters), what the data did not support, and the selected method's fit. */
export function KDiagnosticsSection({ diagnostics, method }: { diagnostics: ClusterDiagnosticsDto; method: ClusterMethodFilter }) {
  if (diagnostics.status === 'missing') {
    return (
      <Section title={TITLE}>
        <EmptyState>This run has no clustering results.</EmptyState>
      </Section>
    );
  }
  if (diagnostics.status === 'skipped') {
    return (
      <Section title={TITLE}>
        <p role="status" className="rounded bg-amber-50 p-4 text-amber-900">
          Clustering was skipped in this run: {diagnostics.reason}
        </p>
      </Section>
    );
  }
  const d = diagnostics;
  const chosen = d.sweep.find((e) => e.k === d.chosenK);
  const status = d.methods[method];
  return (
    <Section
      title={TITLE}
      description={`Computed when the run was analysed, on all ${formatInteger(d.silhouetteSampleSize)} customers${d.silhouetteExact ? '' : ' sampled for the silhouette'} and the features ${d.features.join(', ')}${d.log ? ' (log, standardised)' : ' (standardised)'}; the filters do not change it.`}
    >
      {d.warnings.length > 0 ? (
        <div role="note" aria-label="What the data did not support" className="mb-4 rounded bg-amber-50 p-4 text-sm text-amber-900">
          <p className="font-medium">The clustering was adjusted to what this data supports:</p>
          <ul className="mt-1 list-disc pl-5">
            {d.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="mb-4 grid grid-cols-2 gap-4 md:grid-cols-4">
        <KpiCard label="Chosen k" value={String(d.k)} hint={d.kFixed ? 'fixed by the run’s options' : 'best silhouette in the k-means sweep'} />
        <KpiCard label="Elbow k" term="elbow k" value={String(d.elbowK)} hint="where inertia stops falling fast" />
        <KpiCard label="Silhouette at chosen k" term="silhouette" value={formatRatio(chosen?.silhouette)} hint="-1 to 1; higher separates better" />
        <KpiCard
          label={`${CLUSTER_METHOD_LABELS[method]} fit`}
          value={status.status === 'done' ? `k = ${status.fit.k}` : 'not run'}
          hint={status.status === 'done' ? fitHint(method, status.fit) : status.reason}
        />
      </div>
      {d.sweep.length > 1 ? (
        <>
          <KSweepCharts sweep={d.sweep} chosenK={d.chosenK} elbowK={d.elbowK} />
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer text-indigo-700">The sweep as a table</summary>
            <table className="mt-2 w-full max-w-2xl text-right tabular-nums">
              <caption className="sr-only">k-means sweep: inertia, silhouette, Calinski-Harabasz and Davies-Bouldin by k</caption>
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="py-1 text-left">k</th>
                  <th scope="col"><Term term="inertia">Inertia</Term></th>
                  <th scope="col"><Term term="silhouette">Silhouette</Term></th>
                  <th scope="col">Calinski-Harabasz</th>
                  <th scope="col">Davies-Bouldin</th>
                </tr>
              </thead>
              <tbody>
                {d.sweep.map((e) => (
                  <tr key={e.k} className={`border-t border-slate-100 ${e.k === d.chosenK ? 'font-semibold' : ''}`}>
                    <th scope="row" className="py-1 text-left">
                      {e.k}
                      {e.k === d.chosenK ? ' (chosen)' : e.k === d.elbowK ? ' (elbow)' : ''}
                    </th>
                    <td>{formatDecimal(e.inertia)}</td>
                    <td>{e.silhouette?.toFixed(4) ?? '–'}</td>
                    <td>{formatDecimal(e.calinskiHarabasz)}</td>
                    <td>{e.daviesBouldin?.toFixed(4) ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      ) : null}
    </Section>
  );
}
