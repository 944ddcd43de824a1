import { RandomForestRegression } from 'ml-random-forest';
import { expect, test } from 'vitest';
import { createRng } from '../random';
import { thrownCode } from '../testing/cdnow';
import { predictRandomForest, trainRandomForest, type RandomForestOptions } from './random-forest';

/** Rows mixing the shapes the spend features take: small counts with many ties, skewed money, zeros, refunds. */
function dataset(seed: number, n: number): { x: number[][]; y: number[] } {
  const rng = createRng(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const count = 1 + rng.int(6);
    const span = rng.int(50);
    const money = Math.round(rng.gamma(1.5, 40) * 100) / 100;
    const refund = rng.next() < 0.1 ? -money : money;
    const tied = rng.int(3) * 0.5;
    x.push([count, span, refund, tied, money * count, Math.round(rng.next() * 4)]);
    y.push(rng.next() < 0.3 ? 0 : Math.round((money * count * rng.gamma(2, 0.5) + tied) * 100) / 100);
  }
  return { x, y };
}

function reference(x: number[][], y: number[], o: RandomForestOptions, score: number[][]): Float64Array {
  const forest = new RandomForestRegression({
    seed: o.seed,
    nEstimators: o.trees,
    maxFeatures: o.maxFeatures,
    replacement: false,
    useSampleBagging: true,
    noOOB: true,
    treeOptions: { maxDepth: o.maxDepth, minNumSamples: o.minLeafRows },
  });
  forest.train(x, y);
  return Float64Array.from(forest.predict(score));
}

// Known answers: ml-random-forest 2.1 / ml-cart 2.1 itself, run on the same data and seed.
test.each([
  { data: 1, n: 300, seed: 42, trees: 8, maxFeatures: 4, maxDepth: 6, minLeafRows: 20 },
  { data: 2, n: 500, seed: 7, trees: 5, maxFeatures: 3, maxDepth: 12, minLeafRows: 2 },
  { data: 3, n: 120, seed: 2_147_483_000, trees: 6, maxFeatures: 6, maxDepth: 20, minLeafRows: 0 },
  { data: 4, n: 60, seed: 0, trees: 4, maxFeatures: 2, maxDepth: 3, minLeafRows: 5 },
])('the forest predicts bit for bit what ml-random-forest predicts (data $data, seed $seed)', ({ data, n, ...o }) => {
  const { x, y } = dataset(data, n);
  const score = dataset(data + 100, 200).x;
  const expected = reference(x, y, o, score);
  const actual = predictRandomForest(trainRandomForest(x, y, o), score);
  expect(Array.from(actual)).toEqual(Array.from(expected));
  expect(new Set(actual).size).toBeGreaterThan(3);
});

test('a node whose targets are all equal is a leaf with that value', () => {
  const x = Array.from({ length: 40 }, (_, i) => [i, i % 3]);
  const y = new Array(40).fill(5);
  const model = trainRandomForest(x, y, { seed: 1, trees: 2, maxFeatures: 2, maxDepth: 5, minLeafRows: 1 });
  expect(model.trees.every((t) => t.feature.length === 1)).toBe(true);
  expect(Array.from(predictRandomForest(model, [[3, 0]]))).toEqual([5]);
});

test('bad input and options are refused', () => {
  const o = { seed: 1, trees: 2, maxFeatures: 2, maxDepth: 5, minLeafRows: 1 };
  expect(thrownCode(() => trainRandomForest([[1, 2], [3, NaN]], [1, 2], o))).toBe('INVALID_INPUT');
  expect(thrownCode(() => trainRandomForest([[1, 2], [3]], [1, 2], o))).toBe('INVALID_INPUT');
  expect(thrownCode(() => trainRandomForest([[1, 2]], [1, 2], o))).toBe('INVALID_INPUT');
  expect(thrownCode(() => trainRandomForest([[1, 2]], [1], { ...o, maxFeatures: 3 }))).toBe('INVALID_OPTION');
  expect(thrownCode(() => trainRandomForest([[1, 2]], [1], { ...o, maxFeatures: 1 }))).toBe('INVALID_OPTION');
  expect(thrownCode(() => trainRandomForest([[1, 2]], [1], { ...o, trees: 0 }))).toBe('INVALID_OPTION');
});
