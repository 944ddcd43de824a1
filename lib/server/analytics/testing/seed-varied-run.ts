// Test fixture: a succeeded run of `count` seeded customers with the awkward values a copy of the
// results must keep: ties, NULLs, amounts at the rounding edge, quotes, %, _ and \ in names,
// ids that sort differently by case, dates across years.
import { createRng } from '@/lib/engines';
import type { Database } from '../../db/database';
import { sampleKey } from '../../db/sample-key';

export const VARIED_COUNTRIES = ['United Kingdom', 'France', 'Germany', "Côte d'Ivoire", '50%_off\\land', 'EIRE'];
export const VARIED_SEGMENTS = ['Champions', 'Loyal Customers', 'At Risk', 'Lost', 'Others'];
const CHURN = ['Active', 'At Risk', 'Churned'];

/** A dataset with one succeeded run of `count` customers (customer_count set); returns the run id. */
export async function seedVariedRun(db: Database, count: number, seed = 11): Promise<{ runId: number; datasetId: number }> {
  const rng = createRng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rng.next() * items.length)];
  const maybe = <T>(p: number, value: T): T | null => (rng.next() < p ? null : value);
  const dataset = await db.prisma.dataset.create({
    data: { name: `varied ${seed}`, sourceFileName: 'v.csv', checksum: `v${seed}`, byteSize: 1n, rowsRead: 0, rowsKept: 0, customerCount: count, cleaningReport: {}, ingestReport: {} },
  });
  const run = await db.prisma.run.create({
    data: { datasetId: dataset.id, parameters: { seed }, status: 'succeeded', customerCount: count, metrics: { refunds: 1234.5, currency: 'GBP' } },
  });
  const rows = Array.from({ length: count }, (_, i) => {
    const segment = pick(VARIED_SEGMENTS);
    const churnStatus = pick(CHURN);
    const frequency = 1 + Math.floor(rng.next() * 12);
    // Cents with a trailing 5 (1.005, 2.675): PostgreSQL's numeric rounding must be kept.
    const monetary = rng.next() < 0.2 ? Math.floor(rng.next() * 500) + 0.005 : Math.round(rng.next() * 1e6) / 1e3;
    const clv = maybe(0.15, rng.next() < 0.05 ? 50_000 * rng.next() : Math.floor(rng.next() * 400) + (rng.next() < 0.3 ? 0.125 : 0));
    const kmeans = maybe(0.05, Math.floor(rng.next() * 3));
    const gmm = maybe(0.2, Math.floor(rng.next() * 4));
    const day = Date.UTC(2010, 11, 1) + Math.floor(rng.next() * 500) * 86_400_000 + Math.floor(rng.next() * 86_400) * 1000;
    const id = `${pick(['c', 'C', 'x-', '1', 'Z'])}${String(i).padStart(4, '0')}`;
    return {
      runId: run.id,
      customerId: id,
      sampleKey: sampleKey(id),
      country: pick(VARIED_COUNTRIES),
      homeMarket: rng.next() < 0.5,
      recency: Math.floor(rng.next() * 400),
      frequency,
      monetary,
      grossSpend: monetary * 1.1,
      refunds: rng.next() < 0.2 ? monetary * 0.3 : 0,
      averageOrderValue: monetary / frequency,
      tenure: Math.floor(rng.next() * 700),
      distinctProducts: 1 + Math.floor(rng.next() * 30),
      returnRate: rng.next() < 0.8 ? 0 : rng.next(),
      productMix: { bags: 0.5, other: 0.5 },
      rScore: 1 + Math.floor(rng.next() * 5),
      fScore: 1 + Math.floor(rng.next() * 5),
      mScore: 1 + Math.floor(rng.next() * 5),
      rfmCode: '111',
      segment,
      churnStatus,
      churnBasis: rng.next() < 0.5 ? 'rules' : 'P(alive)',
      combinedSegment: `${churnStatus} · ${segment}`,
      clusterKmeans: kmeans,
      clusterKmeansName: kmeans === null ? null : `K ${kmeans}`,
      clusterGmm: gmm,
      clusterGmmName: gmm === null ? null : `G ${gmm}`,
      clusterHierarchical: Math.floor(rng.next() * 2),
      clusterHierarchicalName: 'H',
      pAlive: maybe(0.1, rng.next() < 0.05 ? 0.0000125 : rng.next()),
      expectedPurchases: maybe(0.1, rng.next() * 5),
      expectedSpend: maybe(0.1, rng.next() * 500),
      clv,
      clvLower: clv === null ? null : clv * 0.8,
      clvUpper: clv === null ? null : clv * 1.2,
      firstPurchase: new Date(day - 86_400_000 * 30),
      lastPurchase: new Date(day),
    };
  });
  await db.prisma.customerResult.createMany({ data: rows });
  return { runId: run.id, datasetId: dataset.id };
}
