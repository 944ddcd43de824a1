import { expect, test } from 'vitest';
import { createRng } from '../random';
import { runClustering } from './run-clustering';
import { samePartition, thrownEngineError } from '../testing/clustering';
import type { MethodResult } from './types';

// Four seeded customer groups, well apart on a log scale: [recency days, orders, spend].
const SEGMENTS = [
  [8, 25, 6000],
  [40, 8, 1500],
  [220, 5, 1000],
  [320, 1, 80],
];

function customers(perSegment: number, seed: number) {
  const rng = createRng(seed);
  const n = SEGMENTS.length * perSegment;
  const columns = {
    recency: new Float64Array(n),
    frequency: new Float64Array(n),
    monetary: new Float64Array(n),
    clv: new Float64Array(n),
  };
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = i % SEGMENTS.length;
    truth[i] = s;
    columns.recency[i] = SEGMENTS[s][0] * Math.exp(0.15 * rng.normal());
    columns.frequency[i] = Math.max(1, Math.round(SEGMENTS[s][1] * Math.exp(0.1 * rng.normal())));
    columns.monetary[i] = SEGMENTS[s][2] * Math.exp(0.15 * rng.normal());
    columns.clv[i] = columns.monetary[i] * 1.5;
  }
  return { columns, truth };
}

function meanMonetaryByCluster(result: MethodResult): number[] {
  return result.profiles.clusters.map((cluster) => cluster.means.monetary);
}

test('method all: chooses k = 4, every method finds the groups, numbered by value and named', () => {
  const { columns, truth } = customers(100, 1);
  const result = runClustering(columns, { method: 'all', seed: 7 });
  expect(result.k).toBe(4);
  expect(result.kFixed).toBe(false);
  expect(result.features).toEqual(['recency', 'frequency', 'monetary']);
  const { kmeans, gmm, hierarchical } = result.methods;
  for (const method of [kmeans, gmm, hierarchical]) {
    if (method === undefined) throw new Error('missing method result');
    expect(samePartition(method.labels, truth)).toBe(true);
    const means = meanMonetaryByCluster(method);
    expect([...means].sort((a, b) => b - a)).toEqual(means);
    expect(method.profiles.clusters.map((cluster) => cluster.name)).toEqual([
      'Very high value · very recent',
      'High value · recent',
      'Low value · lapsed',
      'Very low value · long lapsed',
    ]);
    expect(new Set(method.profiles.clusters.map((cluster) => cluster.name)).size).toBe(4);
    expect(method.metrics?.silhouette).toBeGreaterThan(0.5);
    expect(method.profiles.clusters[0].means.clv).toBeGreaterThan(0);
  }
  expect(result.warnings).toEqual([]);
  expect(hierarchical?.mode).toBe('exact');
  expect(hierarchical?.linkage).toHaveLength((400 - 1) * 4);
  expect(gmm?.probabilities).toHaveLength(400 * 4);
  // Probabilities follow the relabelling: each customer's most likely column is its label.
  for (let i = 0; i < 400; i++) {
    const row = Array.from(gmm?.probabilities.subarray(i * 4, i * 4 + 4) ?? []);
    expect(row.indexOf(Math.max(...row))).toBe(gmm?.labels[i]);
  }
  // Centroids follow the relabelling: cluster 0 has the highest standardised monetary.
  const centroids = kmeans?.centroids ?? new Float64Array();
  expect(centroids[2]).toBe(Math.max(centroids[2], centroids[5], centroids[8], centroids[11]));
});

test('same input and seed give identical labels', () => {
  const { columns } = customers(60, 2);
  const first = runClustering(columns, { method: 'all', seed: 3 });
  const second = runClustering(columns, { method: 'all', seed: 3 });
  expect(second.methods.kmeans?.labels).toEqual(first.methods.kmeans?.labels);
  expect(second.methods.gmm?.labels).toEqual(first.methods.gmm?.labels);
  expect(second.methods.hierarchical?.labels).toEqual(first.methods.hierarchical?.labels);
  expect(second.sweep.entries).toEqual(first.sweep.entries);
  const names = (result: typeof first) =>
    Object.values(result.methods).map((method) => method.profiles.clusters.map((cluster) => cluster.name));
  expect(names(second)).toEqual(names(first));
});

