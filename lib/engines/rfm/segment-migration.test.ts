import { expect, test } from 'vitest';
import { EngineError } from '../errors';
import { NEW_CUSTOMERS, NOT_IN_LATER, segmentMigration, type SnapshotCustomers } from './segment-migration';

function snapshot(rows: [id: string, segment: string, churn: string, monetary: number][]): SnapshotCustomers {
  return {
    customerIds: rows.map((r) => r[0]),
    segment: rows.map((r) => r[1]),
    churnStatus: rows.map((r) => r[2]),
    monetary: Float64Array.from(rows.map((r) => r[3])),
  };
}

// Two month-end snapshots of one shop. Between them a and b stopped buying (Champions -> At Risk),
// c bought again (stays a Champion, spend 300 -> 450), d is unchanged, e is gone from the later
// analysis, f and g bought for the first time.
// prettier-ignore
const EARLIER = snapshot([
  ['a', 'Champions', 'Active',  400],
  ['b', 'Champions', 'Active',  250],
  ['c', 'Champions', 'Active',  300],
  ['d', 'Lost',      'Churned',  20],
  ['e', 'Lost',      'At Risk',  35],
]);
// prettier-ignore
const LATER = snapshot([
  ['g', 'New Customers', 'Active', 60],
  ['c', 'Champions',     'Active', 450],
  ['b', 'At Risk',       'At Risk', 250],
  ['a', 'At Risk',       'Churned', 400],
  ['d', 'Lost',          'Churned',  20],
  ['f', 'New Customers', 'Active',   15],
]);

const SEGMENT_ORDER = ['Champions', 'At Risk', 'New Customers', 'Lost'];

test('counts and spend of each segment move, with new and no-longer-present customers apart', () => {
  const result = segmentMigration(EARLIER, LATER, { dimension: 'segment', order: SEGMENT_ORDER });
  expect(result.from).toEqual(['Champions', 'Lost', NEW_CUSTOMERS]);
  expect(result.to).toEqual(['Champions', 'At Risk', 'New Customers', 'Lost', NOT_IN_LATER]);
  expect(result.cells).toEqual([
    { from: 'Champions', to: 'Champions', customers: 1, revenue: 450, earlierRevenue: 300 },
    { from: 'Champions', to: 'At Risk', customers: 2, revenue: 650, earlierRevenue: 650 },
    { from: 'Lost', to: 'Lost', customers: 1, revenue: 20, earlierRevenue: 20 },
    { from: 'Lost', to: NOT_IN_LATER, customers: 1, revenue: 35, earlierRevenue: 35 },
    { from: NEW_CUSTOMERS, to: 'New Customers', customers: 2, revenue: 75, earlierRevenue: 0 },
  ]);
  expect(result).toMatchObject({ stayed: 2, moved: 2, newCustomers: 2, notInLater: 1 });
});

test('churn statuses move in the same way', () => {
  const result = segmentMigration(EARLIER, LATER, { dimension: 'churnStatus', order: ['Active', 'At Risk', 'Churned'] });
  expect(result.from).toEqual(['Active', 'At Risk', 'Churned', NEW_CUSTOMERS]);
  expect(result.to).toEqual(['Active', 'At Risk', 'Churned', NOT_IN_LATER]);
  expect(result.cells.map((c) => [c.from, c.to, c.customers, c.revenue])).toEqual([
    ['Active', 'Active', 1, 450],
    ['Active', 'At Risk', 1, 250],
    ['Active', 'Churned', 1, 400],
    ['At Risk', NOT_IN_LATER, 1, 35],
    ['Churned', 'Churned', 1, 20],
    [NEW_CUSTOMERS, 'Active', 2, 75],
  ]);
  expect(result).toMatchObject({ stayed: 2, moved: 2, newCustomers: 2, notInLater: 1 });
});

test('labels outside the given order follow it by name; without new or gone customers there is no such row or column', () => {
  const same = snapshot([
    ['x', 'Zeta', 'Active', 1],
    ['y', 'Alpha', 'Active', 2],
    ['z', 'Champions', 'Active', 3],
  ]);
  const result = segmentMigration(same, same, { dimension: 'segment', order: ['Champions'] });
  expect(result.from).toEqual(['Champions', 'Alpha', 'Zeta']);
  expect(result.to).toEqual(['Champions', 'Alpha', 'Zeta']);
  expect(result).toMatchObject({ stayed: 3, moved: 0, newCustomers: 0, notInLater: 0 });
});

test('the inputs are left unchanged', () => {
  const before = JSON.stringify([EARLIER.customerIds, EARLIER.segment, Array.from(EARLIER.monetary)]);
  segmentMigration(EARLIER, LATER, { dimension: 'segment' });
  expect(JSON.stringify([EARLIER.customerIds, EARLIER.segment, Array.from(EARLIER.monetary)])).toBe(before);
});

test.each<[string, SnapshotCustomers, RegExp]>([
  ['columns of different length', { ...EARLIER, segment: ['Champions'] }, /differ in length/],
  ['a customer twice', snapshot([['a', 'Lost', 'Active', 1], ['a', 'Lost', 'Active', 1]]), /"a" appears twice/],
  ['a spend that is not a number', snapshot([['a', 'Lost', 'Active', Number.NaN]]), /no finite spend/],
])('refuses %s', (_, bad, message) => {
  expect(() => segmentMigration(bad, LATER, { dimension: 'segment' })).toThrow(EngineError);
  expect(() => segmentMigration(bad, LATER, { dimension: 'segment' })).toThrow(message);
});
