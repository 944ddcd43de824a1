import { EngineError } from '../errors';
import { mergeOptions } from '../merge-options';
import { rfmCodeOf } from './rfm-code';
import { scoreQuintiles } from './score-quintiles';
import { buildSegmentLookup, DEFAULT_SEGMENT_RULES, OTHERS_SEGMENT, validateSegmentRules } from './segment-rules';
import type { RfmInput, ScoreRfmOptions, ScoreRfmResult } from './types';
import { assertColumn, assertSameLength } from './validate-column';

export const DEFAULT_SCORE_RFM_OPTIONS: Readonly<ScoreRfmOptions> = Object.freeze({
  rules: DEFAULT_SEGMENT_RULES,
  ties: 'rank',
});

/**
 * RFM quintile scores, codes and named segments for every customer.
 * Recency is reversed (fewest days since the last purchase scores 5). Ties are broken by customer
 * index by default (ties: 'rank'), so each score holds a fifth of the customers even when many
 * share a frequency of 1; ties: 'average' gives equal values one shared score instead, which keeps
 * identical customers together but leaves the quintiles uneven. Segments: first matching rule wins,
 * the rest are 'Others'. With fewer than five customers scores are spread over 1..5 by rank and a
 * single customer scores 3 on each column (see scoreOfRank).
 * @example
 * const result = scoreRfm({
 *   recency: new Float64Array([10, 200, 30, 5, 120, 60]),
 *   frequency: new Float64Array([8, 1, 4, 1, 6, 2]),
 *   monetary: new Float64Array([900, 50, 400, 60, 700, 150]),
 * });
 * formatRfmCode(result.codes[0]); // "455"
 * result.segmentNames[result.segment[0]]; // "Potential Loyalist" (Champions needs 555)
 */
export function scoreRfm(input: RfmInput, options: Partial<ScoreRfmOptions> = {}): ScoreRfmResult {
  const opts = mergeOptions(DEFAULT_SCORE_RFM_OPTIONS, options);
  if (typeof input !== 'object' || input === null) {
    throw new EngineError('INVALID_INPUT', 'RFM input must have recency, frequency and monetary columns.');
  }
  validateSegmentRules(opts.rules);
  if (opts.ties !== 'rank' && opts.ties !== 'average') {
    throw new EngineError('INVALID_OPTION', `Unknown ties mode "${String(opts.ties)}"; use 'rank' or 'average'.`);
  }
  assertColumn(input.recency, 'recency', 0);
  assertColumn(input.frequency, 'frequency', 0);
  assertColumn(input.monetary, 'monetary');
  const n = assertSameLength({ recency: input.recency, frequency: input.frequency, monetary: input.monetary });

  const recency = scoreQuintiles(input.recency, { direction: 'descending', ties: opts.ties, column: 'recency' });
  const frequency = scoreQuintiles(input.frequency, { direction: 'ascending', ties: opts.ties, column: 'frequency' });
  const monetary = scoreQuintiles(input.monetary, { direction: 'ascending', ties: opts.ties, column: 'monetary' });
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
  };
}
