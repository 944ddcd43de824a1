import { expect, test } from 'vitest';
import { parseDashboardFilters } from '../../../schemas/dashboard-filters-schema';
import type { ClusterDiagnosticsDto, ClusterMethodStatusDto } from './get-cluster-diagnostics';
import { resolveClusterMethod } from './resolve-cluster-method';

const LEFT_OUT =
  'The Gaussian mixture was left out: it needs 4 different customers per cluster on 3 varying features (8 for 2 clusters), and there are only 6.';
const done: ClusterMethodStatusDto = {
  status: 'done',
  fit: { k: 2, silhouette: 0.5, calinskiHarabasz: 9, daviesBouldin: 0.6, bic: null, mode: null, microClusters: null },
  note: null,
};
const missing = (reason: string): ClusterMethodStatusDto => ({ status: 'missing', reason });

const diagnostics = (methods: Partial<Record<'kmeans' | 'gmm' | 'hierarchical', ClusterMethodStatusDto>>): ClusterDiagnosticsDto => ({
  status: 'done',
  features: ['recency', 'frequency', 'monetary'],
  log: true,
  k: 2,
  kFixed: false,
  chosenK: 2,
  elbowK: 2,
  silhouetteSampleSize: 6,
  silhouetteExact: true,
  sweep: [],
  warnings: [LEFT_OUT],
  methods: { kmeans: done, gmm: done, hierarchical: done, ...methods },
});

test('a method the run has is shown as asked, cluster filter and all', () => {
  const filters = parseDashboardFilters({ method: 'gmm', cluster: '1', country: 'France' });
  expect(resolveClusterMethod(diagnostics({}), filters)).toEqual({ filters, note: null });
});

test('method=gmm on a run without a mixture falls back to k-means, says why, and drops the mixture’s cluster filter', () => {
  const view = resolveClusterMethod(diagnostics({ gmm: missing(LEFT_OUT) }), parseDashboardFilters({ method: 'gmm', cluster: '1', country: 'France' }));
  expect(view.filters).toEqual(parseDashboardFilters({ country: 'France' }));
  expect(view.note).toBe(
    `This run has no Gaussian mixture clusters, so the k-means clusters are shown instead. ${LEFT_OUT} The cluster filter was dropped: its numbers were Gaussian mixture clusters.`,
  );
});

test('without a cluster filter the note has nothing to say about one; the fallback is the first method the run has', () => {
  const view = resolveClusterMethod(
    diagnostics({ kmeans: missing('This run’s analysis did not include k-means clustering.'), gmm: missing('x') }),
    parseDashboardFilters({}),
  );
  expect(view.filters.method).toBe('hierarchical');
  expect(view.note).toBe(
    'This run has no k-means clusters, so the Hierarchical (Ward) clusters are shown instead. This run’s analysis did not include k-means clustering.',
  );
});

test.each<[string, ClusterDiagnosticsDto]>([
  ['no clustering stored', { status: 'missing' }],
  ['a skipped clustering', { status: 'skipped', reason: 'Clustering needs at least 3 customers; this file has 2.' }],
  ['no method at all', diagnostics({ kmeans: missing('a'), gmm: missing('b'), hierarchical: missing('c') })],
])('%s keeps the URL’s filters: the k diagnostics explain', (_, d) => {
  const filters = parseDashboardFilters({ method: 'gmm', cluster: '2' });
  expect(resolveClusterMethod(d, filters)).toEqual({ filters, note: null });
});
