import { EngineError } from '../engines/errors';
import { DAY_MS } from '../engines/calendar';
import type { Rng } from '../engines/random';
import { cumulativeSum, pickWeighted } from './weighted-choice';

/** Demand by weekday, Sunday first: the shop takes no orders on Saturdays and few on Sundays, like UCI Online Retail. */
const WEEKDAY = [0.55, 1.15, 1.15, 1.2, 1.35, 0.8, 0];

/** Orders by hour of the day, from 7:00 to 20:00, peaking at noon. */
const HOURS_FROM = 7;
const HOUR_WEIGHTS = [0.2, 2.5, 6.5, 11, 12.5, 15, 14, 12, 11, 7.5, 4.5, 1.5, 0.8, 0.3];
const HOUR_CUMULATIVE = cumulativeSum(HOUR_WEIGHTS);

/** Closed on Christmas, Boxing Day and New Year's Day; quiet in the days between. */
function holidayFactor(month: number, day: number): number {
  if ((month === 11 && (day === 25 || day === 26)) || (month === 0 && day === 1)) return 0;
  if ((month === 11 && day >= 24) || (month === 0 && day === 2)) return 0.35;
  return 1;
}

/** Relative order intensity of each day of a period, averaging 1 over the period. */
export interface TradingCalendar {
  /** Epoch ms of the first day (midnight UTC). */
  start: number;
  days: number;
  intensity: Float64Array;
  /** Running sum of intensity, for drawing a day in proportion to it. */
  cumulative: Float64Array;
  max: number;
}

/** Day-by-day demand from the monthly seasonality, weekday pattern and holidays, normalised to mean 1. */
export function buildTradingCalendar(start: number, days: number, seasonality: readonly number[]): TradingCalendar {
  const intensity = new Float64Array(days);
  let total = 0;
  for (let d = 0; d < days; d++) {
    const date = new Date(start + d * DAY_MS);
    const month = date.getUTCMonth();
    intensity[d] = seasonality[month] * WEEKDAY[date.getUTCDay()] * holidayFactor(month, date.getUTCDate());
    total += intensity[d];
  }
  if (total <= 0) throw new EngineError('INVALID_OPTION', 'The demo period has no trading days; make it longer.');
  let max = 0;
  for (let d = 0; d < days; d++) {
    intensity[d] *= days / total;
    if (intensity[d] > max) max = intensity[d];
  }
  return { start, days, intensity, cumulative: cumulativeSum(intensity), max };
}

/** A trading day in [from, to), drawn in proportion to its demand. */
export function drawTradingDay(calendar: TradingCalendar, rng: Rng, from = 0, to = calendar.days): number {
  return pickWeighted(calendar.cumulative, rng, from, to);
}

/** Minute of the day an order is placed, shaped like a shop's opening hours. */
export function drawMinuteOfDay(rng: Rng): number {
  return (HOURS_FROM + pickWeighted(HOUR_CUMULATIVE, rng)) * 60 + rng.int(60);
}
