import { EngineError } from '../errors';
import { mergeOptions } from '../merge-options';
import { rfmCodeOf } from './rfm-code';
import { assertScoringMethod, scoreQuintiles } from './score-quintiles';
import { buildSegmentLookup, DEFAULT_SEGMENT_RULES, OTHERS_SEGMENT, validateSegmentRules } from './segment-rules';
import type { RfmInput, ScoreRfmOptions, ScoreRfmResult, UnevenScores } from './types';
import { unevenScoresOf } from './uneven-scores';
import { assertColumn, assertSameLength } from './validate-column';

export const DEFAULT_SCORE_RFM_OPTIONS: Readonly<ScoreRfmOptions> = Object.freeze({
  rules: DEFAULT_SEGMENT_RULES,
  scoring: 'quantile-breaks',
});

/**
 * RFM scores 1-5, codes and named segments for every customer.
 *
 * Scores (see scoreQuintiles): by default ('quantile-breaks') breaks at the 20/40/60/80 % quantiles of
 * each column (type 7), as R `rfm` 0.3.0 `rfm_table_order` and pandas `qcut` do, so customers with
 * equal values always share a score and one code; recency is reversed (the fifth with the fewest
 * days since the last purchase scores 5). Where ties cover a break the groups are not fifths, and
 * `uneven` says which column, how many customers per score and which tied values caused it.
 * 'rank' gives each score a fifth of the customers by splitting ties by customer index (the old
 * default; identical customers can get different codes); 'average-rank' keeps ties on the score of
 * their average rank. A column where everyone is equal (and a single customer) scores 3.
 * Segments: the first matching rule wins (R `rfm` 0.3.0 rules by default), the rest are 'Others'.
 *
 * @param input recency (days, >= 0), frequency (purchases, >= 0) and monetary (money) per customer:
 *   Float64Arrays of one length, never mutated.
 * @returns per customer r, f, m (Uint8Array 1-5), codes (Uint16Array 100r + 10f + m) and segment (index
 *   into segmentNames); segmentSizes; cutPoints (value range and count per score and column); scoring
 *   (the method used); breaks ({ recency, frequency, monetary } quantiles, null for the rank methods);
 *   uneven (one UnevenScores per column whose groups ties made uneven, in R, F, M order).
 * @throws EngineError NO_CUSTOMERS when there are none; INVALID_INPUT on NaN, infinite or negative
 *   recency or frequency, plain arrays or columns of different lengths; INVALID_OPTION on bad rules
 *   or an unknown scoring method.
 * @example
 * const result = scoreRfm({
 *   recency: new Float64Array([10, 200, 30, 5, 120, 60]),
 *   frequency: new Float64Array([8, 1, 4, 1, 6, 2]),
 *   monetary: new Float64Array([900, 50, 400, 60, 700, 150]),
 * });
 * formatRfmCode(result.codes[0]); // "555"
 * result.segmentNames[result.segment[0]]; // "Champions"
 * result.uneven; // []: the two one-purchase customers share F 1, which an even split gives them too
 */
export function scoreRfm(input: RfmInput, options: Partial<ScoreRfmOptions> = {}): ScoreRfmResult {
  const opts = mergeOptions(DEFAULT_SCORE_RFM_OPTIONS, options);
  if (typeof input !== 'object' || input === null) {
    throw new EngineError('INVALID_INPUT', 'RFM input must have recency, frequency and monetary columns.');
  }
  validateSegmentRules(opts.rules);
  assertScoringMethod(opts.scoring);
  assertColumn(input.recency, 'recency', 0);
  assertColumn(input.frequency, 'frequency', 0);
  assertColumn(input.monetary, 'monetary');
  const n = assertSameLength({ recency: input.recency, frequency: input.frequency, monetary: input.monetary });

  const { scoring } = opts;
  const recency = scoreQuintiles(input.recency, { direction: 'descending', scoring, column: 'recency' });
  const frequency = scoreQuintiles(input.frequency, { direction: 'ascending', scoring, column: 'frequency' });
  const monetary = scoreQuintiles(input.monetary, { direction: 'ascending', scoring, column: 'monetary' });
  const r = recency.scores;
  const f = frequency.scores;
  const m = monetary.scores;

  const lookup = buildSegmentLookup(opts.rules);
  const segmentNames = [...opts.rules.map((rule) => rule.name), OTHERS_SEGMENT];
  const segmentSizes = new Int32Array(segmentNames.length);
  const codes = new Uint16Array(n);
  const segment = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    codes[i] = rfmCodeOf(r[i], f[i], m[i]);
    const k = lookup[(r[i] - 1) * 25 + (f[i] - 1) * 5 + (m[i] - 1)];
    segment[i] = k;
    segmentSizes[k]++;
  }

  return {
    r,
    f,
    m,
    codes,
    segment,
    segmentNames,
    segmentSizes,
    cutPoints: { recency: recency.cutPoints, frequency: frequency.cutPoints, monetary: monetary.cutPoints },
    scoring,
    breaks:
      recency.breaks && frequency.breaks && monetary.breaks
        ? { recency: recency.breaks, frequency: frequency.breaks, monetary: monetary.breaks }
        : null,
    uneven: [
      unevenScoresOf('recency', recency),
      unevenScoresOf('frequency', frequency),
      unevenScoresOf('monetary', monetary),
    ].filter((u): u is UnevenScores => u !== null),
  };
}
