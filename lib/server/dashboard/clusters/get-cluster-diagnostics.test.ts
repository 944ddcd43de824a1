import { expect, test, vi } from 'vitest';
import { runClustering } from '../../../engines/clustering';
import { parseClusterDiagnostics } from './get-cluster-diagnostics';

// 'server-only' throws outside React Server Components; Next.js resolves it to an empty module.
vi.mock('server-only', () => ({}));

const LEFT_OUT =
  'The Gaussian mixture was left out: it needs 4 different customers per cluster on 3 varying features (8 for 2 clusters), and there are only 6.';
const SMALLER_K =
  'The Gaussian mixture used k = 2 instead of 3: it needs 4 different customers per cluster on 3 varying features (12 for 3 clusters), and there are only 9.';
const RANGE = 'Tried k from 2 to 5 instead of 2 to 10: with 6 customers at most 5 clusters can be scored.';

const fit = (k: number, silhouette: number) => ({ k, metrics: { silhouette, calinskiHarabasz: 10, daviesBouldin: 0.5 } });

// The shape summarizeAnalysis stores under metrics.clustering, trimmed to what the page reads.
const stored = (over: object) => ({
  status: 'done',
  features: ['recency', 'frequency', 'monetary'],
  log: true,
  k: 3,
  kFixed: false,
  chosenK: 3,
  elbowK: 2,
  silhouetteSampleSize: 9,
  silhouetteExact: true,
  sweep: [{ k: 2, inertia: 8, silhouette: 0.5, calinskiHarabasz: 9, daviesBouldin: 0.6 }],
  methods: { kmeans: fit(3, 0.5), gmm: { ...fit(3, 0.4), bic: 50.5 }, hierarchical: { ...fit(3, 0.45), mode: 'exact', microClusters: null } },
  ...over,
});

test('a run stored before warnings existed reads as no warnings, every method done at the run’s k', () => {
  const d = parseClusterDiagnostics(stored({}));
  if (d.status !== 'done') throw new Error('expected done');
  expect(d.warnings).toEqual([]);
  expect(d.methods).toEqual({
    kmeans: { status: 'done', fit: { k: 3, silhouette: 0.5, calinskiHarabasz: 10, daviesBouldin: 0.5, bic: null, mode: null, microClusters: null }, note: null },
    gmm: { status: 'done', fit: { k: 3, silhouette: 0.4, calinskiHarabasz: 10, daviesBouldin: 0.5, bic: 50.5, mode: null, microClusters: null }, note: null },
    hierarchical: { status: 'done', fit: { k: 3, silhouette: 0.45, calinskiHarabasz: 10, daviesBouldin: 0.5, bic: null, mode: 'exact', microClusters: null }, note: null },
  });
});

test.each([
  ['not a list', 'Tried fewer k'],
  ['a list with a number in it', ['fine', 3]],
  ['null', null],
])('warnings that are %s read as none', (_, warnings) => {
  const d = parseClusterDiagnostics(stored({ warnings }));
  expect(d.status === 'done' && d.warnings).toEqual([]);
});

test('a Gaussian mixture left out is missing, with the engine’s sentence as the reason; the other warnings stay the run’s', () => {
  const { kmeans, hierarchical } = stored({}).methods;
  const d = parseClusterDiagnostics(stored({ methods: { kmeans, hierarchical }, warnings: [RANGE, LEFT_OUT] }));
  if (d.status !== 'done') throw new Error('expected done');
  expect(d.warnings).toEqual([RANGE, LEFT_OUT]);
  expect(d.methods.gmm).toEqual({ status: 'missing', reason: LEFT_OUT });
  expect(d.methods.kmeans).toMatchObject({ status: 'done', note: null });
  expect(d.methods.hierarchical).toMatchObject({ status: 'done', note: null });
});

test('a Gaussian mixture at a smaller k keeps its fit, with the warning as its note', () => {
  const d = parseClusterDiagnostics(stored({ warnings: [SMALLER_K], methods: { ...stored({}).methods, gmm: { ...fit(2, 0.3), bic: 40 } } }));
  if (d.status !== 'done') throw new Error('expected done');
  expect(d.methods.gmm).toMatchObject({ status: 'done', fit: { k: 2, bic: 40 }, note: SMALLER_K });
  expect(d.methods.kmeans).toMatchObject({ status: 'done', fit: { k: 3 }, note: null });
});

test('a method at another k without a warning still says so; a missing one without a warning says the run did not include it', () => {
  const { kmeans } = stored({}).methods;
  const d = parseClusterDiagnostics(stored({ methods: { kmeans, gmm: fit(2, 0.3) } }));
  if (d.status !== 'done') throw new Error('expected done');
  expect(d.methods.gmm).toMatchObject({ status: 'done', note: 'Clustering by Gaussian mixture used k = 2, not the run’s k = 3.' });
  expect(d.methods.hierarchical).toEqual({ status: 'missing', reason: 'This run’s analysis did not include Hierarchical (Ward) clustering.' });
});

test('a malformed method entry counts as missing without losing the others', () => {
  const d = parseClusterDiagnostics(stored({ methods: { kmeans: fit(3, 0.5), gmm: { k: 'three' } } }));
  if (d.status !== 'done') throw new Error('expected done');
  expect([d.methods.kmeans.status, d.methods.gmm.status, d.methods.hierarchical.status]).toEqual(['done', 'missing', 'missing']);
});

test.each([
  ['nothing stored', undefined, { status: 'missing' }],
  ['no k', { status: 'done', chosenK: 2, elbowK: 2 }, { status: 'missing' }],
  ['a skipped stage', { status: 'skipped', reason: 'Clustering needs at least 3 customers; this file has 2.' }, { status: 'skipped', reason: 'Clustering needs at least 3 customers; this file has 2.' }],
])('%s', (_, raw, expected) => {
  expect(parseClusterDiagnostics(raw)).toEqual(expected);
});

// Ties the matching of mixture warnings to the engine's own wording.
test.each([
  ['six customers: the mixture is left out', 6, undefined, 'missing', LEFT_OUT],
  ['nine customers at k = 3: the mixture runs at k = 2', 9, 3, 'done', SMALLER_K],
])('the engine’s result on %s', (_, n, k, gmmStatus, sentence) => {
  const column = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  const result = runClustering(
    { recency: column((i) => 10 + ((i * 37) % 300)), frequency: column((i) => 1 + ((i * 5) % 7)), monetary: column((i) => 50 + ((i * 113) % 900)) },
    { method: 'all', seed: 7, k },
  );
  const methods = Object.fromEntries(Object.entries(result.methods).map(([name, m]) => [name, { k: m.k, metrics: m.metrics }]));
  const d = parseClusterDiagnostics(stored({ k: result.k, warnings: result.warnings, methods }));
  if (d.status !== 'done') throw new Error('expected done');
  expect(result.warnings).toContain(sentence);
  expect(d.methods.gmm.status).toBe(gmmStatus);
  expect(d.methods.gmm.status === 'missing' ? d.methods.gmm.reason : d.methods.gmm.note).toBe(sentence);
  expect(d.methods.kmeans).toMatchObject({ status: 'done', fit: { k: result.k }, note: null });
});
