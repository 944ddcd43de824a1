import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { LOCK_FILE_NAME, processStartTime } from './data-dir-lock';
import { closeDatabase, databaseConfigFromEnv, getDatabase, openDatabase, type Database } from './database';
import { Prisma } from './generated/client';
import { DRIVER_TEST_BACKENDS } from './testing/test-databases';

describe('databaseConfigFromEnv', () => {
  test.each([
    [{}, { kind: 'pglite', dataDir: resolve('data') }],
    [{ SEGMENTA_DATA_DIR: '/srv/segmenta' }, { kind: 'pglite', dataDir: '/srv/segmenta' }],
    [{ SEGMENTA_DATA_DIR: 'rel/dir', DATABASE_URL: '' }, { kind: 'pglite', dataDir: resolve('rel/dir') }],
    [{ DATABASE_URL: 'postgres://u:p@db:5432/seg' }, { kind: 'postgres', url: 'postgres://u:p@db:5432/seg' }],
    [{ DATABASE_URL: 'postgresql://db/seg', SEGMENTA_DATA_DIR: '/ignored' }, { kind: 'postgres', url: 'postgresql://db/seg' }],
  ])('%o -> %o', (env, expected) => {
    expect(databaseConfigFromEnv(env)).toEqual(expected);
  });

  test('any other DATABASE_URL is refused with the reason', () => {
    expect(() => databaseConfigFromEnv({ DATABASE_URL: 'file:./dev.db' })).toThrow(/must start with postgres:\/\//);
  });
});

const at = (iso: string) => new Date(iso);

for (const backend of DRIVER_TEST_BACKENDS) {
  describe.skipIf(!backend.available)(`every model through the generated client on ${backend.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await backend.open();
    });
    afterAll(() => db?.close());

    test('opening applied the migrations', () => {
      expect(db.migrations?.applied.length).toBeGreaterThan(0);
      expect(db.kind).toBe(backend.name.startsWith('PGlite') ? 'pglite' : 'postgres');
    });

    test('each field of each model is written and read back unchanged', async () => {
      const { prisma } = db;
      const dataset = {
        name: 'Online Retail 2011',
        sourceFileName: 'online_retail.csv.gz',
        checksum: 'f'.repeat(64),
        byteSize: 23_715_344_000n,
        rowsRead: 541_909,
        rowsKept: 397_884,
        returnRows: 8_905,
        customerCount: 4_338,
        firstDate: at('2010-12-01T08:26:00.000Z'),
        lastDate: at('2011-12-09T12:50:00.000Z'),
        options: { dateOrder: 'month-first', dropDuplicates: false, columns: { invoice: 'InvoiceNo' } },
        cleaningReport: { totalRows: 541_909, dropped: { missingCustomer: 135_080 }, countries: [{ country: 'EIRE', rows: 7 }] },
        ingestReport: { encoding: 'utf-8', gzip: true, header: ['InvoiceNo', 'StockCode'], warnings: [] },
        currency: 'GBP',
        valueBasis: 'gross',
        linesState: 'saving',
        linesOwner: 'server-1',
        linesHeartbeatAt: at('2026-01-02T03:05:00.000Z'),
        createdAt: at('2026-01-02T03:04:05.678Z'),
      };
      const { id: datasetId, ...datasetRead } = await prisma.dataset.create({ data: dataset });
      expect(datasetRead).toEqual(dataset);

      const line = {
        datasetId,
        line: 41,
        invoice: 'C536379',
        stockCode: '85123A',
        description: 'Says "hi", then\nleaves ✓',
        quantity: -12,
        unitPrice: 2.55,
        amount: -30.6,
        orderTotal: null,
        orderRefund: 0,
        kind: 1,
        reference: '536370',
        invoiceDate: at('2010-12-01T08:26:00.000Z'),
        customerId: '17850',
        country: 'United Kingdom',
        isReturn: true,
      };
      await prisma.transaction.create({ data: line });
      expect(await prisma.transaction.findUniqueOrThrow({ where: { datasetId_line: { datasetId, line: 41 } } })).toEqual(line);

      const starter = await prisma.user.create({ data: { id: 'user-1', name: 'Marketer', email: 'marketer@example.com', role: 'analyst' } });
      const run = {
        datasetId,
        ownerInstance: 'instance-a',
        heartbeatAt: at('2026-01-02T03:04:29.000Z'),
        userId: starter.id,
        actor: 'marketer@example.com',
        parameters: { seed: 7, method: 'all', kMin: 2, kMax: 10 },
        status: 'succeeded' as const,
        progress: 1,
        progressMessage: 'Done',
        stageTimings: { ingest: 812.5, clean: 40.25 },
        metrics: { chosenK: 2, sweep: [{ k: 2, silhouette: 0.4326 }], bgnbd: { r: 0.826542 }, holdout: null },
        models: { version: 1, rfm: { recencyBreaks: [30.5, 90, 180, 365] }, clustering: null },
        customerCount: 4338,
        error: null,
        createdAt: at('2026-01-02T03:04:06.000Z'),
        startedAt: at('2026-01-02T03:04:07.000Z'),
        finishedAt: at('2026-01-02T03:04:30.123Z'),
      };
      const { id: runId, ...runRead } = await prisma.run.create({ data: run });
      expect(runRead).toEqual(run);
      const failed = await prisma.run.create({ data: { datasetId, parameters: {}, status: 'failed', error: 'Nothing to analyse.' } });
      expect(failed).toMatchObject({ status: 'failed', progress: 0, progressMessage: null, stageTimings: null, metrics: null, startedAt: null });

      const customer = {
        runId,
        customerId: '12346',
        country: 'United Kingdom',
        homeMarket: true,
        recency: 326,
        frequency: 1,
        monetary: 77183.6,
        occasions: 9,
        grossSpend: 77283.6,
        refunds: 100,
        averageOrderValue: 77183.6,
        tenure: 326,
        distinctProducts: 1,
        returnRate: 1,
        productMix: { bags: 0, kitchen: 0.25, 'home decor': 0.75, toys: 0, other: 0 },
        rScore: 1,
        fScore: 1,
        mScore: 5,
        rfmCode: '115',
        segment: "Can't Lose Them",
        churnStatus: 'Churned',
        churnBasis: 'rules',
        combinedSegment: "Churned · Can't Lose Them",
        clusterKmeans: 0,
        clusterKmeansName: 'Very high value · long lapsed',
        clusterGmm: 1,
        clusterGmmName: 'High value · lapsed',
        clusterHierarchical: null,
        clusterHierarchicalName: null,
        pAlive: 0.123456789012345,
        expectedPurchases: 0.0123,
        expectedSpend: 7.5e-7,
        clv: 1026.79,
        clvLower: 900.5,
        clvUpper: 1200.25,
        firstPurchase: at('2011-01-18T10:01:00.000Z'),
        lastPurchase: at('2011-01-18T10:01:00.000Z'),
        sampleKey: -2_147_483_648,
      };
      await prisma.customerResult.create({ data: customer });
      expect(await prisma.customerResult.findUniqueOrThrow({ where: { runId_customerId: { runId, customerId: '12346' } } })).toEqual(customer);

      const audience = { name: 'UK champions', filter: { country: ['United Kingdom'], segment: ['Champions'] }, createdAt: at('2026-02-01T00:00:00.000Z') };
      const { id: audienceId, updatedAt, ...audienceRead } = await prisma.audience.create({ data: audience });
      expect(audienceRead).toEqual({ ...audience, datasetId: null, runId: null, attribution: 'saved' });
      expect(updatedAt).toBeInstanceOf(Date);

      const exportLog = { actor: 'marketer@example.com', userId: starter.id, filter: { clvMin: 500 }, audienceId, runId, rowCount: 348, createdAt: at('2026-02-01T00:00:01.000Z') };
      const { id: exportId, ...exportRead } = await prisma.exportLog.create({ data: exportLog });
      expect(exportRead).toEqual(exportLog);

      // Deleting an audience or a run keeps the export log; deleting a dataset removes its lines, runs and results.
      await prisma.audience.delete({ where: { id: audienceId } });
      await prisma.dataset.delete({ where: { id: datasetId } });
      expect(await prisma.exportLog.findUniqueOrThrow({ where: { id: exportId } })).toMatchObject({ audienceId: null, runId: null });
      expect(await prisma.transaction.count({ where: { datasetId } })).toBe(0);
      expect(await prisma.run.count({ where: { datasetId } })).toBe(0);
      expect(await prisma.customerResult.count({ where: { runId } })).toBe(0);
    });

    test('audience names are unique', async () => {
      await db.prisma.audience.create({ data: { name: 'Lapsed', filter: {} } });
      const duplicate = db.prisma.audience.create({ data: { name: 'Lapsed', filter: {} } });
      await expect(duplicate).rejects.toSatisfy((e) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002');
    });

    test('raw SQL runs on the same database, inside and outside transactions', async () => {
      const { sql, prisma } = db;
      await sql.query(`INSERT INTO audience (name, filter) VALUES ($1, $2::jsonb)`, ['From SQL', JSON.stringify({ a: 1 })]);
      expect(await prisma.audience.findUnique({ where: { name: 'From SQL' } })).toMatchObject({ filter: { a: 1 } });
      await expect(
        sql.transaction(async (tx) => {
          await tx.query(`INSERT INTO audience (name, filter) VALUES ('Rolled back', '{}')`);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await prisma.audience.findUnique({ where: { name: 'Rolled back' } })).toBeNull();
      const { rows } = await sql.transaction((tx) => tx.transaction((inner) => inner.query<{ n: number }>('SELECT count(*)::int AS n FROM audience')));
      expect(rows[0].n).toBe(await prisma.audience.count());
    });
  });
}

test('on PGlite, a Prisma transaction waits for a long raw transaction instead of failing', async () => {
  const db = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    let released = false;
    const hold = db.sql.transaction(async (tx) => {
      await tx.query('SELECT 1');
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      released = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const count = await db.prisma.$transaction(async (p) => {
      expect(released).toBe(true);
      return p.audience.count();
    });
    expect(count).toBe(0);
    await hold;
  } finally {
    await db.close();
  }
});

describe('PGlite in a data folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'segmenta-data-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('is created and migrated on first open, keeps its data, and is not migrated twice', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect(first.location).toBe(dir);
    expect(first.migrations?.applied.length).toBeGreaterThan(0);
    await first.prisma.audience.create({ data: { name: 'Persisted', filter: { keep: true } } });
    await first.close();
    expect(existsSync(join(dir, 'pglite', 'PG_VERSION'))).toBe(true);

    const second = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      expect(second.migrations).toMatchObject({ applied: [] });
      expect(await second.prisma.audience.findUniqueOrThrow({ where: { name: 'Persisted' } })).toMatchObject({ filter: { keep: true } });
    } finally {
      await second.close();
    }
  });

  test('is opened by one process at a time; a lock left by a dead process is taken over', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      expect(JSON.parse(await readFile(join(dir, LOCK_FILE_NAME), 'utf8'))).toEqual({ pid: process.pid, startTime: processStartTime(process.pid) });
      await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toThrow(/is in use \(this process already has it open\)/);
    } finally {
      await db.close();
    }
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);

    await writeFile(join(dir, LOCK_FILE_NAME), '1');
    await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toThrow(/is in use \(process 1 has it open\)/);
    await writeFile(join(dir, LOCK_FILE_NAME), '2147483646');
    const again = await openDatabase({ kind: 'pglite', dataDir: dir });
    await again.close();
  });
});

describe('getDatabase', () => {
  const saved = { dir: process.env.SEGMENTA_DATA_DIR, url: process.env.DATABASE_URL };
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'segmenta-singleton-'));
  });
  afterEach(async () => {
    await closeDatabase();
    process.env.SEGMENTA_DATA_DIR = saved.dir;
    process.env.DATABASE_URL = saved.url;
    if (saved.dir === undefined) delete process.env.SEGMENTA_DATA_DIR;
    if (saved.url === undefined) delete process.env.DATABASE_URL;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('opens one database per process from the environment, shared by every caller', async () => {
    process.env.SEGMENTA_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    const [a, b] = await Promise.all([getDatabase(), getDatabase()]);
    expect(a).toBe(b);
    expect(a).toMatchObject({ kind: 'pglite', location: dir });
    expect(await getDatabase()).toBe(a);
    await closeDatabase();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    // A first open creates the cluster on disk and migrates it: over a minute on a loaded machine.
  }, 240_000);

  test('forgets a failed open, so the next call tries again', async () => {
    process.env.DATABASE_URL = 'mysql://nope';
    await expect(getDatabase()).rejects.toThrow(/DATABASE_URL must start with postgres/);
    process.env.DATABASE_URL = '';
    process.env.SEGMENTA_DATA_DIR = dir;
    await expect(getDatabase()).resolves.toMatchObject({ kind: 'pglite' });
  });
});
