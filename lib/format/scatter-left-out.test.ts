import { expect, test } from 'vitest';
import { formatInteger } from './format-number';
import { scatterLeftOut, scatterLeftOutSentence } from './scatter-left-out';

test('counts the points each log-axis chart cannot place: no orders; no positive spend, no CLV or no positive CLV', () => {
  const columns = {
    frequency: [2, 1, 0, 3, 1, 4],
    monetary: [10, 0, 5, -3, 7, 12],
    clv: [4, 6, 2, 1, null, 0],
  };
  expect(scatterLeftOut(columns)).toEqual({ recencyFrequency: 1, monetaryClv: 4 });
});

test.each([
  [{ recencyFrequency: 0, monetaryClv: 0 }, ''],
  [{ recencyFrequency: 0, monetaryClv: 1 }, '1 with no positive net spend or CLV is left out of the monetary value vs CLV chart (log axes cannot show 0 or less).'],
  [
    { recencyFrequency: 2, monetaryClv: 1_234 },
    '2 with no orders are left out of the recency vs frequency chart; 1,234 with no positive net spend or CLV are left out of the monetary value vs CLV chart (log axes cannot show 0 or less).',
  ],
])('%j is said as %j', (left, sentence) => {
  expect(scatterLeftOutSentence(left, formatInteger)).toBe(sentence);
});
