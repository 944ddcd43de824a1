import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { parseDashboardFilters } from '../../../schemas/dashboard-filters-schema';
import type { Database } from '../../db/database';
import { TEST_BACKENDS } from '../../db/testing/test-databases';
import { sampleKey } from '../../db/sample-key';

vi.mock('server-only', () => ({}));
let current: Database | undefined;
vi.mock('../../db/database', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../db/database')>()),
  getDatabase: async () => current,
}));

const { clvBinEdges, getClvDistribution, niceStep } = await import('./get-clv-distribution');
const { getLifetimeValueHeatmap } = await import('./get-lifetime-value-heatmap');
const { listTopClvCustomers } = await import('./list-top-clv-customers');
const { getLifetimeValueModel, lifetimeValueFromSummary } = await import('./get-lifetime-value-model');
const { getModelComparison, modelComparisonFromSummary } = await import('./get-model-comparison');
const { getLifetimeValueNotes, lifetimeValueNotesFromSummary } = await import('./get-lifetime-value-notes');

test.each([
  [29.205, 50],
  [0.07, 0.1],
  [2, 2],
  [2.2, 2.5],
  [600, 1000],
  [0, 1],
])('niceStep(%d) = %d', (raw, step) => {
  expect(niceStep(raw)).toBeCloseTo(step, 12);
});

test('bins run from the minimum to the 99th percentile in nice widths', () => {
  expect(clvBinEdges(5, 589.1)).toEqual({ start: 0, width: 50, count: 12 });
  expect(clvBinEdges(-30, 170)).toEqual({ start: -30, width: 10, count: 20 });
  expect(clvBinEdges(7, 7)).toEqual({ start: 7, width: 0.5, count: 1 });
});

// The demo's fitted models as summarizeAnalysis stores them (trimmed to what the page reads).
const DEMO_SUMMARY = {
  lifetimeValue: {
    status: 'done',
    model: 'bgnbd',
    unit: 'weeks',
    horizonMonths: 6,
    discountRate: 0.01,
    purchaseModel: {
      params: { r: 0.619633, alpha: 5.32298, a: 0.875725, b: 4.22957 },
      standardErrors: { r: 0.0206624, alpha: 0.247135, a: 0.130267, b: 0.804079 },
      logLikelihood: -30125.4412,
      customers: 4000,
      converged: true,
      warnings: [],
    },
    spendModel: {
      status: 'fitted',
      params: { p: 2.92002, q: 2.1631, gamma: 161.056 },
      standardErrors: { p: 0.232591, q: 0.0797508, gamma: 18.4667 },
      logLikelihood: -17853.9006,
      customers: 2622,
      converged: true,
      warnings: [],
      populationMeanSpend: 404.34,
    },
    spendSource: 'gamma-gamma',
    interval: { level: 0.9 },
    warnings: [],
  },
  holdout: {
    status: 'done',
    calibrationEnd: '2024-09-24',
    holdoutLength: 14.1429,
    unit: 'weeks',
    customers: 3110,
    model: { purchases: { mae: 0.864661, rmse: 1.48445, bias: -0.131887 }, spend: { mae: 399.67, rmse: 1384.69, bias: -53.7633 }, totalPurchases: 2322.83 },
    naive: { purchases: { mae: 1.07902, rmse: 2.01131, bias: 0.180661 }, spend: { mae: 490.176, rmse: 1687.12, bias: 84.5385 }, totalPurchases: 3294.86 },
    actual: { totalPurchases: 2733, totalSpend: 1146641.84 },
    calibrationTable: [
      { x: 0, label: '0', customers: 1225, meanActual: 0.5306, meanPredicted: 0.4215, meanNaive: 0 },
      { x: 7, label: '7+', customers: 202, meanActual: 3.411, meanPredicted: 2.827, meanNaive: 4.538 },
    ],
  },
};

