// Test fixture: two small hand-made runs whose dashboard figures can be worked out by hand.
import type { Database } from '../../../db/database';
import { sampleKey } from '../../../db/sample-key';

export interface SeededRuns {
  /** Six customers (France, Germany, EIRE), default rules, clustering done. */
  main: number;
  /** Six Spanish customers scored with custom rules, clustering skipped. */
  custom: number;
  /** A run with no results or metrics. */
  empty: number;
}

type Row = [
  customerId: string,
  country: string,
  segment: string,
  scores: [number, number, number],
  recency: number,
  frequency: number,
  monetary: number,
  clv: number | null,
  pAlive: number | null,
  kmeans: [number, string] | null,
  gmm: [number, string] | null,
];

// prettier-ignore
const MAIN_ROWS: Row[] = [
  ['a', 'France',  'Champions', [5, 5, 5],   2, 10, 1000,  500, 0.9, [0, 'High value · recent'], [1, 'Very high value · very recent']],
  ['b', 'France',  'Champions', [5, 4, 5],   4,  6,  600,  300, 0.8, [0, 'High value · recent'], [0, 'Mid value · lapsing']],
  ['c', 'Germany', 'Lost',      [1, 1, 1], 300,  1,   50,   10, 0.1, [1, 'Low value · lapsed'],  [0, 'Mid value · lapsing']],
  ['d', 'Germany', 'Lost',      [1, 2, 2], 200,  2,  150, null, null, [1, 'Low value · lapsed'],  [0, 'Mid value · lapsing']],
  ['e', 'France',  'Lost',      [1, 1, 1], 250,  1,  100,   30, 0.2, [1, 'Low value · lapsed'],  null],
  ['f', 'EIRE',    'Others',    [2, 1, 1], 150,  1,  100,   20, 0.5, null,                        null],
];

// prettier-ignore
const CUSTOM_ROWS: Row[] = [
  ['h1', 'Spain', 'Loyal Customers', [3, 3, 3], 60, 3, 200,   1, 0.6, null, null],
  ['h2', 'Spain', 'Loyal Customers', [3, 3, 3], 60, 3, 200,   2, 0.6, null, null],
  ['h3', 'Spain', 'Loyal Customers', [3, 3, 3], 60, 3, 200,   3, 0.6, null, null],
  ['h4', 'Spain', 'Loyal Customers', [3, 3, 3], 60, 3, 200,   4, 0.6, null, null],
  ['h5', 'Spain', 'Loyal Customers', [3, 3, 3], 60, 3, 200, 100, 0.6, null, null],
  ['i',  'Spain', 'Champions',       [5, 5, 5],  1, 9, 900,  50, 0.9, null, null],
];

export const CUSTOM_RULES = [
  { name: 'Loyal Customers', recency: [3, 3], frequency: [3, 3], monetary: [3, 3] },
  { name: 'Champions', recency: [5, 5], frequency: [5, 5], monetary: [5, 5] },
];

export const MAIN_CLUSTERING_METRICS = {
  status: 'done',
  features: ['recency', 'frequency', 'monetary'],
  log: true,
  k: 2,
  kFixed: false,
  chosenK: 2,
  elbowK: 3,
  silhouetteSampleSize: 6,
  silhouetteExact: true,
  sweep: [
    { k: 2, inertia: 6.5, silhouette: 0.61, calinskiHarabasz: 20, daviesBouldin: 0.5 },
    { k: 3, inertia: 3.25, silhouette: 0.42, calinskiHarabasz: 18, daviesBouldin: 0.7 },
    { k: 4, inertia: 2.5, silhouette: 0.3, calinskiHarabasz: 15, daviesBouldin: 0.9 },
  ],
  methods: {
    kmeans: { k: 2, metrics: { silhouette: 0.61, calinskiHarabasz: 20, daviesBouldin: 0.5 }, profiles: [], inertia: 6.5, converged: true },
    gmm: { k: 2, metrics: { silhouette: 0.55, calinskiHarabasz: 17, daviesBouldin: 0.6 }, profiles: [], bic: 123.4, aic: 100, logLikelihood: -40, converged: true, iterations: 12 },
  },
};

async function insertRun(db: Database, datasetId: number, parameters: object, metrics: object | null, rows: Row[]): Promise<number> {
  const run = await db.prisma.run.create({ data: { datasetId, parameters, status: 'succeeded', ...(metrics ? { metrics } : {}) } });
  await db.prisma.customerResult.createMany({
    data: rows.map(([customerId, country, segment, [rScore, fScore, mScore], recency, frequency, monetary, clv, pAlive, kmeans, gmm]) => ({
      runId: run.id,
      customerId,
      sampleKey: sampleKey(customerId),
      country,
      homeMarket: country === 'France',
      recency,
      frequency,
      monetary,
      averageOrderValue: monetary / frequency,
      tenure: 365,
      distinctProducts: 1,
      returnRate: 0,
      productMix: {},
      rScore,
      fScore,
      mScore,
      rfmCode: `${rScore}${fScore}${mScore}`,
      segment,
      churnStatus: 'Active',
      clusterKmeans: kmeans?.[0] ?? null,
      clusterKmeansName: kmeans?.[1] ?? null,
      clusterGmm: gmm?.[0] ?? null,
      clusterGmmName: gmm?.[1] ?? null,
      pAlive,
      clv,
      firstPurchase: new Date('2024-01-01'),
      lastPurchase: new Date('2024-06-01'),
    })),
  });
  return run.id;
}

/** Seeds the three runs into an empty, migrated database. */
export async function seedDashboardRuns(db: Database): Promise<SeededRuns> {
  const dataset = await db.prisma.dataset.create({
    data: { name: 'd', sourceFileName: 'd.csv', checksum: 'x', byteSize: 1n, rowsRead: 0, rowsKept: 0, customerCount: 0, cleaningReport: {}, ingestReport: {} },
  });
  const main = await insertRun(db, dataset.id, { seed: 7 }, { clustering: MAIN_CLUSTERING_METRICS }, MAIN_ROWS);
  const custom = await insertRun(
    db,
    dataset.id,
    { seed: 7, segmentRules: CUSTOM_RULES },
    { clustering: { status: 'skipped', reason: 'Clustering needs at least 10 customers; this run has 6.', code: 'TOO_FEW_CUSTOMERS' } },
    CUSTOM_ROWS,
  );
  const empty = await insertRun(db, dataset.id, { segmentRules: [{ name: 'Others', recency: [1, 5], frequency: [1, 5], monetary: [1, 5] }] }, null, []);
  return { main, custom, empty };
}
