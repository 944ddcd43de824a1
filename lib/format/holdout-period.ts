/**
 * The length of a run's held-back (holdout) period in the one form every section of the
 * lifetime-value page writes it: "14 weeks" when it is a whole number of weeks, otherwise
 * "99 days" (exact, never 99 days rounded to "14 weeks"). `length` is in `unit`, as the purchase
 * models measure time (a weekly model's 99 days are 14.1429 weeks); at least "1 day".
 */
export function holdoutPeriodLength(length: number, unit: 'days' | 'weeks'): string {
  const days = Math.max(1, Math.round(unit === 'weeks' ? length * 7 : length));
  if (days % 7 === 0) return days === 7 ? '1 week' : `${days / 7} weeks`;
  return days === 1 ? '1 day' : `${days} days`;
}

/** "the 99 days held back": how every section of the page names the holdout period. */
export function holdoutPeriod(length: number, unit: 'days' | 'weeks'): string {
  return `the ${holdoutPeriodLength(length, unit)} held back`;
}
