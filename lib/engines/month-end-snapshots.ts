import { DAY_MS, isoDay } from './calendar';
import { EngineError } from './errors';

/** Most snapshots one request may create. */
export const MAX_SNAPSHOTS = 12;

/**
 * The snapshot days (YYYY-MM-DD) of the last `count` month-ends inside a log's dates, oldest
 * first. A month-end's snapshot is the first day of the next month, so the analysis counts every
 * purchase up to and including the month's last day. Only month-ends after the first purchase and
 * up to the last purchase's day count: a later one would repeat the analysis of all the data.
 * @throws EngineError INVALID_OPTION when count is not a whole number from 1 to MAX_SNAPSHOTS, INVALID_INPUT when the dates are not times in order.
 * @example
 * monthEndSnapshots(Date.UTC(2026, 0, 10), Date.UTC(2026, 3, 15), 6); // ['2026-02-01', '2026-03-01', '2026-04-01']
 */
export function monthEndSnapshots(firstPurchaseMs: number, lastPurchaseMs: number, count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SNAPSHOTS) {
    throw new EngineError('INVALID_OPTION', `The number of snapshots must be a whole number from 1 to ${MAX_SNAPSHOTS}; got ${String(count)}.`, { option: 'count' });
  }
  if (!Number.isFinite(firstPurchaseMs) || !Number.isFinite(lastPurchaseMs) || firstPurchaseMs > lastPurchaseMs) {
    throw new EngineError('INVALID_INPUT', 'The first and last purchase must be dates, the first not after the last.');
  }
  const lastDay = Math.floor(lastPurchaseMs / DAY_MS) * DAY_MS;
  const last = new Date(lastDay);
  const days: string[] = [];
  // The first of the last purchase's month: on or before its day, so that snapshot leaves out at least that day.
  let month = Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), 1);
  while (days.length < count && month > firstPurchaseMs) {
    days.push(isoDay(month));
    const d = new Date(month);
    month = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  }
  return days.reverse();
}
