import { EngineError } from '../errors';
import { mergeOptions } from '../merge-options';
import { stableArgsort } from './stable-argsort';
import type { Score, ScoreCutPoint, ScoreQuintilesOptions, ScoreQuintilesResult } from './types';
import { assertColumn } from './validate-column';

export const DEFAULT_SCORE_QUINTILES_OPTIONS: Readonly<ScoreQuintilesOptions> = Object.freeze({
  direction: 'ascending',
  ties: 'rank',
  column: 'value',
});

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

/**
 * Quintile scores 1-5 by rank. Customers are sorted by value (largest first for 'descending'),
 * equal values by customer index, so the same input always gives the same scores and, with
 * ties: 'rank', the customer with the lower index gets the lower (or equal) score.
 * With ties: 'average', every customer in a run of equal values gets the score of the run's
 * average rank; on distinct values both modes agree.
 * @example
 * const { scores, cutPoints } = scoreQuintiles(new Float64Array([5, 40, 12, 90, 3]), { direction: 'descending' });
 * // scores = [4, 2, 3, 1, 5]: the smallest recency scores 5
 * // cutPoints[4] = { score: 5, min: 3, max: 3, count: 1 }
 */
export function scoreQuintiles(
  values: Float64Array,
  options: Partial<ScoreQuintilesOptions> = {},
): ScoreQuintilesResult {
  const opts = mergeOptions(DEFAULT_SCORE_QUINTILES_OPTIONS, options);
  assertColumn(values, opts.column);
  const n = values.length;
  const order = stableArgsort(values, directionIsDescending(opts.direction, opts.column));
  const scores = new Uint8Array(n);

  switch (opts.ties) {
    case 'rank':
      for (let rank = 0; rank < n; rank++) scores[order[rank]] = scoreOfRank(rank, n);
      break;
    case 'average': {
      let start = 0;
      while (start < n) {
        const v = values[order[start]];
        let end = start;
        while (end + 1 < n && values[order[end + 1]] === v) end++;
        const score = scoreOfRank((start + end) / 2, n);
        for (let k = start; k <= end; k++) scores[order[k]] = score;
        start = end + 1;
      }
      break;
    }
    default: {
      const never: never = opts.ties;
      throw new EngineError('INVALID_OPTION', `Unknown ties mode "${String(never)}"; use 'rank' or 'average'.`);
    }
  }

  return { scores, cutPoints: cutPointsOf(values, scores) };
}

function directionIsDescending(direction: ScoreQuintilesOptions['direction'], column: string): boolean {
  switch (direction) {
    case 'ascending':
      return false;
    case 'descending':
      return true;
    default: {
      const never: never = direction;
      throw new EngineError(
        'INVALID_OPTION',
        `Unknown direction "${String(never)}" for the ${column} column; use 'ascending' or 'descending'.`,
      );
    }
  }
}

function cutPointsOf(values: Float64Array, scores: Uint8Array): ScoreCutPoint[] {
  const min = new Float64Array(5).fill(Infinity);
  const max = new Float64Array(5).fill(-Infinity);
  const count = new Int32Array(5);
  for (let i = 0; i < values.length; i++) {
    const s = scores[i] - 1;
    const v = values[i];
    if (v < min[s]) min[s] = v;
    if (v > max[s]) max[s] = v;
    count[s]++;
  }
  const cutPoints: ScoreCutPoint[] = [];
  for (let s = 0; s < 5; s++) {
    cutPoints.push({
      score: (s + 1) as Score,
      min: count[s] > 0 ? min[s] : null,
      max: count[s] > 0 ? max[s] : null,
      count: count[s],
    });
  }
  return cutPoints;
}
