import { EngineError } from '../errors';
import type { TimeUnit } from './types';

const DAYS_PER_UNIT: Record<TimeUnit, number> = { days: 1, weeks: 7 };

/** Converts a duration in days to the given unit (weeks = days / 7). */
export function daysToUnit(days: number, unit: TimeUnit): number {
  return days / DAYS_PER_UNIT[unit];
}

export function assertTimeUnit(unit: unknown): asserts unit is TimeUnit {
  if (unit !== 'days' && unit !== 'weeks') {
    throw new EngineError('INVALID_OPTION', `unit must be 'days' or 'weeks', got ${JSON.stringify(unit)}.`);
  }
}