const CAVEAT = 'On the holdout period MBG/NBD predicted spend 4 % worse than the naive baseline (each customer keeps their past rate): read CLV as a ranking, not a forecast.';
const ONE_TIME_NOTE = 'P(alive) is not shown for the 17 one-time buyers: BG/NBD sets it to 100 % for anyone without a repeat purchase, so their churn status follows the days-silent rule.';
const score = (purchasesMae: number, spendMae: number) => ({
  purchases: { mae: purchasesMae, rmse: 2 * purchasesMae, bias: -0.1 },
  spend: { mae: spendMae, rmse: 3 * spendMae, bias: 5 },
  totalPurchases: 100,
  totalSpend: 1000,
});
const NAIVE = score(1.07902, 490.176);
// Three models compared: BG/NBD fitted with its dropout a not identified and scored; MBG/NBD chosen;
// Pareto/NBD could not be fitted on either period.
const COMPARED_SUMMARY = {
  ...DEMO_SUMMARY,
  lifetimeValue: {
    ...DEMO_SUMMARY.lifetimeValue,
    modelLabel: 'BG/NBD',
    choice: { model: 'bgnbd', by: 'holdout', reason: 'BG/NBD predicted each customer’s holdout purchases best (mean absolute error 0.8647).' },
    fitEnd: null,
    pAliveShown: 102,
    pAliveNote: ONE_TIME_NOTE,
    caveat: CAVEAT,
  },
  churnBasis: { pAlive: 102, rules: 18, thresholds: { atRiskBelow: 0.7, churnedBelow: 0.3 } },
  purchaseModels: [
    {
      model: 'bgnbd',
      label: 'BG/NBD',
      chosen: true,
      fit: {
        status: 'fitted',
        params: { r: 0.62, alpha: 5.3, a: 0.001, b: 4.2 },
        standardErrors: { r: 0.02, alpha: 0.25, a: 3.5, b: 0.8 },
        intervals: { r: { lower: 0.58, upper: 0.66 }, alpha: { lower: 4.8, upper: 5.8 }, a: { lower: 1e-9, upper: 900 }, b: { lower: 2.6, upper: 5.8 } },
        notIdentified: ['a'],
        logLikelihood: -30125.44,
        customers: 4000,
        converged: true,
        warnings: [],
      },
      holdout: { status: 'scored', model: score(0.864661, 399.67), naive: NAIVE, beatsNaive: { purchases: true, spend: true } },
    },
    {
      model: 'mbgnbd',
      label: 'MBG/NBD',
      chosen: false,
      fit: {
        status: 'fitted',
        params: { r: 0.6, alpha: 5, a: 0.9, b: 4 },
        standardErrors: { r: 0.02, alpha: 0.2, a: 0.6, b: 0.8 },
        notIdentified: [],
        logLikelihood: -30130.1,
        customers: 4000,
        converged: true,
        warnings: [],
      },
      holdout: { status: 'scored', model: score(0.9, 510), naive: NAIVE, beatsNaive: { purchases: true, spend: false } },
    },
    {
      model: 'pnbd',
      label: 'Pareto/NBD',
      chosen: false,
      fit: { status: 'failed', reason: 'The optimiser did not converge.' },
      holdout: { status: 'failed', reason: 'The optimiser did not converge.' },
    },
  ],
};

