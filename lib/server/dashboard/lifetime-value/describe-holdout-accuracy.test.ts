import { expect, test } from 'vitest';
import { describeHoldoutAccuracy, type HoldoutAccuracyInput } from './describe-holdout-accuracy';

const purchases = { holdoutLength: 14.1429, unit: 'weeks', measure: 'purchases', currency: null } as const;

test.each<[HoldoutAccuracyInput, string]>([
  [
    { ...purchases, modelMae: 0.864661, naiveMae: 1.07902 },
    "On the 99 days held back, the model's purchase forecasts were off by 0.86 purchases per customer on average, against 1.08 for simply carrying each customer's past rate forward: 20 % better.",
  ],
  [
    { holdoutLength: 94, unit: 'days', measure: 'purchases', modelMae: 0.960461, naiveMae: 0.929277, currency: null },
    "On the 94 days held back, the model's purchase forecasts were off by 0.96 purchases per customer on average, against 0.93 for simply carrying each customer's past rate forward: 3 % worse, so on this period the simple rule forecast better than the model.",
  ],
  [
    { holdoutLength: 1.2, unit: 'weeks', measure: 'purchases', modelMae: 0.5, naiveMae: 0.501, currency: null },
    "On the 8 days held back, the model's purchase forecasts were off by 0.50 purchases per customer on average, against 0.50 for simply carrying each customer's past rate forward: about the same, so the model adds little over the simple rule on this period.",
  ],
  [
    { ...purchases, measure: 'spend', modelMae: 399.67, naiveMae: 490.176, currency: 'GBP' },
    "On the 99 days held back, the model's spend forecasts were off by £399.67 per customer on average, against £490.18 for simply carrying each customer's past spending rate forward: 18 % better.",
  ],
  [
    { ...purchases, measure: 'spend', modelMae: 1391.905, naiveMae: 482.78, currency: 'AUD' },
    "On the 99 days held back, the model's spend forecasts were off by A$1,391.91 per customer on average, against A$482.78 for simply carrying each customer's past spending rate forward: 188 % worse, so on this period the simple rule forecast better than the model.",
  ],
  [
    { ...purchases, measure: 'spend', modelMae: 399.67, naiveMae: 490.176 },
    "On the 99 days held back, the model's spend forecasts were off by 399.67 per customer on average, against 490.18 for simply carrying each customer's past spending rate forward: 18 % better.",
  ],
  [
    { ...purchases, modelMae: 0.2, naiveMae: 0 },
    "On the 99 days held back, the model's purchase forecasts were off by 0.20 purchases per customer on average, against 0.00 for simply carrying each customer's past rate forward: the simple rule was exact and the model was not, so the model did worse.",
  ],
  [{ ...purchases, modelMae: Number.NaN, naiveMae: 1 }, 'On the 99 days held back, the forecast errors could not be computed, so the model cannot be compared with the simple rule.'],
])('%j', (input, expected) => {
  expect(describeHoldoutAccuracy(input)).toBe(expected);
});