test('a fixed k skips choosing and runs only the requested method', () => {
  const { columns } = customers(50, 4);
  const result = runClustering(columns, { method: 'gmm', k: 3 });
  expect(result.k).toBe(3);
  expect(result.kFixed).toBe(true);
  expect(result.sweep.entries.map((entry) => entry.k)).toEqual([3]);
  expect(Object.keys(result.methods)).toEqual(['gmm']);
  expect(result.methods.gmm?.profiles.clusters).toHaveLength(3);
});

test('features, log and profile columns are options', () => {
  const { columns } = customers(40, 5);
  const result = runClustering(columns, {
    features: ['frequency', 'monetary'],
    log: false,
    kMax: 5,
    profileColumns: ['monetary'],
  });
  expect(result.features).toEqual(['frequency', 'monetary']);
  expect(result.log).toBe(false);
  expect(Object.keys(result.methods.kmeans?.profiles.clusters[0].means ?? {}).sort()).toEqual([
    'frequency',
    'monetary',
    'recency',
  ]);
});

test.each([
  ['an unknown method', { method: 'dbscan' as never }],
  ['k = 1', { k: 1 }],
  ['a fractional k', { k: 2.5 }],
  ['kMin = 1', { kMin: 1 }],
  ['kMax below kMin', { kMin: 4, kMax: 3 }],
])('rejects %s as INVALID_OPTION, whatever the data', (_, options) => {
  const { columns } = customers(10, 1);
  expect(thrownEngineError(() => runClustering(columns, options)).code).toBe('INVALID_OPTION');
  const one = Float64Array.from([1]);
  const single = { recency: one, frequency: one, monetary: one };
  expect(thrownEngineError(() => runClustering(single, options)).code).toBe('INVALID_OPTION');
});

test('refuses data it cannot cluster with plain-words errors', () => {
  const same = Float64Array.from([3, 3, 3, 3, 3]);
  const identical = thrownEngineError(() => runClustering({ recency: same, frequency: same, monetary: same }));
  expect(identical.code).toBe('DEGENERATE_DATA');
  expect(identical.message).toMatch(/All customers have the same recency, frequency, monetary/);
  const two = Float64Array.from([1, 2]);
  expect(thrownEngineError(() => runClustering({ recency: two, frequency: two, monetary: two })).code).toBe(
    'TOO_FEW_CUSTOMERS',
  );
  expect(thrownEngineError(() => runClustering({ recency: two, frequency: two })).code).toBe('MISSING_COLUMNS');
});

// Small files: [recency days, orders, spend] per customer, all different.
const SMALL = [
  [5, 10, 900],
  [300, 1, 20],
  [40, 4, 300],
  [12, 7, 650],
  [200, 2, 60],
  [90, 3, 150],
  [25, 6, 480],
  [150, 1, 35],
  [8, 12, 1200],
  [60, 2, 90],
  [33, 5, 400],
  [270, 1, 15],
];

function columnsOf(rows: readonly (readonly number[])[]) {
  return {
    recency: Float64Array.from(rows, (row) => row[0]),
    frequency: Float64Array.from(rows, (row) => row[1]),
    monetary: Float64Array.from(rows, (row) => row[2]),
  };
}

// What the pipeline passes: kMax = max(kMin, min(10, n - 1)).
const pipelineKMax = (n: number) => Math.max(2, Math.min(10, n - 1));

test.each([1, 2])('%i customer(s): TOO_FEW_CUSTOMERS in words, for every method', (n) => {
  for (const method of ['kmeans', 'gmm', 'hierarchical', 'all'] as const) {
    const error = thrownEngineError(() =>
      runClustering(columnsOf(SMALL.slice(0, n)), { method, kMax: pipelineKMax(n) }),
    );
    expect(error.code).toBe('TOO_FEW_CUSTOMERS');
    expect(error.message).toBe(`Clustering needs at least 3 customers; this file has ${n}.`);
  }
});

