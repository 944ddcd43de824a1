/** Milliseconds in a day; engine dates are epoch milliseconds of wall-clock time read as UTC. */
export const DAY_MS = 86_400_000;

/** The calendar day (YYYY-MM-DD) of an epoch-millisecond time. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
