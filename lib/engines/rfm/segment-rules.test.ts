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
  RFM_0_2_SEGMENT_RULES,
  validateSegmentRules,
} from './segment-rules';
import type { SegmentRule } from './types';

const names = DEFAULT_SEGMENT_RULES.map((r) => r.name);
const nameOf = (rules: readonly Readonly<SegmentRule>[], k: number) => (k < rules.length ? rules[k].name : OTHERS_SEGMENT);
const fromVectors = (
  segmentNames: string[],
  recencyLower: number[],
  recencyUpper: number[],
  frequencyLower: number[],
  frequencyUpper: number[],
  monetaryLower: number[],
  monetaryUpper: number[],
): SegmentRule[] =>
  segmentNames.map((name, i) => ({
    name,
    recency: [recencyLower[i], recencyUpper[i]],
    frequency: [frequencyLower[i], frequencyUpper[i]],
    monetary: [monetaryLower[i], monetaryUpper[i]],
  }));

describe('DEFAULT_SEGMENT_RULES', () => {
  test('match the R rfm package vectors (rfm_segment help page and vignette, 0.3.0)', () => {
    expect(cloneSegmentRules(DEFAULT_SEGMENT_RULES)).toEqual(
      fromVectors(
        [
          'Champions', 'Potential Loyalist', 'Loyal Customers', 'Promising', 'New Customers',
          "Can't Lose Them", 'At Risk', 'Need Attention', 'About To Sleep', 'Lost',
        ],
        [5, 3, 2, 3, 4, 1, 1, 1, 2, 1],
        [5, 5, 4, 4, 5, 2, 2, 3, 3, 1],
        [5, 3, 2, 1, 1, 3, 2, 3, 1, 1],
        [5, 5, 4, 3, 3, 4, 5, 5, 3, 5],
        [5, 2, 2, 3, 1, 4, 4, 3, 1, 1],
        [5, 5, 4, 5, 5, 5, 5, 5, 4, 5],
      ),
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
    expect(DEFAULT_SEGMENT_RULES[0].recency).toEqual([5, 5]);
  });

  test('every default segment, and Others, has a description and a recommended action', () => {
    for (const name of [...names, OTHERS_SEGMENT]) {
      expect(DEFAULT_SEGMENT_DESCRIPTIONS[name], name).toMatch(/\w/);
      expect(DEFAULT_SEGMENT_ACTIONS[name], name).toMatch(/\w/);
    }
    expect(Object.keys(DEFAULT_SEGMENT_ACTIONS).sort()).toEqual([...names, OTHERS_SEGMENT].sort());
    expect(Object.keys(DEFAULT_SEGMENT_DESCRIPTIONS).sort()).toEqual([...names, OTHERS_SEGMENT].sort());
  });

  // Rules in order (inclusive R, F, M): Champions 5,5,5; Potential Loyalist 3-5,3-5,2-5;
  // Loyal Customers 2-4,2-4,2-4; Promising 3-4,1-3,3-5; New Customers 4-5,1-3,1-5;
  // Can't Lose Them 1-2,3-4,4-5; At Risk 1-2,2-5,4-5; Need Attention 1-3,3-5,3-5;
  // About To Sleep 2-3,1-3,1-4; Lost 1,1-5,1-5. First match wins; the note says why a case is not
  // the first rule one might expect.
  test.each([
    [5, 5, 5, 'Champions'],
    [4, 5, 5, 'Potential Loyalist'], // Champions needs R 5
    [5, 5, 4, 'Potential Loyalist'], // Champions needs M 5
    [3, 3, 3, 'Potential Loyalist'], // before Loyal Customers, which also matches
    [5, 3, 2, 'Potential Loyalist'], // M 2 is its lower bound
    [2, 2, 2, 'Loyal Customers'],
    [2, 4, 4, 'Loyal Customers'], // R 2 is below Potential Loyalist
    [4, 2, 3, 'Loyal Customers'], // F 2 is below Potential Loyalist; before Promising, which also matches
    [2, 3, 4, 'Loyal Customers'], // before Can't Lose Them and Need Attention, which also match
    [3, 1, 5, 'Promising'],
    [4, 2, 5, 'Promising'], // Loyal Customers needs M <= 4
    [4, 1, 3, 'Promising'], // before New Customers, which also matches
    [5, 1, 1, 'New Customers'],
    [5, 1, 5, 'New Customers'], // Promising needs R <= 4
    [5, 3, 1, 'New Customers'], // Potential Loyalist needs M >= 2
    [4, 1, 1, 'New Customers'], // Promising needs M >= 3
    [1, 4, 4, "Can't Lose Them"], // before At Risk, which also matches
    [2, 3, 5, "Can't Lose Them"], // Loyal Customers needs M <= 4
    [1, 5, 5, 'At Risk'], // Can't Lose Them needs F <= 4
    [2, 2, 5, 'At Risk'], // Loyal Customers needs M <= 4; Can't Lose Them needs F >= 3
    [1, 2, 4, 'At Risk'], // before Lost
    [1, 3, 3, 'Need Attention'], // Can't Lose Them and At Risk need M >= 4; before Lost
    [2, 5, 3, 'Need Attention'], // Loyal Customers needs F <= 4
    [3, 1, 1, 'About To Sleep'],
    [2, 1, 4, 'About To Sleep'], // Loyal Customers needs F >= 2
    [2, 3, 1, 'About To Sleep'], // Loyal Customers needs M >= 2
    [1, 1, 1, 'Lost'],
    [1, 5, 1, 'Lost'], // Can't Lose Them, At Risk and Need Attention need M >= 3
    [1, 1, 5, 'Lost'], // At Risk needs F >= 2
    [2, 1, 5, 'Others'], // About To Sleep needs M <= 4, At Risk F >= 2, Lost R 1
    [2, 4, 1, 'Others'], // Loyal Customers needs M >= 2, About To Sleep F <= 3
    [2, 5, 2, 'Others'], // Need Attention needs M >= 3, At Risk M >= 4
    [3, 4, 1, 'Others'], // Potential Loyalist needs M >= 2, About To Sleep F <= 3
    [5, 5, 1, 'Others'], // Potential Loyalist needs M >= 2, New Customers F <= 3
  ])('scores %i%i%i -> %s', (r, f, m, expected) => {
    expect(nameOf(DEFAULT_SEGMENT_RULES, matchSegmentRule(DEFAULT_SEGMENT_RULES, r, f, m))).toBe(expected);
    expect(nameOf(DEFAULT_SEGMENT_RULES, buildSegmentLookup(DEFAULT_SEGMENT_RULES)[(r - 1) * 25 + (f - 1) * 5 + m - 1])).toBe(
      expected,
    );
  });

  // Cells (of 125 score combinations) each rule wins, by hand: its box minus what earlier rules took.
  //   Champions 1 (555). Potential Loyalist 3*3*4 = 36 minus 555 = 35.
  //   Loyal Customers: R 3-4 with F 3-4 goes to Potential Loyalist, leaving R 2, F 2-4, M 2-4 (9)
  //     and R 3-4, F 2, M 2-4 (6) = 15.
  //   Promising: R 3-4 with F 3 is Potential Loyalist and F 2 with M 3-4 Loyal Customers, leaving
  //     F 1, M 3-5 (6) and F 2, M 5 (2) = 8.
  //   New Customers: R 5 F 1-2 (10), R 5 F 3 M 1 (1), R 4 F 1 M 1-2 (2), R 4 F 2 M 1 (1), R 4 F 3 M 1 (1) = 15.
  //   Can't Lose Them: 8 minus R 2 F 3-4 M 4 (Loyal Customers) = 6.
  //   At Risk: R 1-2 with F 2 or 5 and M 4-5 (F 3-4 went to Can't Lose Them) = 8, minus 224 = 7.
  //   Need Attention: 27 minus R 3 (9, Potential Loyalist), R 2 F 3-4 M 3-4 (4, Loyal Customers),
  //     R 1-2 F 3-4 M 4-5 other than 234 and 244 (6, Can't Lose Them), R 1-2 F 5 M 4-5 (4, At Risk)
  //     = 27 - 9 - 4 - 6 - 4 = 4: 253, 133, 143, 153.
  //   About To Sleep: 24 minus R 3 F 3 M 2-4 (3), R 3 F 2 M 2-4 (3), R 3 F 1 M 3-4 (2), R 2 F 2-3 M 2-4 (6) = 10.
  //   Lost: 25 minus R 1 F 2 M 4-5 (2), F 3-4 M 4-5 (4), F 3-5 M 3 (3), F 5 M 4-5 (2) = 14.
  //   Others: 125 - 115 = 10.
  test('cells each default rule wins, and the ten combinations in Others', () => {
    const lookup = buildSegmentLookup(DEFAULT_SEGMENT_RULES);
    const counts = new Array<number>(DEFAULT_SEGMENT_RULES.length + 1).fill(0);
    const others: string[] = [];
    lookup.forEach((k, cell) => {
      counts[k]++;
      if (k === DEFAULT_SEGMENT_RULES.length) {
        others.push(`${Math.floor(cell / 25) + 1}${(Math.floor(cell / 5) % 5) + 1}${(cell % 5) + 1}`);
      }
    });
    expect(Object.fromEntries(counts.map((c, k) => [nameOf(DEFAULT_SEGMENT_RULES, k), c]))).toEqual({
      Champions: 1,
      'Potential Loyalist': 35,
      'Loyal Customers': 15,
      Promising: 8,
      'New Customers': 15,
      "Can't Lose Them": 6,
      'At Risk': 7,
      'Need Attention': 4,
      'About To Sleep': 10,
      Lost: 14,
      Others: 10,
    });
    expect(others).toEqual(['215', '241', '251', '252', '341', '351', '441', '451', '541', '551']);
  });

  test('no default rule is unreachable', () => {
    expect(findUnreachableRules(DEFAULT_SEGMENT_RULES)).toEqual([]);
  });
});

describe('RFM_0_2_SEGMENT_RULES', () => {
  const names02 = RFM_0_2_SEGMENT_RULES.map((r) => r.name);

  test('match the R rfm package vectors (rfm_segment docs and tests, 0.2.x)', () => {
    expect(cloneSegmentRules(RFM_0_2_SEGMENT_RULES)).toEqual(
      fromVectors(
        [
          'Champions', 'Loyal Customers', 'Potential Loyalist', 'New Customers', 'Promising',
          'Need Attention', 'About To Sleep', 'At Risk', "Can't Lose Them", 'Lost',
        ],
        [4, 2, 3, 4, 3, 2, 2, 1, 1, 1],
        [5, 5, 5, 5, 4, 3, 3, 2, 1, 2],
        [4, 3, 1, 1, 1, 2, 1, 2, 4, 1],
        [5, 5, 3, 1, 1, 3, 2, 5, 5, 2],
        [4, 3, 1, 1, 1, 2, 1, 2, 4, 1],
        [5, 5, 3, 1, 1, 3, 2, 5, 5, 2],
      ),
    );
  });

  test('are valid, use the same segment names as the defaults, and are frozen', () => {
    expect(() => validateSegmentRules(RFM_0_2_SEGMENT_RULES)).not.toThrow();
    expect([...names02].sort()).toEqual([...names].sort());
    expect(() => {
      (RFM_0_2_SEGMENT_RULES[0].recency as number[])[0] = 1;
    }).toThrow(TypeError);
    expect(() => {
      (RFM_0_2_SEGMENT_RULES as SegmentRule[]).push({ ...RFM_0_2_SEGMENT_RULES[0], name: 'X' });
    }).toThrow(TypeError);
    expect(RFM_0_2_SEGMENT_RULES[0].recency).toEqual([4, 5]);
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
    expect(nameOf(RFM_0_2_SEGMENT_RULES, matchSegmentRule(RFM_0_2_SEGMENT_RULES, r, f, m))).toBe(expected);
    expect(nameOf(RFM_0_2_SEGMENT_RULES, buildSegmentLookup(RFM_0_2_SEGMENT_RULES)[(r - 1) * 25 + (f - 1) * 5 + m - 1])).toBe(
      expected,
    );
  });

  test('exactly three 0.2.x rules are shadowed by earlier ones, as in rfm_segment 0.2.x', () => {
    expect(findUnreachableRules(RFM_0_2_SEGMENT_RULES).map((k) => names02[k])).toEqual([
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

  test('moving Loyal Customers above Potential Loyalist takes 333 from it; the defaults are untouched', () => {
    const rules = cloneSegmentRules(DEFAULT_SEGMENT_RULES);
    const [loyal] = rules.splice(2, 1);
    rules.splice(1, 0, loyal);
    expect(nameOf(rules, matchSegmentRule(rules, 3, 3, 3))).toBe('Loyal Customers');
    // 335 is outside Loyal Customers (M <= 4), so it stays Potential Loyalist.
    expect(nameOf(rules, matchSegmentRule(rules, 3, 3, 5))).toBe('Potential Loyalist');
    expect(findUnreachableRules(rules)).toEqual([]);
    expect(nameOf(DEFAULT_SEGMENT_RULES, matchSegmentRule(DEFAULT_SEGMENT_RULES, 3, 3, 3))).toBe('Potential Loyalist');
  });

  test('moving Can’t Lose Them above At Risk in the 0.2.x rules makes it reachable; the 0.2.x rules are untouched', () => {
    const rules = cloneSegmentRules(RFM_0_2_SEGMENT_RULES);
    const [cantLose] = rules.splice(8, 1);
    rules.splice(7, 0, cantLose);
    expect(nameOf(rules, matchSegmentRule(rules, 1, 5, 5))).toBe("Can't Lose Them");
    expect(findUnreachableRules(rules).map((k) => rules[k].name)).toEqual(['New Customers', 'Promising']);
    expect(nameOf(RFM_0_2_SEGMENT_RULES, matchSegmentRule(RFM_0_2_SEGMENT_RULES, 1, 5, 5))).toBe('At Risk');
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