test('the three purchase models side by side: intervals as fitted, unidentified parameters flagged, holdout errors against the naive baseline', () => {
  const dto = modelComparisonFromSummary(COMPARED_SUMMARY as never);
  expect(dto.models.map((m) => [m.model, m.label, m.chosen, m.fit?.status, m.holdout?.status])).toEqual([
    ['bgnbd', 'BG/NBD', true, 'fitted', 'scored'],
    ['mbgnbd', 'MBG/NBD', false, 'fitted', 'scored'],
    ['pnbd', 'Pareto/NBD', false, 'failed', 'failed'],
  ]);
  const bg = dto.models[0];
  if (bg.fit?.status !== 'fitted' || bg.holdout?.status !== 'scored') throw new Error('expected a fitted, scored BG/NBD');
  expect(bg.fit.notIdentified).toEqual(['a']);
  expect(bg.fit.parameters.map((p) => [p.name, p.lower, p.upper, p.notIdentified])).toEqual([
    ['r', 0.58, 0.66, false],
    ['alpha', 4.8, 5.8, false],
    ['a', 1e-9, 900, true],
    ['b', 2.6, 5.8, false],
  ]);
  expect(bg.fit.logLikelihood).toBe(-30125.44);
  expect(bg.holdout.purchases).toEqual({ model: { mae: 0.864661, rmse: 1.729322, bias: -0.1 }, naive: { mae: 1.07902, rmse: 2.15804, bias: -0.1 } });
  expect(bg.holdout.spend.naive.mae).toBe(490.176);
  const mbg = dto.models[1];
  // Without stored intervals: estimate ± 1.96 SE, the lower bound cut at zero.
  expect(mbg.fit?.status === 'fitted' && mbg.fit.parameters[2]).toMatchObject({ name: 'a', lower: 0, upper: 0.9 + 1.96 * 0.6, lowerCut: true, notIdentified: false });
  expect(mbg.holdout?.status === 'scored' && mbg.holdout.beatsNaive).toEqual({ purchases: true, spend: false });
  expect(dto.models[2].fit).toEqual({ status: 'failed', reason: 'The optimiser did not converge.' });
  expect(dto.choice).toEqual({ label: 'BG/NBD', by: 'holdout', reason: 'BG/NBD predicted each customer’s holdout purchases best (mean absolute error 0.8647).' });
  expect(dto.holdout).toEqual({ calibrationEnd: '2024-09-24', holdoutLength: 14.1429, unit: 'weeks', customers: 3110 });
  // A run stored before the comparison has none.
  expect(modelComparisonFromSummary(DEMO_SUMMARY as never)).toEqual({ models: [], choice: null, holdout: expect.objectContaining({ customers: 3110 }) });
  expect(modelComparisonFromSummary(null)).toEqual({ models: [], choice: null, holdout: null });
});

test('the chosen model carries its choice, caveat and P(alive) note; Pareto/NBD reads s and beta, and an unidentified dropout is said', () => {
  const bg = lifetimeValueFromSummary(COMPARED_SUMMARY as never, null).lifetimeValue;
  expect(bg).toMatchObject({ status: 'done', model: 'bgnbd', modelLabel: 'BG/NBD', caveat: CAVEAT, pAliveNote: ONE_TIME_NOTE, choice: { by: 'holdout' } });
  const pnbdFit = {
    params: { r: 0.6, alpha: 5, s: 0.5, beta: 20 },
    standardErrors: { r: 0.02, alpha: 0.2, s: 4, beta: 900 },
    notIdentified: ['s', 'beta'],
    logLikelihood: -30120,
    customers: 4000,
    converged: true,
    warnings: [],
  };
  const pnbd = lifetimeValueFromSummary({ lifetimeValue: { ...COMPARED_SUMMARY.lifetimeValue, model: 'pnbd', modelLabel: 'Pareto/NBD', purchaseModel: pnbdFit } } as never, null).lifetimeValue;
  if (pnbd.status !== 'done') throw new Error('expected fitted models');
  expect(pnbd.purchase.parameters.map((p) => [p.name, p.notIdentified])).toEqual([
    ['r', false],
    ['alpha', false],
    ['s', true],
    ['beta', true],
  ]);
  expect(pnbd.purchase).toMatchObject({ meanDropout: null, meanDropoutRate: 0.025, dropoutIdentified: false });
  expect(pnbd.modelLabel).toBe('Pareto/NBD');
  const demo = lifetimeValueFromSummary(DEMO_SUMMARY as never, null).lifetimeValue;
  expect(demo).toMatchObject({ choice: null, caveat: null, pAliveNote: null, purchase: { dropoutIdentified: true, meanDropoutRate: null, notIdentified: [] } });
});

