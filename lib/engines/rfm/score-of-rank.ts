import type { Score } from './types';

/**
 * Score for a 0-based rank (fractional for averaged ties) among n customers.
 * n >= 5: floor(rank * 5 / n) + 1, so each score holds n/5 customers (+-1).
 * n < 5: quintiles are meaningless, so ranks are spread evenly over 1..5
 * (n = 2: 1, 5; n = 3: 1, 3, 5; n = 4: 1, 2, 4, 5) and a lone customer scores 3, the neutral middle.
 * Both rules agree at n = 5.
 */
export function scoreOfRank(rank: number, n: number): Score {
  if (n >= 5) return (Math.floor((rank * 5) / n) + 1) as Score;
  if (n === 1) return 3;
  return (1 + Math.round((rank * 4) / (n - 1))) as Score;
}
