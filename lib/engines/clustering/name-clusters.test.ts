import { expect, test } from 'vitest';
import { CHURN_STATUS_LABELS } from '../rfm/churn-status';
import { DEFAULT_SEGMENT_RULES, OTHERS_SEGMENT, RFM_0_2_SEGMENT_RULES } from '../rfm/segment-rules';
import { EMPTY_CLUSTER_NAME, nameClusters, type ClusterRanks } from './name-clusters';

// Ranks are mean percentile ranks against all customers, 0.5 = typical; a low recency rank = bought recently.
// Levels cut at 0.2, 0.4, 0.6, 0.8: value and recency words below, lowest level first.
test.each([
  ['top spenders, bought lately', { recency: 0.15, frequency: 0.8, monetary: 0.9 }, 'Very high value · very recent'],
  ['good spenders, fairly recent', { recency: 0.35, frequency: 0.6, monetary: 0.65 }, 'High value · recent'],
  ['typical on both', { recency: 0.5, frequency: 0.5, monetary: 0.5 }, 'Mid value · lapsing'],
  ['small spenders, gone a while', { recency: 0.7, frequency: 0.3, monetary: 0.3 }, 'Low value · lapsed'],
  ['smallest spenders, gone longest', { recency: 0.9, frequency: 0.1, monetary: 0.1 }, 'Very low value · long lapsed'],
  ['big spenders who stopped buying', { recency: 0.85, frequency: 0.7, monetary: 0.85 }, 'Very high value · long lapsed'],
  ['cheap but recent', { recency: 0.1, frequency: 0.2, monetary: 0.25 }, 'Low value · very recent'],
  // Cut points: 0.8 and 0.6 belong to the level above, 0.4 and 0.2 to the level below.
  ['on the upper cuts', { recency: 0.2, frequency: 0.5, monetary: 0.8 }, 'Very high value · very recent'],
  ['on the lower cuts', { recency: 0.6, frequency: 0.5, monetary: 0.2 }, 'Very low value · lapsed'],
])('%s -> %s', (_, ranks, expected) => {
  expect(nameClusters([ranks])).toEqual([expected]);
});

test('value averages the monetary and CLV ranks when CLV is given', () => {
  const ranks = { recency: 0.3, frequency: 0.5, monetary: 0.7 };
  expect(nameClusters([ranks])).toEqual(['High value · recent']);
  // (0.7 + 0.2) / 2 = 0.45: big past spend, little expected.
  expect(nameClusters([{ ...ranks, clv: 0.2 }])).toEqual(['Mid value · recent']);
  expect(nameClusters([{ ...ranks, clv: Number.NaN }])).toEqual(['High value · recent']);
});

test('clusters that would share a name all get their frequency level; the rest keep the short name', () => {
  expect(
    nameClusters([
      { recency: 0.3, frequency: 0.85, monetary: 0.7 },
      { recency: 0.9, frequency: 0.1, monetary: 0.1 },
      { recency: 0.35, frequency: 0.45, monetary: 0.65 },
    ]),
  ).toEqual(['High value · very frequent · recent', 'Very low value · long lapsed', 'High value · occasional · recent']);
});

test('clusters alike on all three are numbered in cluster order; empty clusters are named Empty', () => {
  const alike = { recency: 0.3, frequency: 0.7, monetary: 0.7 };
  const empty = { recency: Number.NaN, frequency: Number.NaN, monetary: Number.NaN };
  expect(nameClusters([alike, empty, { ...alike, monetary: 0.75 }, alike, empty])).toEqual([
    'High value · frequent · recent',
    EMPTY_CLUSTER_NAME,
    'High value · frequent · recent (2)',
    'High value · frequent · recent (3)',
    `${EMPTY_CLUSTER_NAME} (2)`,
  ]);
});

// Every level of every dimension, alone and in colliding pairs (which adds the frequency words).
const LEVELS = [0.1, 0.3, 0.5, 0.7, 0.9];
const GRID: ClusterRanks[] = LEVELS.flatMap((recency) =>
  LEVELS.flatMap((frequency) => LEVELS.map((monetary) => ({ recency, frequency, monetary }))),
);
const ALL_NAMES = [...nameClusters(GRID), ...GRID.flatMap((ranks) => nameClusters([ranks, ranks]))];
const RESERVED = [
  ...DEFAULT_SEGMENT_RULES.map((rule) => rule.name),
  ...RFM_0_2_SEGMENT_RULES.map((rule) => rule.name),
  OTHERS_SEGMENT,
  ...CHURN_STATUS_LABELS,
  'Hibernating',
];

test('names are unique within a clustering', () => {
  expect(ALL_NAMES).toHaveLength(GRID.length * 3);
  // 125 rank profiles share 25 value-recency pairs; frequency and then numerals tell them apart.
  expect(new Set(nameClusters(GRID)).size).toBe(GRID.length);
  for (const ranks of GRID) expect(new Set(nameClusters([ranks, ranks])).size).toBe(2);
});

test.each([...new Set(RESERVED)])('no cluster name equals or contains the segment or churn name %s', (reserved) => {
  const word = reserved.toLowerCase();
  expect(ALL_NAMES.filter((name) => name.toLowerCase().includes(word))).toEqual([]);
});

test('the same ranks always give the same names', () => {
  expect(nameClusters(GRID)).toEqual(nameClusters(GRID.map((ranks) => ({ ...ranks }))));
});
