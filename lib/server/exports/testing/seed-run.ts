// Test helper: a dataset with one succeeded run and hand-written customers, for export and
// audience tests that need exact answers.
import type { Database } from '../../db/database';
import { sampleKey } from '../../db/sample-key';

export interface SeedCustomer {
  customerId: string;
  country: string;
  segment: string;
  frequency: number;
  clv: number | null;
  clusterKmeans?: number;
  clusterKmeansName?: string;
  clusterGmm?: number;
  clusterGmmName?: string;
  pAlive?: number | null;
  churnStatus?: string;
  churnBasis?: string;
  combinedSegment?: string;
}

/** A succeeded run (finished at `finishedAt`, with `metrics` when given) holding `customers`; returns its id. */
export async function seedRun(
  db: Database,
  customers: readonly SeedCustomer[],
  finishedAt = new Date('2024-01-01T00:00:00Z'),
  metrics?: object,
): Promise<number> {
  const dataset = await db.prisma.dataset.create({
    data: { name: 'd', sourceFileName: 'd.csv', checksum: 'x', byteSize: 1n, rowsRead: 0, rowsKept: 0, customerCount: 0, cleaningReport: {}, ingestReport: {} },
  });
  const run = await db.prisma.run.create({ data: { datasetId: dataset.id, parameters: {}, status: 'succeeded', finishedAt, ...(metrics ? { metrics } : {}) } });
  await db.prisma.customerResult.createMany({
    data: customers.map((c) => ({
      runId: run.id,
      homeMarket: c.country === 'United Kingdom',
      recency: 10,
      monetary: 100.5,
      averageOrderValue: 50.25,
      tenure: 100,
      distinctProducts: 3,
      returnRate: 0,
      productMix: {},
      rScore: 5,
      fScore: 4,
      mScore: 3,
      rfmCode: '543',
      churnStatus: 'Active',
      pAlive: 0.75,
      expectedPurchases: 1.5,
      firstPurchase: new Date('2011-01-01T10:00:00Z'),
      lastPurchase: new Date('2011-06-30T10:00:00Z'),
      sampleKey: sampleKey(c.customerId),
      ...c,
    })),
  });
  return run.id;
}
