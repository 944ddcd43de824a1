import { describe, expect, test } from 'vitest';
import { EngineError } from '../errors';
import { DEFAULT_SEGMENT_ACTIONS, DEFAULT_SEGMENT_DESCRIPTIONS } from './segment-actions';
import {
  buildSegmentLookup,
  cloneSegmentRules,
  DEFAULT_SEGMENT_RULES,
  findUnreachableRules,
  matchSegmentRule,
  OTHERS_SEGMENT,
  validateSegmentRules,
} from './segment-rules';
import type { SegmentRule } from './types';

const names = DEFAULT_SEGMENT_RULES.map((r) => r.name);
const nameOf = (rules: readonly Readonly<SegmentRule>[], k: number) => (k < rules.length ? rules[k].name : OTHERS_SEGMENT);

describe('DEFAULT_SEGMENT_RULES', () => {
  test('match the R rfm package vectors (rfm_segment docs and tests, 0.2.x)', () => {
    const segmentNames = [
      'Champions', 'Loyal Customers', 'Potential Loyalist', 'New Customers', 'Promising',
      'Need Attention', 'About To Sleep', 'At Risk', "Can't Lose Them", 'Lost',
    ];
    const recencyLower = [4, 2, 3, 4, 3, 2, 2, 1, 1, 1];
    const recencyUpper = [5, 5, 5, 5, 4, 3, 3, 2, 1, 2];
    const frequencyLower = [4, 3, 1, 1, 1, 2, 1, 2, 4, 1];
    const frequencyUpper = [5, 5, 3, 1, 1, 3, 2, 5, 5, 2];
    const monetaryLower = [4, 3, 1, 1, 1, 2, 1, 2, 4, 1];
    const monetaryUpper = [5, 5, 3, 1, 1, 3, 2, 5, 5, 2];
    expect(cloneSegmentRules(DEFAULT_SEGMENT_RULES)).toEqual(
      segmentNames.map((name, i) => ({
        name,
        recency: [recencyLower[i], recencyUpper[i]],
        frequency: [frequencyLower[i], frequencyUpper[i]],
        monetary: [monetaryLower[i], monetaryUpper[i]],
      })),
    );
  });

  test('are valid', () => {
    expect(() => validateSegmentRules(DEFAULT_SEGMENT_RULES)).not.toThrow();
  });

  test('are frozen, down to the score ranges', () => {
    expect(() => {
      (DEFAULT_SEGMENT_RULES[0].recency as number[])[0] = 1;
    }).toThrow(TypeError);
    expect(() => {
      (DEFAULT_SEGMENT_RULES as SegmentRule[]).push({ ...DEFAULT_SEGMENT_RULES[0], name: 'X' });
    }).toThrow(TypeError);
    expect(DEFAULT_SEGMENT_RULES[0].recency).toEqual([4, 5]);
  });

  test('every default segment, and Others, has a description and a recommended action', () => {
    for (const name of [...names, OTHERS_SEGMENT]) {
      expect(DEFAULT_SEGMENT_DESCRIPTIONS[name], name).toMatch(/\w/);
      expect(DEFAULT_SEGMENT_ACTIONS[name], name).toMatch(/\w/);
    }
    expect(Object.keys(DEFAULT_SEGMENT_ACTIONS).sort()).toEqual([...names, OTHERS_SEGMENT].sort());
  });

  // First match wins: 511 is inside Potential Loyalist (R 3-5, F 1-3, M 1-3) before New Customers,
  // 155 inside At Risk (R 1-2, F 2-5, M 2-5) before Can't Lose Them, and R = 3 with F, M <= 3
  // is Potential Loyalist before Need Attention or About To Sleep.
  test.each([
    [5, 5, 5, 'Champions'],
    [4, 4, 4, 'Champions'],
    [2, 3, 3, 'Loyal Customers'],
    [5, 3, 4, 'Loyal Customers'],
    [5, 1, 1, 'Potential Loyalist'],
    [3, 1, 1, 'Potential Loyalist'],
    [2, 2, 2, 'Need Attention'],
    [2, 3, 2, 'Need Attention'],
    [3, 3, 2, 'Potential Loyalist'],
    [2, 1, 1, 'About To Sleep'],
    [2, 1, 2, 'About To Sleep'],
    [3, 1, 2, 'Potential Loyalist'],
    [1, 5, 5, 'At Risk'],
    [2, 5, 2, 'At Risk'],
    [1, 2, 2, 'At Risk'],
    [1, 1, 1, 'Lost'],
    [1, 2, 1, 'Lost'],
    [1, 1, 3, 'Others'],
    [2, 1, 5, 'Others'],
    [3, 4, 1, 'Others'],
  ])('scores %i%i%i -> %s', (r, f, m, expected) => {
    expect(nameOf(DEFAULT_SEGMENT_RULES, matchSegmentRule(DEFAULT_SEGMENT_RULES, r, f, m))).toBe(expected);
    expect(nameOf(DEFAULT_SEGMENT_RULES, buildSegmentLookup(DEFAULT_SEGMENT_RULES)[(r - 1) * 25 + (f - 1) * 5 + m - 1])).toBe(
      expected,
    );
  });

  test('three default rules are shadowed by earlier ones, as in rfm_segment', () => {
    expect(findUnreachableRules(DEFAULT_SEGMENT_RULES).map((k) => names[k])).toEqual([
      'New Customers',
      'Promising',
      "Can't Lose Them",
    ]);
  });
});

