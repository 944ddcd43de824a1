/** Upper whiskers this many times apart squash the smaller boxes on a linear axis. */
export const LOG_AXIS_SPREAD = 20;

/** Whether a box plot of these segments should open on a log axis: the largest upper whisker is over 20 times the smallest positive one. */
export function prefersLogAxis(upperWhiskers: readonly number[]): boolean {
  const positive = upperWhiskers.filter((v) => Number.isFinite(v) && v > 0);
  if (positive.length < 2) return false;
  return Math.max(...positive) / Math.min(...positive) > LOG_AXIS_SPREAD;
}
