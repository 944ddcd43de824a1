import { EngineError } from '../errors';
import { mergeOptions } from '../merge-options';
import { findScoreTies } from './find-score-ties';
import { scoreByQuantileBreaks } from './score-by-quantile-breaks';
import { scoreOfRank } from './score-of-rank';
import { stableArgsort } from './stable-argsort';
import type { Score, ScoreCutPoint, ScoreQuintilesOptions, ScoreQuintilesResult, ScoringMethod } from './types';
import { assertColumn } from './validate-column';

export const DEFAULT_SCORE_QUINTILES_OPTIONS: Readonly<ScoreQuintilesOptions> = Object.freeze({
  direction: 'ascending',
  scoring: 'quantile-breaks',
  column: 'value',
});

/** Every ScoringMethod, the default first. */
export const SCORING_METHODS: readonly ScoringMethod[] = Object.freeze(['quantile-breaks', 'rank', 'average-rank']);

/** Throw EngineError('INVALID_OPTION') unless `scoring` is one of SCORING_METHODS. */
export function assertScoringMethod(scoring: unknown): asserts scoring is ScoringMethod {
  if (!SCORING_METHODS.includes(scoring as ScoringMethod)) {
    throw new EngineError(
      'INVALID_OPTION',
      `Unknown scoring method "${String(scoring)}"; use ${SCORING_METHODS.map((m) => `'${m}'`).join(', ')}.`,
    );
  }
}

/**
 * Scores 1-5 for one column, larger values scoring higher ('ascending') or lower ('descending', recency).
 *
 * scoring 'quantile-breaks' (default): breaks at the 20/40/60/80 % quantiles (type 7, as R `rfm` and
 * pandas `qcut`), right-closed bins, equal values always on one score; where ties cover a break the
 * groups are uneven and `ties` lists the values responsible. The full rules, with the duplicate-break
 * and n < 5 cases and the sources: scoreByQuantileBreaks.
 * scoring 'rank': customers sorted by value (largest first for 'descending'), equal values by
 * customer index, score scoreOfRank(rank, n): a fifth per score (+-1), but equal customers may differ.
 * scoring 'average-rank': every customer in a run of equal values gets the score of the run's average rank.
 * On distinct values the rank methods agree, and 'quantile-breaks' differs from them by at most one
 * customer at a boundary (n = 1003: 201 200 201 200 201 by breaks, 201 201 200 201 200 by rank).
 *
 * @param values one value per customer: a non-empty Float64Array of finite numbers; never mutated.
 * @returns scores (Uint8Array, 1-5 per customer); cutPoints (min, max and count of raw values per score
 *   1..5); breaks (the four quantiles, 'quantile-breaks' only, else null); ties (see findScoreTies; [] for 'rank').
 * @throws EngineError NO_CUSTOMERS on an empty column; INVALID_INPUT on NaN, infinite values or a
 *   plain array; INVALID_OPTION on an unknown direction or scoring method.
 * @example
 * const { scores, breaks, cutPoints } = scoreQuintiles(new Float64Array([5, 40, 12, 90, 3]), { direction: 'descending' });
 * // breaks ≈ [4.6, 9.2, 23.2, 50]; scores [4, 2, 3, 1, 5]: the smallest recency scores 5
 * // cutPoints[4] = { score: 5, min: 3, max: 3, count: 1 }
 */
export function scoreQuintiles(
  values: Float64Array,
  options: Partial<ScoreQuintilesOptions> = {},
): ScoreQuintilesResult {
  const opts = mergeOptions(DEFAULT_SCORE_QUINTILES_OPTIONS, options);
  assertColumn(values, opts.column);
  const descending = directionIsDescending(opts.direction, opts.column);
  assertScoringMethod(opts.scoring);
  const n = values.length;
  const order = stableArgsort(values, descending);
  let scores: Uint8Array = new Uint8Array(n);
  let breaks: number[] | null = null;

  switch (opts.scoring) {
    case 'quantile-breaks':
      ({ scores, breaks } = scoreByQuantileBreaks(values, descending));
      break;
    case 'rank':
      for (let rank = 0; rank < n; rank++) scores[order[rank]] = scoreOfRank(rank, n);
      break;
    case 'average-rank': {
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
      const never: never = opts.scoring;
      throw new EngineError('INVALID_OPTION', `Unknown scoring method "${String(never)}".`);
    }
  }

  const ties = opts.scoring === 'rank' ? [] : findScoreTies(values, order, scores);
  return { scores, cutPoints: cutPointsOf(values, scores), breaks, ties };
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
