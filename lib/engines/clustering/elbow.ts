/**
 * Elbow of a curve such as inertia against k: the point farthest from the
 * straight line joining the first and last points, after scaling both axes to
 * 0..1 so the answer does not depend on units. Ties go to the smaller k; with
 * fewer than three points, or a straight line, the first k is returned.
 */
export function findElbow(ks: readonly number[], values: readonly number[]): number {
  const last = ks.length - 1;
  if (last < 2) return ks[0];
  const xSpan = ks[last] - ks[0];
  const low = Math.min(...values);
  const ySpan = Math.max(...values) - low;
  if (xSpan === 0 || ySpan === 0) return ks[0];
  const x = (i: number) => (ks[i] - ks[0]) / xSpan;
  const y = (i: number) => (values[i] - low) / ySpan;
  const dx = x(last) - x(0);
  const dy = y(last) - y(0);
  const length = Math.hypot(dx, dy);
  let best = ks[0];
  let bestDistance = 0;
  for (let i = 1; i < last; i++) {
    const distance = Math.abs(dy * (x(i) - x(0)) - dx * (y(i) - y(0))) / length;
    if (distance > bestDistance + 1e-12) {
      bestDistance = distance;
      best = ks[i];
    }
  }
  return best;
}
