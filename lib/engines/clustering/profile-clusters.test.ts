import { expect, test } from 'vitest';
import { percentileRanks, profileClusters } from './profile-clusters';
import { thrownEngineError } from '../testing/clustering';

// Six customers in three clusters: two recent big spenders, two long-gone small buyers,
// two middling one-timers.
const COLUMNS = {
  recency: Float64Array.from([5, 10, 200, 300, 20, 25]),
  frequency: Float64Array.from([20, 30, 1, 2, 1, 1]),
  monetary: Float64Array.from([1000, 3000, 50, 30, 40, 60]),
};
const LABELS = Int32Array.from([0, 0, 1, 1, 2, 2]);

test('size, shares, means and medians by hand', () => {
  const { clusters, overall } = profileClusters(LABELS, 3, COLUMNS);
  expect(clusters.map((c) => c.size)).toEqual([2, 2, 2]);
  clusters.forEach((c) => expect(c.share).toBeCloseTo(1 / 3, 12));
  // Revenue 4000, 80, 100 of 4180.
  expect(clusters[0].revenueShare).toBeCloseTo(4000 / 4180, 12);
  expect(clusters[1].revenueShare).toBeCloseTo(80 / 4180, 12);
  expect(clusters[2].revenueShare).toBeCloseTo(100 / 4180, 12);
  expect(clusters[0].means).toEqual({ recency: 7.5, frequency: 25, monetary: 2000 });
  expect(clusters[1].medians).toEqual({ recency: 250, frequency: 1.5, monetary: 40 });
  expect(overall.size).toBe(6);
  expect(overall.medians).toEqual({ recency: 22.5, frequency: 1.5, monetary: 55 });
  expect(overall.means.monetary).toBeCloseTo(4180 / 6, 12);
});

// Mid-rank percentiles (below + half of equal) / 6:
//   recency 5, 10, 200, 300, 20, 25 -> 0.5, 1.5, 4.5, 5.5, 2.5, 3.5 sixths
//   frequency 20, 30, 1, 2, 1, 1 -> 4.5, 5.5, 1.5, 3.5, 1.5, 1.5 sixths (three tied 1s share rank 1.5)
test('percentile ranks share ties', () => {
  expect(Array.from(percentileRanks(COLUMNS.frequency)).map((r) => r * 6)).toEqual([4.5, 5.5, 1.5, 3.5, 1.5, 1.5]);
});

// Cluster ranks (recency, frequency, monetary):
//   0: (1/6, 5/6, 5/6): recent = 5/6, value = 5/6      -> Very high value · very recent
//   1: (5/6, 2.5/6, 1.5/6): recent = 1/6, value = 1/4  -> Low value · long lapsed
//   2: (3/6, 1.5/6, 2.5/6): recent = 1/2, value = 5/12 -> Mid value · lapsing
test('names follow from the members ranks', () => {
  const { clusters } = profileClusters(LABELS, 3, COLUMNS);
  expect(clusters[0].ranks.recency).toBeCloseTo(1 / 6, 12);
  expect(clusters[1].ranks.frequency).toBeCloseTo(2.5 / 6, 12);
  expect(clusters.map((c) => c.name)).toEqual([
    'Very high value · very recent',
    'Low value · long lapsed',
    'Mid value · lapsing',
  ]);
});

// clv 0, 0, 9, 9, 700, 800 puts cluster 2 on top: mean clv ranks 1/6, 3/6, 5/6 for clusters 0, 1, 2.
// Value = (monetary rank + clv rank) / 2: cluster 0 (5/6 + 1/6) / 2 = 1/2 -> Mid,
// cluster 1 (1/4 + 1/2) / 2 = 3/8 -> Low, cluster 2 (5/12 + 5/6) / 2 = 5/8 -> High.
test('a profiled clv column counts towards the value level', () => {
  const clv = Float64Array.from([0, 0, 9, 9, 700, 800]);
  const { clusters } = profileClusters(LABELS, 3, { ...COLUMNS, clv });
  expect(clusters[2].ranks.clv).toBeCloseTo(10 / 12, 12);
  expect(clusters.map((c) => c.name)).toEqual(['Mid value · very recent', 'Low value · long lapsed', 'High value · lapsing']);
  expect(profileClusters(LABELS, 3, { ...COLUMNS, clv }, ['monetary'])).toMatchObject({
    clusters: [{ name: 'Very high value · very recent' }, {}, {}],
  });
});

test('extra columns are profiled too, and an empty cluster is marked', () => {
  const clv = Float64Array.from([500, 900, 0, 0, 10, 20]);
  const { clusters } = profileClusters(Int32Array.from([0, 0, 1, 1, 1, 1]), 3, { ...COLUMNS, clv });
  expect(clusters[0].means.clv).toBe(700);
  expect(clusters[1].medians.clv).toBe(5);
  expect(clusters[2].size).toBe(0);
  expect(clusters[2].name).toBe('Empty');
  expect(Number.isNaN(clusters[2].means.monetary)).toBe(true);
});

test.each([
  ['a missing monetary column', { recency: COLUMNS.recency, frequency: COLUMNS.frequency }, LABELS, 'MISSING_COLUMNS'],
  ['labels out of range', COLUMNS, Int32Array.from([0, 0, 1, 1, 2, 3]), 'INVALID_INPUT'],
  ['a NaN value', { ...COLUMNS, monetary: Float64Array.from([1, 2, 3, 4, 5, Number.NaN]) }, LABELS, 'INVALID_INPUT'],
])('rejects %s', (_, columns, labels, code) => {
  expect(thrownEngineError(() => profileClusters(labels, 3, columns)).code).toBe(code);
});
