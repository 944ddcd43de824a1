import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { DEFAULT_SEGMENT_ACTIONS } from '../../../engines/rfm/segment-actions';
import { DEFAULT_SEGMENT_RULES } from '../../../engines/rfm/segment-rules';
import { parseDashboardFilters } from '../../../schemas/dashboard-filters-schema';
import type { Database } from '../../db/database';
import { TEST_BACKENDS } from '../../db/testing/test-databases';
import { getRfmGrid } from './get-rfm-grid';
import { getRfmUnevenNotes, rfmUnevenNotes } from './get-rfm-uneven-notes';
import { getRunParameters } from './get-run-parameters';
import { getSegmentRulesInForce } from './get-segment-rules';
import { getSegmentSummary } from './get-segment-summary';
import { CUSTOM_RULES, seedDashboardRuns, type SeededRuns } from './testing/seed-dashboard-runs';

// 'server-only' throws outside React Server Components; Next.js resolves it to an empty module.
vi.mock('server-only', () => ({}));

const FREQUENCY_TIES =
  'Equal frequency values share one score, so the frequency groups are uneven (1,493, 835, 508, 802 and 700 customers on scores 1 to 5): 1,493 customers (34 %) have a frequency of 1 and all score 1, where an even split would spread them over scores 1 and 2.';

test.each([
  ['absent', undefined, []],
  ['none uneven', [], []],
  ['the engine’s list', [{ dimension: 'frequency', counts: [1493, 835, 508, 802, 700], emptyScores: [], ties: [], reason: FREQUENCY_TIES }], [FREQUENCY_TIES]],
  ['one sentence per dimension', { recency: 'Recency ties.', frequency: null, monetary: { reason: 'Monetary ties.' } }, ['Recency ties.', 'Monetary ties.']],
  ['something else', 'uneven', []],
])('uneven-score notes: %s', (_, uneven, expected) => {
  expect(rfmUnevenNotes(uneven)).toEqual(expected);
});

