import { quantileInPlace } from '../quantile';

/** The probabilities of the four breaks between the five scores. */
export const QUINTILE_PROBABILITIES: readonly number[] = Object.freeze([0.2, 0.4, 0.6, 0.8]);

/**
 * The 20, 40, 60 and 80 % quantiles of a non-empty column, ascending, by linear interpolation between
 * order statistics (Hyndman-Fan type 7: R's `quantile()` default, which R `rfm` uses, and numpy's
 * 'linear', which pandas `qcut` uses). Leaves `values` untouched.
 */
export function quintileBreaks(values: Float64Array): number[] {
  const scratch = values.slice();
  return QUINTILE_PROBABILITIES.map((p) => quantileInPlace(scratch, p));
}

/**
 * Scores 1-5 from breaks at the quintiles of the values; equal values always share a score.
 *
 * Bins are right-closed, (q[k-1], q[k]] with q[0] = -Infinity and q[5] = +Infinity, so the bin of a value
 * is 1 + the number of breaks strictly below it, and a value equal to a break goes to the lower bin.
 * 'ascending' scores the bin, 'descending' (recency) scores 6 - bin, so the lowest fifth of recencies
 * scores 5, as R `rfm` (scores 5..1 over its bins) and pandas practice (`qcut(recency, 5, labels=[5, 4, 3, 2, 1])`) do.
 *
 * Ties: a value shared by many customers may sit on several breaks at once (q[a] = ... = q[b]). It goes
 * to the lowest of those bins and the bins above it, up to b, stay empty: scores keep their positions
 * and the collapsed ones go unused, as in R `rfm`. So a tie covering more than a fifth at the top of an
 * ascending column (many customers at the largest frequency) scores 4 and leaves 5 empty, as in R `rfm`
 * and `qcut`; the same tie at the bottom of recency scores 5.
 * pandas `qcut(duplicates='drop')` forms the same groups with two exceptions: it renumbers the bins
 * that remain 0..k-1, which would leave the top scores empty and no one able to reach a 5 (Champions);
 * and when the minimum is itself a break its first bin [min, q[2]] also takes the values just above
 * the minimum (on Online Retail it puts one-order and two-order customers together; R `rfm` and this
 * function keep them apart).
 * R `rfm` 0.3.0 (`bins()` in R/utils.R) adds 1 to each break and scores `lower <= value < upper`, which
 * equals these bins on whole-number columns with whole-number breaks; on money it would move values up
 * to 1 above a break into the lower bin, so the break itself is used here.
 *
 * One distinct value (every customer equal, including n = 1): the column ranks no one above anyone
 * else, so everyone scores the neutral 3 (R `rfm` would give 1 on frequency and money and 5 on
 * recency; `qcut` returns NaN). Few customers (n < 5) with distinct values spread over 1..5 as
 * `scoreOfRank` does: n = 2: 1, 5; n = 3: 1, 3, 5; n = 4: 1, 2, 4, 5.
 *
 * @param values a non-empty column of finite numbers (checked by the caller).
 * @param descending true when a smaller value deserves the higher score (recency).
 * @returns scores per customer and the four breaks, ascending, in the column's unit.
 * @example
 * scoreByQuantileBreaks(new Float64Array([1, 1, 1, 1, 2, 2, 3, 5, 8, 12]), false);
 * // breaks [1, 1.6, 2.4, 5.6]; scores [1, 1, 1, 1, 3, 3, 4, 4, 5, 5]: score 2's bin (1, 1.6] is empty
 */
export function scoreByQuantileBreaks(
  values: Float64Array,
  descending: boolean,
): { scores: Uint8Array; breaks: number[] } {
  const n = values.length;
  const breaks = quintileBreaks(values);
  const scores = new Uint8Array(n);
  let lowest = values[0];
  let highest = values[0];
  for (let i = 1; i < n; i++) {
    if (values[i] < lowest) lowest = values[i];
    if (values[i] > highest) highest = values[i];
  }
  if (lowest === highest) return { scores: scores.fill(3), breaks };
  const [q1, q2, q3, q4] = breaks;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const bin = 1 + +(v > q1) + +(v > q2) + +(v > q3) + +(v > q4);
    scores[i] = descending ? 6 - bin : bin;
  }
  return { scores, breaks };
}

