import { expect, test } from 'vitest';
import { DAY_MS } from '../engines/calendar';
import { createRng } from '../engines/random';
import { DEFAULT_DEMO_REALISM } from './demo-log-options';
import { buildTradingCalendar, drawMinuteOfDay, drawTradingDay } from './trading-calendar';

const start = Date.UTC(2023, 11, 1);
const days = 397;
const calendar = buildTradingCalendar(start, days, DEFAULT_DEMO_REALISM.seasonality);
const dayOf = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - start) / DAY_MS;

test('intensity averages 1 over the period', () => {
  expect(calendar.intensity.reduce((a, b) => a + b, 0) / days).toBeCloseTo(1, 12);
  expect(calendar.cumulative[days - 1]).toBeCloseTo(days, 9);
});

test.each([
  ['a Saturday', dayOf(2024, 3, 2), 0],
  ['Christmas Day', dayOf(2024, 12, 25), 0],
  ['Boxing Day', dayOf(2023, 12, 26), 0],
  ["New Year's Day", dayOf(2024, 1, 1), 0],
])('the shop is closed on %s', (_, day, intensity) => {
  expect(calendar.intensity[day]).toBe(intensity);
});

test('a Thursday in November is busier than one in July, and Thursdays beat Sundays', () => {
  expect(calendar.intensity[dayOf(2024, 11, 14)]).toBeGreaterThan(1.5 * calendar.intensity[dayOf(2024, 7, 11)]);
  expect(calendar.intensity[dayOf(2024, 7, 11)]).toBeGreaterThan(calendar.intensity[dayOf(2024, 7, 14)]);
});

test('drawn days are open and within range; drawn minutes fall in opening hours', () => {
  const rng = createRng(1);
  for (let i = 0; i < 2000; i++) {
    const day = drawTradingDay(calendar, rng, 10, 40);
    expect(day).toBeGreaterThanOrEqual(10);
    expect(day).toBeLessThan(40);
    expect(calendar.intensity[day]).toBeGreaterThan(0);
    const minute = drawMinuteOfDay(rng);
    expect(minute).toBeGreaterThanOrEqual(7 * 60);
    expect(minute).toBeLessThan(21 * 60);
  }
});