describe.each(TEST_BACKENDS)('segment data on $name', (backend) => {
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

  it('summarises each segment of all customers, in rule order', async () => {
    const summary = await getSegmentSummary(runs.main, parseDashboardFilters({}), db.sql);
    expect(summary.customers).toBe(6);
    expect(summary.revenue).toBeCloseTo(2000);
    expect(summary.rows.map((r) => r.segment)).toEqual(['Champions', 'Lost', 'Others']);
    const [champions, lost, others] = summary.rows;
    expect(champions).toMatchObject({ customers: 2, action: DEFAULT_SEGMENT_ACTIONS.Champions });
    expect(champions.customerShare).toBeCloseTo(2 / 6);
    expect(champions.revenue).toBeCloseTo(1600);
    expect(champions.revenueShare).toBeCloseTo(0.8);
    expect(champions.averageRecency).toBeCloseTo(3);
    expect(champions.averageFrequency).toBeCloseTo(8);
    expect(champions.averageMonetary).toBeCloseTo(800);
    expect(champions.averageClv).toBeCloseTo(400);
    expect(champions.averagePAlive).toBeCloseTo(0.85);
    // d has no CLV and no P(alive): the averages are over c and e only.
    expect(lost.customers).toBe(3);
    expect(lost.revenueShare).toBeCloseTo(0.15);
    expect(lost.averageRecency).toBeCloseTo(250);
    expect(lost.averageFrequency).toBeCloseTo(4 / 3);
    expect(lost.averageClv).toBeCloseTo(20);
    expect(lost.averagePAlive).toBeCloseTo(0.15);
    expect(others.revenueShare).toBeCloseTo(0.05);
  });

  it('gives each segment its shares at risk and churned', async () => {
    await db.sql.query(`UPDATE customer_result SET churn_status = CASE customer_id WHEN 'c' THEN 'Churned' WHEN 'd' THEN 'At Risk' WHEN 'e' THEN 'Churned' ELSE churn_status END WHERE run_id = $1`, [runs.main]);
    try {
      const summary = await getSegmentSummary(runs.main, parseDashboardFilters({}), db.sql);
      expect(summary.rows.map((r) => [r.segment, r.atRiskShare, r.churnedShare])).toEqual([
        ['Champions', 0, 0],
        ['Lost', 1 / 3, 2 / 3],
        ['Others', 0, 0],
      ]);
      const germany = await getSegmentSummary(runs.main, parseDashboardFilters({ country: 'Germany' }), db.sql);
      expect(germany.rows.map((r) => [r.segment, r.atRiskShare, r.churnedShare])).toEqual([['Lost', 0.5, 0.5]]);
    } finally {
      await db.sql.query(`UPDATE customer_result SET churn_status = 'Active' WHERE run_id = $1`, [runs.main]);
    }
  });

  it('reads the uneven-score notes from the run, none when it has no metrics', async () => {
    await db.sql.query(`UPDATE run SET metrics = jsonb_set(metrics, '{rfm}', $2::jsonb) WHERE id = $1`, [runs.main, JSON.stringify({ uneven: [{ dimension: 'frequency', reason: FREQUENCY_TIES }] })]);
    expect(await getRfmUnevenNotes(runs.main, db.sql)).toEqual([FREQUENCY_TIES]);
    expect(await getRfmUnevenNotes(runs.custom, db.sql)).toEqual([]);
    expect(await getRfmUnevenNotes(runs.empty, db.sql)).toEqual([]);
  });

  it('takes revenue shares of the filtered revenue', async () => {
    const summary = await getSegmentSummary(runs.main, parseDashboardFilters({ country: 'France' }), db.sql);
    expect(summary.customers).toBe(3);
    expect(summary.rows.map((r) => [r.segment, r.customers])).toEqual([
      ['Champions', 2],
      ['Lost', 1],
    ]);
    expect(summary.rows[0].revenueShare).toBeCloseTo(1600 / 1700);
    expect(summary.rows[1].revenueShare).toBeCloseTo(100 / 1700);
    expect(summary.rows[1].averageClv).toBeCloseTo(30);
  });

  it('orders by the run’s own rules', async () => {
    const summary = await getSegmentSummary(runs.custom, parseDashboardFilters({}), db.sql);
    expect(summary.rows.map((r) => [r.segment, r.customers])).toEqual([
      ['Loyal Customers', 5],
      ['Champions', 1],
    ]);
    expect(summary.rows[0].revenueShare).toBeCloseTo(1000 / 1900);
  });

  it('has no rows when no customer matches', async () => {
    const summary = await getSegmentSummary(runs.main, parseDashboardFilters({ country: 'Japan' }), db.sql);
    expect(summary).toEqual({ customers: 0, revenue: 0, rows: [] });
  });

  it('counts the R x F cells and the score distributions', async () => {
    const grid = await getRfmGrid(runs.main, parseDashboardFilters({}), db.sql);
    expect(grid.customers).toBe(6);
    expect(grid.cells).toHaveLength(25);
    expect(grid.cells[0]).toMatchObject({ rScore: 5, fScore: 1 });
    expect(grid.cells[24]).toMatchObject({ rScore: 1, fScore: 5 });
    const filled = grid.cells.filter((c) => c.customers > 0).map((c) => [c.rScore, c.fScore, c.customers, c.averageMonetary]);
    expect(filled).toEqual([
      [5, 4, 1, 600],
      [5, 5, 1, 1000],
      [2, 1, 1, 100],
      [1, 1, 2, 75],
      [1, 2, 1, 150],
    ]);
    expect(grid.cells.find((c) => c.rScore === 3 && c.fScore === 3)).toEqual({ rScore: 3, fScore: 3, customers: 0, averageMonetary: null });
    const counts = (d: { customers: number }[]) => d.map((x) => x.customers);
    expect(counts(grid.distributions.recency)).toEqual([3, 1, 0, 0, 2]);
    expect(counts(grid.distributions.frequency)).toEqual([3, 1, 0, 1, 1]);
    expect(counts(grid.distributions.monetary)).toEqual([3, 1, 0, 0, 2]);
    const ranges = (d: { min: number | null; max: number | null }[]) => d.map((x) => [x.min, x.max]);
    expect(ranges(grid.distributions.recency)).toEqual([[200, 300], [150, 150], [null, null], [null, null], [2, 4]]);
    expect(ranges(grid.distributions.frequency)).toEqual([[1, 1], [2, 2], [null, null], [6, 6], [10, 10]]);
    expect(ranges(grid.distributions.monetary)).toEqual([[50, 100], [150, 150], [null, null], [null, null], [600, 1000]]);
  });

  it('filters the grid', async () => {
    const grid = await getRfmGrid(runs.main, parseDashboardFilters({ country: 'Germany' }), db.sql);
    expect(grid.customers).toBe(2);
    expect(grid.cells.filter((c) => c.customers > 0).map((c) => [c.rScore, c.fScore, c.customers])).toEqual([
      [1, 1, 1],
      [1, 2, 1],
    ]);
  });

  it.each([
    ['main', 'default'],
    ['custom', 'run'],
    ['empty', 'default'],
  ] as const)('reads the rules in force of the %s run (%s)', async (which, source) => {
    const inForce = await getSegmentRulesInForce(runs[which], db.sql);
    expect(inForce.source).toBe(source);
    expect(inForce.rules).toEqual(source === 'run' ? CUSTOM_RULES : DEFAULT_SEGMENT_RULES);
  });

  it('reads a run’s dataset and parameters', async () => {
    const run = await getRunParameters(runs.custom, db.sql);
    expect(run?.parameters).toEqual({ seed: 7, segmentRules: CUSTOM_RULES });
    expect(await getRunParameters(9999, db.sql)).toBeNull();
  });
});