describe('editing rules', () => {
  test('first match wins among overlapping rules', () => {
    const rules: SegmentRule[] = [
      { name: 'Top', recency: [3, 5], frequency: [3, 5], monetary: [3, 5] },
      { name: 'Recent', recency: [4, 5], frequency: [1, 5], monetary: [1, 5] },
    ];
    expect(nameOf(rules, matchSegmentRule(rules, 5, 5, 5))).toBe('Top');
    expect(nameOf(rules, matchSegmentRule(rules, 5, 1, 1))).toBe('Recent');
    expect(nameOf(rules, matchSegmentRule(rules, 1, 1, 1))).toBe(OTHERS_SEGMENT);
    expect(nameOf(rules.slice().reverse(), matchSegmentRule(rules.slice().reverse(), 5, 5, 5))).toBe('Recent');
  });

  test('moving Can’t Lose Them above At Risk makes it reachable; the defaults are untouched', () => {
    const rules = cloneSegmentRules(DEFAULT_SEGMENT_RULES);
    const [cantLose] = rules.splice(8, 1);
    rules.splice(7, 0, cantLose);
    expect(nameOf(rules, matchSegmentRule(rules, 1, 5, 5))).toBe("Can't Lose Them");
    expect(findUnreachableRules(rules).map((k) => rules[k].name)).toEqual(['New Customers', 'Promising']);
    expect(nameOf(DEFAULT_SEGMENT_RULES, matchSegmentRule(DEFAULT_SEGMENT_RULES, 1, 5, 5))).toBe('At Risk');
  });

  test('an empty rule list puts everyone in Others', () => {
    expect(Array.from(new Set(buildSegmentLookup([])))).toEqual([0]);
  });
});

describe('validateSegmentRules', () => {
  const ok = (name: string): SegmentRule => ({ name, recency: [1, 5], frequency: [1, 5], monetary: [1, 5] });

  test.each([
    { label: 'empty name', rules: [ok('A'), ok('')], message: 'Segment rule 2 needs a name.' },
    { label: 'blank name', rules: [ok('   ')], message: 'Segment rule 1 needs a name.' },
    {
      label: 'duplicate name, other case and spaces',
      rules: [ok('VIP'), ok('Big'), ok(' vip ')],
      message: 'Segment rule 3 (" vip "): the name is already used by segment rule 1; segment names must be unique.',
    },
    {
      label: 'reserved Others',
      rules: [ok('Others')],
      message:
        'Segment rule 1 ("Others"): the name "Others" is reserved for customers no rule matches; choose another name.',
    },
    {
      label: 'reserved others, lower case',
      rules: [ok('A'), ok('others')],
      message: /Segment rule 2 \("others"\): the name "Others" is reserved/,
    },
    {
      label: 'bound 0',
      rules: [{ ...ok('Lapsed'), recency: [0, 2] }],
      message: 'Segment rule 1 ("Lapsed"): the recency range has 0; each bound must be a whole number from 1 to 5.',
    },
    {
      label: 'bound 6',
      rules: [ok('A'), { ...ok('Whales'), monetary: [5, 6] }],
      message: 'Segment rule 2 ("Whales"): the monetary range has 6; each bound must be a whole number from 1 to 5.',
    },
    {
      label: 'fractional bound',
      rules: [{ ...ok('Half'), frequency: [2.5, 3] }],
      message: /Segment rule 1 \("Half"\): the frequency range has 2.5/,
    },
    {
      label: 'lower above upper',
      rules: [{ ...ok('VIP'), recency: [5, 4] }],
      message: 'Segment rule 1 ("VIP"): the recency range [5, 4] has its lower bound above its upper bound.',
    },
    {
      label: 'missing range',
      rules: [{ name: 'NoM', recency: [1, 5], frequency: [1, 5] }],
      message: 'Segment rule 1 ("NoM"): the monetary range must be a pair [lower, upper] of scores from 1 to 5.',
    },
    {
      label: 'three-number range',
      rules: [{ ...ok('Tri'), frequency: [1, 2, 3] }],
      message: /Segment rule 1 \("Tri"\): the frequency range must be a pair/,
    },
    { label: 'string bound', rules: [{ ...ok('S'), recency: ['1', 5] }], message: /the recency range has 1;/ },
    { label: 'not a list', rules: { name: 'A' }, message: 'Segment rules must be a list of rules.' },
    { label: 'null rule', rules: [ok('A'), null], message: 'Segment rule 2 is not a rule object.' },
    {
      label: '256 rules',
      rules: Array.from({ length: 256 }, (_, i) => ok(`S${i}`)),
      message: 'There are 256 segment rules; at most 255 are allowed.',
    },
  ])('rejects $label', ({ rules, message }) => {
    const run = () => validateSegmentRules(rules);
    expect(run).toThrow(EngineError);
    expect(run).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(run).toThrow(message);
  });

  test('accepts 255 rules and single-score ranges', () => {
    expect(() => validateSegmentRules(Array.from({ length: 255 }, (_, i) => ok(`S${i}`)))).not.toThrow();
    expect(() =>
      validateSegmentRules([{ name: 'Exact', recency: [3, 3], frequency: [1, 1], monetary: [5, 5] }]),
    ).not.toThrow();
  });
});
