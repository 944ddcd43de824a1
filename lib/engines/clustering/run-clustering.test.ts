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
    expect(method.profiles.clusters[0].name).toBe('Champions');
    expect(method.profiles.clusters[3].name).toBe('Hibernating');
    expect(new Set(method.profiles.clusters.map((cluster) => cluster.name)).size).toBe(4);
    expect(method.metrics?.silhouette).toBeGreaterThan(0.5);
    expect(method.profiles.clusters[0].means.clv).toBeGreaterThan(0);
  }
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
  ['an unknown method', { method: 'dbscan' as never }, 'INVALID_OPTION'],
  ['k = 1', { k: 1 }, 'INVALID_OPTION'],
  ['k above n - 1', { k: 400 }, 'INVALID_OPTION'],
])('rejects %s', (_, options, code) => {
  const { columns } = customers(10, 1);
  expect(thrownEngineError(() => runClustering(columns, options)).code).toBe(code);
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