test('3 customers: k = 2 is the only choice; the mixture is left out with its reason', () => {
  const result = runClustering(columnsOf(SMALL.slice(0, 3)), { method: 'all', kMax: pipelineKMax(3) });
  expect(result.k).toBe(2);
  expect(result.sweep.entries.map((entry) => entry.k)).toEqual([2]);
  // The two recent, bigger spenders together; the 300-days-gone 20-spender alone.
  expect(Array.from(result.methods.kmeans?.labels ?? [])).toEqual([0, 1, 0]);
  expect(Array.from(result.methods.hierarchical?.labels ?? [])).toEqual([0, 1, 0]);
  // Ranks: cluster 0 monetary (2.5 + 1.5) / 6 = 2/3, recency (0.5 + 1.5) / 6 = 1/3; cluster 1 1/6 and 5/6.
  expect(result.methods.kmeans?.profiles.clusters.map((cluster) => cluster.name)).toEqual([
    'High value · recent',
    'Very low value · long lapsed',
  ]);
  expect(result.methods.gmm).toBeUndefined();
  expect(result.warnings).toEqual([
    'The Gaussian mixture was left out: it needs 4 different customers per cluster on 3 varying features ' +
      '(8 for 2 clusters), and there are only 3.',
  ]);
});

test('3 customers, two alike: k = 2 splits the alike pair from the other', () => {
  const result = runClustering(columnsOf([SMALL[1], SMALL[0], SMALL[1]]), { method: 'kmeans' });
  expect(result.k).toBe(2);
  expect(Array.from(result.methods.kmeans?.labels ?? [])).toEqual([1, 0, 1]);
  expect(result.methods.kmeans?.metrics?.silhouette).toBeCloseTo(2 / 3, 12);
});

test('7 customers: the k range stops at 6, and a larger kMax is lowered with a warning', () => {
  const columns = columnsOf(SMALL.slice(0, 7));
  const result = runClustering(columns, { method: 'all', kMax: pipelineKMax(7) });
  expect(result.sweep.entries.map((entry) => entry.k)).toEqual([2, 3, 4, 5, 6]);
  // Best silhouette at k = 2: the four recent, bigger spenders against the three gone 90+ days.
  expect(result.k).toBe(2);
  expect(Array.from(result.methods.kmeans?.labels ?? [])).toEqual([0, 1, 0, 0, 1, 1, 0]);
  // Cluster 1 ranks in sevenths: monetary (0.5 + 1.5 + 2.5) / 3, recency (6.5 + 5.5 + 4.5) / 3.
  expect(result.methods.kmeans?.profiles.clusters.map((cluster) => cluster.name)).toEqual([
    'High value · recent',
    'Low value · lapsed',
  ]);
  expect(new Set(result.methods.hierarchical?.labels).size).toBe(2);
  expect(result.methods.gmm).toBeUndefined();
  expect(result.warnings).toEqual([
    'The Gaussian mixture was left out: it needs 4 different customers per cluster on 3 varying features ' +
      '(8 for 2 clusters), and there are only 7.',
  ]);

  const wide = runClustering(columns, { method: 'kmeans', kMax: 10 });
  expect(wide.sweep.entries.map((entry) => entry.k)).toEqual([2, 3, 4, 5, 6]);
  expect(wide.warnings).toEqual(['Tried k from 2 to 6 instead of 2 to 10: with 7 customers at most 6 clusters can be scored.']);

  const fixed = runClustering(columns, { method: 'hierarchical', k: 10 });
  expect(fixed.k).toBe(6);
  expect(fixed.kFixed).toBe(true);
  expect(fixed.methods.hierarchical?.profiles.clusters).toHaveLength(6);
  expect(fixed.warnings).toEqual(['Used k = 6 instead of the requested 10: with 7 customers at most 6 clusters can be scored.']);
});

test('7 customers, mixture only: refused in words, as too few customers', () => {
  const error = thrownEngineError(() => runClustering(columnsOf(SMALL.slice(0, 7)), { method: 'gmm', kMax: 6 }));
  expect(error.code).toBe('TOO_FEW_CUSTOMERS');
  expect(error.message).toBe(
    'A Gaussian mixture needs 4 different customers per cluster on 3 varying features (8 for 2 clusters), and there are only 7.',
  );
});

