import { EngineError } from '../errors';

/** One snapshot's customers: id, RFM segment, churn status and spend, one entry per customer. */
export interface SnapshotCustomers {
  customerIds: readonly string[];
  segment: readonly string[];
  churnStatus: readonly string[];
  /** Spend up to the snapshot (the run's monetary value). */
  monetary: ArrayLike<number>;
}

/** Which label a migration matrix compares. */
export type MigrationDimension = 'segment' | 'churnStatus';

export interface SegmentMigrationOptions {
  dimension: MigrationDimension;
  /** Labels in the order rows and columns should follow; labels not listed come after, by name. */
  order?: readonly string[];
}

/** The row of customers in the later snapshot only, and the column of customers in the earlier one only. */
export const NEW_CUSTOMERS = 'New customers';
export const NOT_IN_LATER = 'Not in later snapshot';

export interface MigrationCell {
  /** Label in the earlier snapshot, or NEW_CUSTOMERS. */
  from: string;
  /** Label in the later snapshot, or NOT_IN_LATER. */
  to: string;
  customers: number;
  /** Spend up to the later snapshot; for NOT_IN_LATER, spend up to the earlier one (the last known). */
  revenue: number;
  /** Spend up to the earlier snapshot; 0 for NEW_CUSTOMERS. */
  earlierRevenue: number;
}

export interface SegmentMigrationResult {
  dimension: MigrationDimension;
  /** Row labels: the earlier snapshot's labels, then NEW_CUSTOMERS when any. */
  from: string[];
  /** Column labels: the later snapshot's labels, then NOT_IN_LATER when any. */
  to: string[];
  /** Non-empty cells, row by row in `from` order, then in `to` order. */
  cells: MigrationCell[];
  /** Customers in both snapshots whose label stayed the same / changed. */
  stayed: number;
  moved: number;
  newCustomers: number;
  notInLater: number;
}

function checkSnapshot(snapshot: SnapshotCustomers, which: string): void {
  const n = snapshot.customerIds.length;
  if (snapshot.segment.length !== n || snapshot.churnStatus.length !== n || snapshot.monetary.length !== n) {
    throw new EngineError('INVALID_INPUT', `The ${which} snapshot's columns differ in length; give one segment, churn status and spend per customer.`);
  }
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const id = snapshot.customerIds[i];
    if (seen.has(id)) throw new EngineError('INVALID_INPUT', `Customer "${id}" appears twice in the ${which} snapshot; give each customer once.`);
    seen.add(id);
    if (!Number.isFinite(snapshot.monetary[i])) throw new EngineError('INVALID_INPUT', `Customer "${id}" has no finite spend in the ${which} snapshot.`);
  }
}

function orderLabels(labels: Iterable<string>, order: readonly string[]): string[] {
  const rank = new Map(order.map((label, i) => [label, i]));
  return [...new Set(labels)].sort((a, b) => (rank.get(a) ?? order.length) - (rank.get(b) ?? order.length) || a.localeCompare(b));
}

/**
 * How the customers of two snapshots of one dataset moved between RFM segments (or churn
 * statuses): one cell per (earlier label, later label) with its customers and spend, customers of
 * the later snapshot only in a NEW_CUSTOMERS row and of the earlier only in a NOT_IN_LATER column.
 * Customers are matched by id; inputs are not changed.
 * @throws EngineError INVALID_INPUT when a snapshot's columns differ in length, repeat a customer or hold a non-finite spend.
 * @example
 * const earlier = { customerIds: ['a', 'b'], segment: ['Champions', 'Lost'], churnStatus: ['Active', 'Churned'], monetary: [100, 5] };
 * const later = { customerIds: ['a', 'c'], segment: ['At Risk', 'New'], churnStatus: ['At Risk', 'Active'], monetary: [120, 30] };
 * segmentMigration(earlier, later, { dimension: 'segment' }).cells;
 * // [{ from: 'Champions', to: 'At Risk', customers: 1, revenue: 120, earlierRevenue: 100 },
 * //  { from: 'Lost', to: 'Not in later snapshot', customers: 1, revenue: 5, earlierRevenue: 5 },
 * //  { from: 'New customers', to: 'New', customers: 1, revenue: 30, earlierRevenue: 0 }]
 */
export function segmentMigration(earlier: SnapshotCustomers, later: SnapshotCustomers, options: SegmentMigrationOptions): SegmentMigrationResult {
  checkSnapshot(earlier, 'earlier');
  checkSnapshot(later, 'later');
  const { dimension } = options;
  if (dimension !== 'segment' && dimension !== 'churnStatus') {
    throw new EngineError('INVALID_OPTION', `Unknown migration dimension "${String(dimension)}"; use 'segment' or 'churnStatus'.`, { option: 'dimension' });
  }
  const order = options.order ?? [];
  const earlierLabel = earlier[dimension];
  const laterLabel = later[dimension];
  const earlierIndex = new Map<string, number>();
  for (let i = 0; i < earlier.customerIds.length; i++) earlierIndex.set(earlier.customerIds[i], i);

  const cells = new Map<string, MigrationCell>();
  const add = (from: string, to: string, revenue: number, earlierRevenue: number) => {
    const key = JSON.stringify([from, to]);
    const cell = cells.get(key) ?? { from, to, customers: 0, revenue: 0, earlierRevenue: 0 };
    cell.customers += 1;
    cell.revenue += revenue;
    cell.earlierRevenue += earlierRevenue;
    cells.set(key, cell);
  };
  let stayed = 0;
  let moved = 0;
  let newCustomers = 0;
  const matched = new Uint8Array(earlier.customerIds.length);
  for (let j = 0; j < later.customerIds.length; j++) {
    const i = earlierIndex.get(later.customerIds[j]);
    if (i === undefined) {
      newCustomers += 1;
      add(NEW_CUSTOMERS, laterLabel[j], later.monetary[j], 0);
      continue;
    }
    matched[i] = 1;
    if (earlierLabel[i] === laterLabel[j]) stayed += 1;
    else moved += 1;
    add(earlierLabel[i], laterLabel[j], later.monetary[j], earlier.monetary[i]);
  }
  let notInLater = 0;
  for (let i = 0; i < earlier.customerIds.length; i++) {
    if (matched[i]) continue;
    notInLater += 1;
    add(earlierLabel[i], NOT_IN_LATER, earlier.monetary[i], earlier.monetary[i]);
  }

  const from = orderLabels(earlierLabel, order);
  if (newCustomers > 0) from.push(NEW_CUSTOMERS);
  const to = orderLabels(laterLabel, order);
  if (notInLater > 0) to.push(NOT_IN_LATER);
  const rowRank = new Map(from.map((label, i) => [label, i]));
  const columnRank = new Map(to.map((label, i) => [label, i]));
  const sorted = [...cells.values()].sort(
    (a, b) => (rowRank.get(a.from) ?? 0) - (rowRank.get(b.from) ?? 0) || (columnRank.get(a.to) ?? 0) - (columnRank.get(b.to) ?? 0),
  );
  return { dimension, from, to, cells: sorted, stayed, moved, newCustomers, notInLater };
}