test('notes: the caveat, the P(alive) note and the churn basis, null for runs stored before them', () => {
  expect(lifetimeValueNotesFromSummary(COMPARED_SUMMARY as never)).toEqual({
    ran: true,
    skippedReason: null,
    model: 'bgnbd',
    modelLabel: 'BG/NBD',
    horizonMonths: 6,
    pAliveShown: 102,
    pAliveNote: ONE_TIME_NOTE,
    caveat: CAVEAT,
    churnBasis: { pAlive: 102, rules: 18, atRiskBelow: 0.7, churnedBelow: 0.3 },
  });
  expect(lifetimeValueNotesFromSummary(DEMO_SUMMARY as never)).toMatchObject({ ran: true, modelLabel: 'BG/NBD', pAliveShown: null, pAliveNote: null, caveat: null, churnBasis: null });
  expect(lifetimeValueNotesFromSummary({ lifetimeValue: { status: 'skipped', reason: 'No repeat buyers.' } } as never)).toMatchObject({ ran: false, skippedReason: 'No repeat buyers.', caveat: null, horizonMonths: null });
});

test('model parameters get 95 % intervals, cut at zero, and the holdout its sentences', () => {
  const dto = lifetimeValueFromSummary(DEMO_SUMMARY as never, 'GBP');
  if (dto.lifetimeValue.status !== 'done' || dto.holdout.status !== 'done') throw new Error('expected fitted models');
  const r = dto.lifetimeValue.purchase.parameters[0];
  expect(r.name).toBe('r');
  expect(r.lower).toBeCloseTo(0.619633 - 1.96 * 0.0206624, 9);
  expect(r.upper).toBeCloseTo(0.619633 + 1.96 * 0.0206624, 9);
  expect(dto.lifetimeValue.purchase.meanRate).toBeCloseTo(0.619633 / 5.32298, 9);
  expect(dto.lifetimeValue.purchase.meanDropout).toBeCloseTo(0.875725 / (0.875725 + 4.22957), 9);
  expect(dto.lifetimeValue.modelLabel).toBe('BG/NBD');
  expect(dto.lifetimeValue.spend.status === 'fitted' && dto.lifetimeValue.spend.parameters.map((p) => p.name)).toEqual(['p', 'q', 'gamma']);
  expect(dto.holdout.purchaseSentence).toBe(
    "On the 99 days held back, the model's purchase forecasts were off by 0.86 purchases per customer on average, against 1.08 for simply carrying each customer's past rate forward: 20 % better.",
  );
  expect(dto.holdout.spendSentence).toBe(
    "On the 99 days held back, the model's spend forecasts were off by £399.67 per customer on average, against £490.18 for simply carrying each customer's past spending rate forward: 18 % better.",
  );
  expect(dto.holdout.calibrationTable[1]).toEqual({ label: '7+', customers: 202, actual: 3.411, predicted: 2.827, naive: 4.538 });

  const wide = lifetimeValueFromSummary({
    lifetimeValue: { ...DEMO_SUMMARY.lifetimeValue, purchaseModel: { ...DEMO_SUMMARY.lifetimeValue.purchaseModel, standardErrors: { r: null, alpha: 1, a: 0.010124, b: 21.4448 }, params: { r: 0.8, alpha: 9.8, a: 0.00343738, b: 6.7452 } } },
  } as never, null);
  if (wide.lifetimeValue.status !== 'done') throw new Error('expected fitted models');
  expect(wide.lifetimeValue.purchase.parameters[0]).toMatchObject({ estimate: 0.8, standardError: null, lower: null, upper: null });
  expect(wide.lifetimeValue.purchase.parameters[2]).toMatchObject({ lower: 0, lowerCut: true });
  expect(wide.holdout).toEqual({ status: 'skipped', reason: 'This run has no holdout validation.' });
});

test('a skipped stage keeps its reason', () => {
  const dto = lifetimeValueFromSummary({
    lifetimeValue: { status: 'skipped', reason: 'Only one customer bought more than once.', code: 'x' },
    holdout: { status: 'skipped', reason: 'The data span too few days for a holdout.', code: 'y' },
  } as never, null);
  expect(dto).toEqual({
    lifetimeValue: { status: 'skipped', reason: 'Only one customer bought more than once.' },
    holdout: { status: 'skipped', reason: 'The data span too few days for a holdout.' },
  });
  expect(lifetimeValueFromSummary(null, null).lifetimeValue).toEqual({ status: 'skipped', reason: 'This run has no lifetime-value results.' });
});

