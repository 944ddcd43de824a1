import { EngineError } from '../errors';
import type { SegmentRule, SegmentRules } from './types';

/** Name of the catch-all segment for customers no rule matches; reserved. */
export const OTHERS_SEGMENT = 'Others';

/** Rules are stored in a Uint8Array with 'Others' after them, so at most 255 rules. */
export const MAX_SEGMENT_RULES = 255;

const defineRule = (
  name: string,
  recency: [number, number],
  frequency: [number, number],
  monetary: [number, number],
): Readonly<SegmentRule> =>
  Object.freeze({
    name,
    recency: Object.freeze(recency) as [number, number],
    frequency: Object.freeze(frequency) as [number, number],
    monetary: Object.freeze(monetary) as [number, number],
  });

/**
 * The ten segments of the R `rfm` package as documented for version 0.3.0 (rfm_segment help page
 * and vignette), in its order; bounds are inclusive scores. First match wins, as in rfm_segment:
 * every rule is reachable, but later rules only get the score combinations earlier ones leave
 * (Potential Loyalist, second, takes most of Loyal Customers and Need Attention), and ten
 * combinations (215 241 251 252 341 351 441 451 541 551) match no rule and fall in 'Others'.
 */
export const DEFAULT_SEGMENT_RULES: SegmentRules = Object.freeze([
  defineRule('Champions', [5, 5], [5, 5], [5, 5]),
  defineRule('Potential Loyalist', [3, 5], [3, 5], [2, 5]),
  defineRule('Loyal Customers', [2, 4], [2, 4], [2, 4]),
  defineRule('Promising', [3, 4], [1, 3], [3, 5]),
  defineRule('New Customers', [4, 5], [1, 3], [1, 5]),
  defineRule("Can't Lose Them", [1, 2], [3, 4], [4, 5]),
  defineRule('At Risk', [1, 2], [2, 5], [4, 5]),
  defineRule('Need Attention', [1, 3], [3, 5], [3, 5]),
  defineRule('About To Sleep', [2, 3], [1, 3], [1, 4]),
  defineRule('Lost', [1, 1], [1, 5], [1, 5]),
]);

/** R `rfm` 0.2.x rules, kept for comparison; three (New Customers, Promising, Can't Lose Them) are unreachable. */
export const RFM_0_2_SEGMENT_RULES: SegmentRules = Object.freeze([
  defineRule('Champions', [4, 5], [4, 5], [4, 5]),
  defineRule('Loyal Customers', [2, 5], [3, 5], [3, 5]),
  defineRule('Potential Loyalist', [3, 5], [1, 3], [1, 3]),
  defineRule('New Customers', [4, 5], [1, 1], [1, 1]),
  defineRule('Promising', [3, 4], [1, 1], [1, 1]),
  defineRule('Need Attention', [2, 3], [2, 3], [2, 3]),
  defineRule('About To Sleep', [2, 3], [1, 2], [1, 2]),
  defineRule('At Risk', [1, 2], [2, 5], [2, 5]),
  defineRule("Can't Lose Them", [1, 1], [4, 5], [4, 5]),
  defineRule('Lost', [1, 2], [1, 2], [1, 2]),
]);

/** A mutable deep copy of rules, for a user to edit. */
export function cloneSegmentRules(rules: SegmentRules): SegmentRule[] {
  return rules.map((r) => ({
    name: r.name,
    recency: [r.recency[0], r.recency[1]],
    frequency: [r.frequency[0], r.frequency[1]],
    monetary: [r.monetary[0], r.monetary[1]],
  }));
}

const RANGE_KEYS = ['recency', 'frequency', 'monetary'] as const;

/**
 * Check user-edited rules: names non-empty and unique (ignoring case and surrounding spaces),
 * 'Others' reserved, each bound a whole number 1-5 with lower <= upper.
 * Throws EngineError('INVALID_OPTION') naming the offending rule.
 * @example
 * validateSegmentRules([{ name: 'VIP', recency: [4, 5], frequency: [5, 5], monetary: [5, 5] }]); // ok
 * validateSegmentRules([{ name: 'VIP', recency: [5, 4], frequency: [5, 5], monetary: [5, 5] }]);
 * // throws: Segment rule 1 ("VIP"): the recency range [5, 4] has its lower bound above its upper bound.
 */
