/** Two labelled ticks of a log axis closer than this (in decades) print over each other on a chart a few hundred pixels wide. */
export const MIN_LABEL_GAP_DECADES = 0.5;

export interface LogAxisTicks {
  /** The axis runs from lo to hi, 1-2-5 values around the data. */
  lo: number;
  hi: number;
  /** The values labelled and drawn as grid lines, ascending. */
  ticks: number[];
}

const gap = (a: number, b: number) => Math.abs(Math.log10(a) - Math.log10(b));

/**
 * Ticks for a log axis over [min, max] (both > 0): the domain ends at the 1-2-5 values around the
 * data; every 1-2-5 value is a tick over up to three decades, only the powers of ten over more,
 * with an end of the domain labelled too when it is at least half a decade from its neighbour, so
 * that no two labels overlap (£100K beside £200K).
 */
export function logAxisTicks(min: number, max: number): LogAxisTicks {
  if (!(min > 0) || !(max >= min)) throw new Error(`A log axis needs 0 < min <= max; got ${min} and ${max}.`);
  const candidates: number[] = [];
  for (let decade = Math.floor(Math.log10(min)) - 1; decade <= Math.ceil(Math.log10(max)); decade++) {
    for (const step of [1, 2, 5]) candidates.push(Number((step * 10 ** decade).toPrecision(12)));
  }
  const lo = candidates.filter((t) => t <= min * (1 + 1e-12)).at(-1) ?? candidates[0];
  const hi = candidates.find((t) => t >= max * (1 - 1e-12)) ?? candidates[candidates.length - 1];
  const inRange = candidates.filter((t) => t >= lo && t <= hi);
  if (hi / lo <= 1000) return { lo, hi, ticks: inRange };
  const powers = inRange.filter((t) => Number.isInteger(Math.round(Math.log10(t) * 1e9) / 1e9));
  const ticks = [...powers];
  if (!powers.includes(lo) && (powers.length === 0 || gap(lo, powers[0]) >= MIN_LABEL_GAP_DECADES)) ticks.unshift(lo);
  if (!powers.includes(hi) && (powers.length === 0 || gap(hi, powers[powers.length - 1]) >= MIN_LABEL_GAP_DECADES)) ticks.push(hi);
  return { lo, hi, ticks };
}