describe.each(TEST_BACKENDS)('lifetime-value views on $name', (backend) => {
  let runId = 0;
  // 120 customers: CLV 5 x i (none for customer 120), frequency 1 + i % 7, recency 3 x i days, P(alive) 1 / frequency
  // except for one-time buyers (none: BG/NBD fixes it at 100 %).
  const customers = Array.from({ length: 120 }, (_, k) => {
    const i = k + 1;
    return { i, id: `C${String(i).padStart(3, '0')}`, france: i % 3 === 0, frequency: 1 + (i % 7), recency: 3 * i, clv: i === 120 ? null : 5 * i };
  });
  beforeAll(async () => {
    if (!backend.available) return;
    const db = await backend.open();
    current = db;
    const dataset = await db.prisma.dataset.create({
      data: { name: 'd', sourceFileName: 'd.csv', checksum: 'x', byteSize: 1n, rowsRead: 0, rowsKept: 0, customerCount: 0, cleaningReport: {}, ingestReport: {} },
    });
    const run = await db.prisma.run.create({ data: { datasetId: dataset.id, parameters: {}, status: 'succeeded', metrics: COMPARED_SUMMARY } });
    runId = run.id;
    await db.prisma.customerResult.createMany({
      data: customers.map((c) => ({
        runId,
        customerId: c.id,
        sampleKey: sampleKey(c.id),
        country: c.france ? 'France' : 'United Kingdom',
        homeMarket: !c.france,
        recency: c.recency,
        frequency: c.frequency,
        monetary: 10 * c.i,
        averageOrderValue: 10,
        tenure: 400,
        distinctProducts: 3,
        returnRate: 0,
        productMix: {},
        rScore: 3,
        fScore: 3,
        mScore: 3,
        rfmCode: '333',
        segment: c.i <= 60 ? 'Champions' : 'Lost',
        churnStatus: 'Active',
        clv: c.clv,
        clvLower: c.clv === null ? null : c.clv - 1,
        clvUpper: c.clv === null ? null : c.clv + 1,
        pAlive: c.clv === null || c.frequency === 1 ? null : 1 / c.frequency,
        expectedPurchases: c.clv === null ? null : c.frequency / 2,
        firstPurchase: new Date('2024-01-01'),
        lastPurchase: new Date('2024-12-01'),
      })),
    });
  }, 120_000);
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });

  test.skipIf(!backend.available)('CLV histogram: 12 bins of 50 from 0, counted in SQL, and the filtered totals', async () => {
    const all = await getClvDistribution(runId, parseDashboardFilters({}));
    expect(all).toMatchObject({ customers: 120, withClv: 119, total: (5 * 119 * 120) / 2, median: 300 });
    expect(all.mean).toBeCloseTo(300, 9);
    expect(all.bins.map((b) => [b.from, b.to, b.customers])).toEqual([
      [0, 50, 9],
      ...Array.from({ length: 11 }, (_, k) => [50 * (k + 1), 50 * (k + 2), 10]),
    ]);
    // France: CLV 15, 30, ..., 585 (39 customers); p99 = 570 + 0.62 x 15 = 579.3, so again 12 bins of 50 and no open bin.
    const france = await getClvDistribution(runId, parseDashboardFilters({ country: 'France' }));
    expect(france.withClv).toBe(39);
    expect(france.bins.map((b) => b.customers)).toEqual([3, 3, 3, 4, 3, 3, 4, 3, 3, 4, 3, 3]);
    const none = await getClvDistribution(runId, parseDashboardFilters({ minClv: '10000' }));
    expect(none).toMatchObject({ customers: 0, withClv: 0, total: null, bins: [] });
  });

  test.skipIf(!backend.available)('the top bin is open above the 99th percentile when the tail is long', async () => {
    await current!.sql.query(`UPDATE customer_result SET clv = 100000 WHERE run_id = $1 AND customer_id = 'C119'`, [runId]);
    try {
      const dto = await getClvDistribution(runId, parseDashboardFilters({}));
      expect(dto.bins.at(-1)).toEqual({ from: dto.bins.at(-2)!.to, to: null, customers: 1 });
      expect(dto.bins.reduce((s, b) => s + b.customers, 0)).toBe(119);
    } finally {
      await current!.sql.query(`UPDATE customer_result SET clv = 595 WHERE run_id = $1 AND customer_id = 'C119'`, [runId]);
    }
  });

  test.skipIf(!backend.available)('heatmap cells average P(alive) and expected purchases per frequency x recency bucket', async () => {
    const heatmap = await getLifetimeValueHeatmap(runId, parseDashboardFilters({}));
    expect(heatmap.frequencyBuckets).toEqual(['1', '2', '3', '4-5', '6-9', '10-19', '20+']);
    expect(heatmap.recencyBuckets).toEqual(['0-29 d', '30-59 d', '60-89 d', '90-179 d', '180-269 d', '270-364 d', '365+ d']);
    expect(heatmap.cells.reduce((s, c) => s + c.customers, 0)).toBe(120);
    // Frequency 4-5 (i % 7 in 3, 4) and recency 0-29 days (i <= 9): customers 3, 4 with frequency 4, 5.
    const cell = heatmap.cells.find((c) => c.frequency === 3 && c.recency === 0);
    expect(cell?.customers).toBe(2);
    expect(cell?.pAlive).toBeCloseTo((1 / 4 + 1 / 5) / 2, 12);
    expect(cell?.expectedPurchases).toBeCloseTo(2.25, 12);
    // Recency 365+ holds customers 122.. none; 270-364 holds 90..120 (121 is absent); customer 120 has no model values.
    expect(heatmap.cells.some((c) => c.recency === 6)).toBe(false);
    const late = heatmap.cells.filter((c) => c.recency === 5);
    expect(late.reduce((s, c) => s + c.customers, 0)).toBe(31);
    // Frequency 2 there: customers 92, 99, 106, 113 and 120; the averages skip 120, which has no model values.
    const twice = late.find((c) => c.frequency === 1);
    expect(twice).toEqual({ frequency: 1, recency: 5, customers: 5, pAlive: 0.5, expectedPurchases: 1 });
    const lost = await getLifetimeValueHeatmap(runId, parseDashboardFilters({ segment: 'Champions' }));
    expect(lost.cells.reduce((s, c) => s + c.customers, 0)).toBe(60);
  });

  test.skipIf(!backend.available)('top customers by CLV respect the filters', async () => {
    const top = await listTopClvCustomers(runId, parseDashboardFilters({ country: 'France', segment: 'Champions' }), 3);
    expect(top.map((c) => [c.customerId, c.clv, c.clvLower, c.clvUpper])).toEqual([
      ['C060', 300, 299, 301],
      ['C057', 285, 284, 286],
      ['C054', 270, 269, 271],
    ]);
    const all = await listTopClvCustomers(runId, parseDashboardFilters({}));
    expect(all).toHaveLength(20);
    // C119 bought once: no P(alive), and why; C118 (7 orders) has one.
    expect(all.slice(0, 2).map((c) => [c.customerId, c.frequency, c.pAlive, c.pAliveReason])).toEqual([
      ['C119', 1, null, 'one purchase: the model cannot tell'],
      ['C118', 7, 1 / 7, null],
    ]);
  });

  test.skipIf(!backend.available)('the model is read from the run', async () => {
    const dto = await getLifetimeValueModel(runId);
    expect(dto.lifetimeValue.status === 'done' && dto.lifetimeValue.purchase.logLikelihood).toBe(-30125.4412);
    expect((await getLifetimeValueModel(runId + 1)).lifetimeValue.status).toBe('skipped');
    const comparison = await getModelComparison(runId);
    expect(comparison.models.map((m) => [m.label, m.chosen])).toEqual([
      ['BG/NBD', true],
      ['MBG/NBD', false],
      ['Pareto/NBD', false],
    ]);
    expect(comparison.choice?.by).toBe('holdout');
    expect(await getModelComparison(runId + 1)).toEqual({ models: [], choice: null, holdout: null });
    expect(await getLifetimeValueNotes(runId)).toMatchObject({ caveat: CAVEAT, pAliveNote: ONE_TIME_NOTE, pAliveShown: 102, churnBasis: { rules: 18 } });
    expect(await getLifetimeValueNotes(runId + 1)).toMatchObject({ ran: false, caveat: null });
  });
});
