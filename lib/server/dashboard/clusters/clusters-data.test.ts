import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { parseDashboardFilters } from '../../../schemas/dashboard-filters-schema';
import type { Database } from '../../db/database';
import { sampleKey } from '../../db/sample-key';
import { TEST_BACKENDS } from '../../db/testing/test-databases';
import { seedDashboardRuns, type SeededRuns } from '../segments/testing/seed-dashboard-runs';
import { getClusterDiagnostics } from './get-cluster-diagnostics';
import { getClusterProfiles } from './get-cluster-profiles';
import { getClusterScatter } from './get-cluster-scatter';
import { getClvBoxPlots } from './get-clv-box-plots';

// 'server-only' throws outside React Server Components; Next.js resolves it to an empty module.
vi.mock('server-only', () => ({}));

describe.each(TEST_BACKENDS)('cluster data on $name', (backend) => {
  let db: Database;
  let runs: SeededRuns;
  beforeAll(async () => {
    if (!backend.available) return;
    db = await backend.open();
    runs = await seedDashboardRuns(db);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });
  const it = test.skipIf(!backend.available);

  it('profiles the k-means clusters of the filtered customers', async () => {
    const profiles = await getClusterProfiles(runs.main, parseDashboardFilters({}), db.sql);
    expect(profiles.customers).toBe(6);
    expect(profiles.unclustered).toBe(1);
    expect(profiles.clusters.map((c) => [c.cluster, c.name, c.size])).toEqual([
      [0, 'High value · recent', 2],
      [1, 'Low value · lapsed', 3],
    ]);
    const [big, small] = profiles.clusters;
    expect(big.share).toBeCloseTo(0.4);
    expect(big.revenueShare).toBeCloseTo(1600 / 1900);
    expect(big.meanRecency).toBeCloseTo(3);
    expect(big.meanFrequency).toBeCloseTo(8);
    expect(big.meanMonetary).toBeCloseTo(800);
    expect(big.meanClv).toBeCloseTo(400);
    expect(small.share).toBeCloseTo(0.6);
    expect(small.revenueShare).toBeCloseTo(300 / 1900);
    expect(small.meanRecency).toBeCloseTo(250);
    expect(small.meanMonetary).toBeCloseTo(100);
    expect(small.meanClv).toBeCloseTo(20);
  });

  it('groups by the selected method’s column and respects the filters', async () => {
    const gmm = await getClusterProfiles(runs.main, parseDashboardFilters({ method: 'gmm' }), db.sql);
    expect(gmm.clusters.map((c) => [c.cluster, c.name, c.size])).toEqual([
      [0, 'Mid value · lapsing', 3],
      [1, 'Very high value · very recent', 1],
    ]);
    expect(gmm.unclustered).toBe(2);
    expect(gmm.clusters[0].meanMonetary).toBeCloseTo(800 / 3);
    const france = await getClusterProfiles(runs.main, parseDashboardFilters({ country: 'France' }), db.sql);
    expect(france.clusters.map((c) => [c.cluster, c.size, c.revenueShare])).toEqual([
      [0, 2, 1600 / 1700],
      [1, 1, 100 / 1700],
    ]);
  });

  it('draws the same deterministic sample by the stored sample key (FNV-1a of the id)', async () => {
    const filters = parseDashboardFilters({});
    const sample = await getClusterScatter(runs.main, filters, 3, db.sql);
    expect(sample.total).toBe(6);
    expect(sample.shown).toBe(3);
    const expected = ['a', 'b', 'c', 'd', 'e', 'f'].sort((x, y) => sampleKey(x) - sampleKey(y)).slice(0, 3);
    expect(sample.points.map((p) => p.customerId)).toEqual(expected);
    expect(await getClusterScatter(runs.main, filters, 3, db.sql)).toEqual(sample);
    const all = await getClusterScatter(runs.main, filters, 2000, db.sql);
    expect(all.shown).toBe(6);
    expect(all.points.find((p) => p.customerId === 'd')).toEqual({
      customerId: 'd', recency: 200, frequency: 2, monetary: 150, clv: null, cluster: 1, segment: 'Lost',
    });
    expect(all.points.find((p) => p.customerId === 'f')?.cluster).toBeNull();
    expect(all.clusters).toEqual([
      { cluster: 0, name: 'High value · recent' },
      { cluster: 1, name: 'Low value · lapsed' },
    ]);
  });

  it('samples only the filtered customers', async () => {
    const sample = await getClusterScatter(runs.main, parseDashboardFilters({ country: 'Germany', method: 'gmm' }), 2000, db.sql);
    expect(sample.total).toBe(2);
    expect(sample.points.map((p) => [p.customerId, p.cluster]).sort()).toEqual([
      ['c', 0],
      ['d', 0],
    ]);
    const none = await getClusterScatter(runs.main, parseDashboardFilters({ country: 'Japan' }), 2000, db.sql);
    expect(none).toEqual({ total: 0, shown: 0, points: [], clusters: [] });
  });

  it('computes CLV quartiles, Tukey whiskers and outliers per segment', async () => {
    const plots = await getClvBoxPlots(runs.custom, parseDashboardFilters({}), db.sql);
    expect(plots.customers).toBe(6);
    expect(plots.withoutClv).toBe(0);
    // Loyal Customers: CLV 1, 2, 3, 4, 100: quartiles 2, 3, 4; fences -1 and 7, so 100 is an outlier.
    expect(plots.boxes).toEqual([
      { segment: 'Champions', customers: 1, mean: 50, min: 50, q1: 50, median: 50, q3: 50, max: 50, whiskerLow: 50, whiskerHigh: 50, outliers: 0 },
      { segment: 'Loyal Customers', customers: 5, mean: 22, min: 1, q1: 2, median: 3, q3: 4, max: 100, whiskerLow: 1, whiskerHigh: 4, outliers: 1 },
    ]);
  });

  it('interpolates quartiles of two values and skips customers without a CLV', async () => {
    const plots = await getClvBoxPlots(runs.main, parseDashboardFilters({}), db.sql);
    expect(plots.withoutClv).toBe(1);
    expect(plots.boxes.map((b) => b.segment)).toEqual(['Champions', 'Lost', 'Others']);
    expect(plots.boxes[0]).toMatchObject({ customers: 2, q1: 350, median: 400, q3: 450, whiskerLow: 300, whiskerHigh: 500, outliers: 0 });
    expect(plots.boxes[1]).toMatchObject({ customers: 2, q1: 15, median: 20, q3: 25 });
    const france = await getClvBoxPlots(runs.main, parseDashboardFilters({ country: 'France', minClv: '100' }), db.sql);
    expect(france.boxes).toEqual([
      { segment: 'Champions', customers: 2, mean: 400, min: 300, q1: 350, median: 400, q3: 450, max: 500, whiskerLow: 300, whiskerHigh: 500, outliers: 0 },
    ]);
  });

  it('reads the k sweep and every method’s fit from the run’s metrics', async () => {
    const d = await getClusterDiagnostics(runs.main, db.sql);
    expect(d).toMatchObject({ status: 'done', chosenK: 2, elbowK: 3, k: 2, features: ['recency', 'frequency', 'monetary'] });
    if (d.status !== 'done') throw new Error('expected done');
    expect(d.sweep.map((e) => [e.k, e.inertia, e.silhouette])).toEqual([
      [2, 6.5, 0.61],
      [3, 3.25, 0.42],
      [4, 2.5, 0.3],
    ]);
    // Stored before runs carried warnings.
    expect(d.warnings).toEqual([]);
    expect(d.methods.kmeans).toMatchObject({ status: 'done', fit: { k: 2, silhouette: 0.61, bic: null }, note: null });
    expect(d.methods.gmm).toMatchObject({ status: 'done', fit: { k: 2, silhouette: 0.55, bic: 123.4 }, note: null });
    expect(d.methods.hierarchical).toEqual({ status: 'missing', reason: 'This run’s analysis did not include Hierarchical (Ward) clustering.' });
  });

  it.each([
    ['custom', { status: 'skipped', reason: 'Clustering needs at least 10 customers; this run has 6.' }],
    ['empty', { status: 'missing' }],
  ] as const)('says when the %s run has no clustering', async (which, expected) => {
    expect(await getClusterDiagnostics(runs[which], db.sql)).toEqual(expected);
  });
});