test('12 customers: every method runs; the mixture is held to 3 components', () => {
  const columns = columnsOf(SMALL);
  const result = runClustering(columns, { method: 'all', kMax: pipelineKMax(12) });
  expect(result.sweep.entries.map((entry) => entry.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(result.k).toBe(2);
  expect(Object.keys(result.methods)).toEqual(['kmeans', 'gmm', 'hierarchical']);
  expect(result.methods.gmm?.k).toBe(2);
  expect(result.warnings).toEqual([]);

  const fixed = runClustering(columns, { method: 'all', k: 4 });
  expect(fixed.k).toBe(4);
  expect(fixed.methods.kmeans?.profiles.clusters).toHaveLength(4);
  expect(fixed.methods.hierarchical?.k).toBe(4);
  expect(fixed.methods.gmm?.k).toBe(3);
  expect(fixed.methods.gmm?.profiles.clusters).toHaveLength(3);
  expect(fixed.methods.gmm?.probabilities).toHaveLength(12 * 3);
  expect(fixed.warnings).toEqual([
    'The Gaussian mixture used k = 3 instead of 4: it needs 4 different customers per cluster on 3 varying features ' +
      '(16 for 4 clusters), and there are only 12.',
  ]);

  const mixture = runClustering(columns, { method: 'gmm', kMax: 11 });
  expect(mixture.sweep.entries.map((entry) => entry.k)).toEqual([2, 3]);
  expect(mixture.warnings).toEqual([
    'Tried k from 2 to 3 instead of 2 to 11: a Gaussian mixture needs 4 different customers per cluster ' +
      'on 3 varying features (16 for 4 clusters), and there are only 12.',
  ]);
});

test('12 customers with only 3 different histories: k stops at 3 and each cluster is one history', () => {
  const rows = Array.from({ length: 12 }, (_, i) => SMALL[[0, 1, 2][i % 3]]);
  const columns = columnsOf(rows);
  const result = runClustering(columns, { method: 'all', kMax: pipelineKMax(12) });
  expect(result.sweep.entries.map((entry) => entry.k)).toEqual([2, 3]);
  // Three tight groups of four: a silhouette of 1 at k = 3 beats any k = 2 split.
  expect(result.k).toBe(3);
  expect(result.sweep.entries[1].silhouette).toBe(1);
  expect(Array.from(result.methods.kmeans?.labels ?? [])).toEqual(Array.from({ length: 12 }, (_, i) => [0, 2, 1][i % 3]));
  expect(result.methods.kmeans?.profiles.clusters.map((cluster) => cluster.name)).toEqual([
    'Very high value · very recent',
    'Mid value · lapsing',
    'Very low value · long lapsed',
  ]);
  expect(result.methods.gmm).toBeUndefined();
  expect(result.warnings).toEqual([
    'Tried k from 2 to 3 instead of 2 to 10: only 3 customers differ in recency, frequency, monetary.',
    'The Gaussian mixture was left out: it needs 4 different customers per cluster on 3 varying features ' +
      '(8 for 2 clusters), and only 3 customers differ.',
  ]);
  expect(runClustering(columns, { k: 5 }).warnings).toEqual([
    'Used k = 3 instead of the requested 5: only 3 customers differ in recency, frequency, monetary.',
  ]);
  const mixture = thrownEngineError(() => runClustering(columns, { method: 'gmm' }));
  expect(mixture.code).toBe('DEGENERATE_DATA');
});

test('12 identical customers: DEGENERATE_DATA in words, for every method', () => {
  const rows = Array.from({ length: 12 }, () => SMALL[0]);
  for (const method of ['kmeans', 'gmm', 'hierarchical', 'all'] as const) {
    const error = thrownEngineError(() => runClustering(columnsOf(rows), { method, kMax: 11 }));
    expect(error.code).toBe('DEGENERATE_DATA');
    expect(error.message).toBe(
      'All customers have the same recency, frequency, monetary; clustering needs at least 2 customers that differ.',
    );
  }
});

test('a kMin above what the data support is lowered with the range', () => {
  const result = runClustering(columnsOf(SMALL.slice(0, 4)), { kMin: 5, kMax: 8 });
  expect(result.sweep.entries.map((entry) => entry.k)).toEqual([3]);
  expect(result.warnings).toEqual(['Tried k from 3 to 3 instead of 5 to 8: with 4 customers at most 3 clusters can be scored.']);
});
