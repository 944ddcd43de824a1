import { scoreOfRank } from './score-of-rank';
import type { Score, ScoreTie } from './types';

/**
 * Tied values that an even split would have spread over two or more scores: the runs of equal values
 * in `order` whose first and last ranks get different scores from scoreOfRank (what 'rank' scoring
 * gives). Each run reports the score its customers actually got, read from `scores`, so this only makes
 * sense for methods that keep ties together ('quantile-breaks', 'average-rank').
 * @param values the column.
 * @param order customer indices by rank, as stableArgsort(values, descending) gives them.
 * @param scores the score per customer.
 * @returns the runs, lowest score first (rank order); [] when no tie crosses a fifth's boundary.
 */
export function findScoreTies(values: Float64Array, order: Int32Array, scores: Uint8Array): ScoreTie[] {
  const n = order.length;
  const ties: ScoreTie[] = [];
  let start = 0;
  while (start < n) {
    const value = values[order[start]];
    let end = start;
    while (end + 1 < n && values[order[end + 1]] === value) end++;
    const low = scoreOfRank(start, n);
    const high = scoreOfRank(end, n);
    if (low !== high) {
      const evenSplitScores: Score[] = [];
      for (let s = low; s <= high; s++) evenSplitScores.push(s as Score);
      ties.push({ value: value + 0, customers: end - start + 1, score: scores[order[start]] as Score, evenSplitScores });
    }
    start = end + 1;
  }
  return ties;
}