export function validateSegmentRules(rules: unknown): asserts rules is SegmentRules {
  if (!Array.isArray(rules)) {
    throw new EngineError('INVALID_OPTION', 'Segment rules must be a list of rules.');
  }
  if (rules.length > MAX_SEGMENT_RULES) {
    throw new EngineError(
      'INVALID_OPTION',
      `There are ${rules.length} segment rules; at most ${MAX_SEGMENT_RULES} are allowed.`,
      { count: rules.length },
    );
  }
  const seen = new Map<string, number>();
  rules.forEach((candidate: unknown, i) => {
    const position = i + 1;
    if (typeof candidate !== 'object' || candidate === null) {
      throw new EngineError('INVALID_OPTION', `Segment rule ${position} is not a rule object.`, { rule: i });
    }
    const r = candidate as Record<string, unknown>;
    if (typeof r.name !== 'string' || r.name.trim() === '') {
      throw new EngineError('INVALID_OPTION', `Segment rule ${position} needs a name.`, { rule: i });
    }
    const label = `Segment rule ${position} ("${r.name}")`;
    const key = r.name.trim().toLowerCase();
    if (key === OTHERS_SEGMENT.toLowerCase()) {
      throw new EngineError(
        'INVALID_OPTION',
        `${label}: the name "${OTHERS_SEGMENT}" is reserved for customers no rule matches; choose another name.`,
        { rule: i, name: r.name },
      );
    }
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new EngineError(
        'INVALID_OPTION',
        `${label}: the name is already used by segment rule ${earlier + 1}; segment names must be unique.`,
        { rule: i, name: r.name, duplicateOf: earlier },
      );
    }
    seen.set(key, i);
    for (const field of RANGE_KEYS) {
      const range = r[field];
      if (!Array.isArray(range) || range.length !== 2) {
        throw new EngineError(
          'INVALID_OPTION',
          `${label}: the ${field} range must be a pair [lower, upper] of scores from 1 to 5.`,
          { rule: i, name: r.name, field },
        );
      }
      for (const bound of range as unknown[]) {
        if (typeof bound !== 'number' || !Number.isInteger(bound) || bound < 1 || bound > 5) {
          throw new EngineError(
            'INVALID_OPTION',
            `${label}: the ${field} range has ${String(bound)}; each bound must be a whole number from 1 to 5.`,
            { rule: i, name: r.name, field },
          );
        }
      }
      if (range[0] > range[1]) {
        throw new EngineError(
          'INVALID_OPTION',
          `${label}: the ${field} range [${range[0]}, ${range[1]}] has its lower bound above its upper bound.`,
          { rule: i, name: r.name, field },
        );
      }
    }
  });
}

/** Index of the first rule matching the scores, or rules.length ('Others') when none does. */
export function matchSegmentRule(rules: SegmentRules, r: number, f: number, m: number): number {
  for (let k = 0; k < rules.length; k++) {
    const rule = rules[k];
    if (
      r >= rule.recency[0] &&
      r <= rule.recency[1] &&
      f >= rule.frequency[0] &&
      f <= rule.frequency[1] &&
      m >= rule.monetary[0] &&
      m <= rule.monetary[1]
    ) {
      return k;
    }
  }
  return rules.length;
}

/** Segment index for each of the 125 score combinations, at (r - 1) * 25 + (f - 1) * 5 + (m - 1). */
export function buildSegmentLookup(rules: SegmentRules): Uint8Array {
  const lookup = new Uint8Array(125);
  for (let r = 1; r <= 5; r++) {
    for (let f = 1; f <= 5; f++) {
      for (let m = 1; m <= 5; m++) {
        lookup[(r - 1) * 25 + (f - 1) * 5 + (m - 1)] = matchSegmentRule(rules, r, f, m);
      }
    }
  }
  return lookup;
}

/** Indices of rules that no score combination reaches because earlier rules cover all of their range. */
export function findUnreachableRules(rules: SegmentRules): number[] {
  const reached = new Uint8Array(rules.length + 1);
  for (const k of buildSegmentLookup(rules)) reached[k] = 1;
  const unreachable: number[] = [];
  for (let k = 0; k < rules.length; k++) if (reached[k] === 0) unreachable.push(k);
  return unreachable;
}
