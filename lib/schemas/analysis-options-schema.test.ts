import { expect, test } from 'vitest';
import { analysisOptionsSchema } from './analysis-options-schema';

test('fills in the documented defaults', () => {
  expect(analysisOptionsSchema.parse({})).toEqual({
    seed: 42, value: 'net', dropDuplicates: false, method: 'all', kMin: 2, kMax: 10,
    clusterFeatures: ['recency', 'frequency', 'monetary'], rfmScoring: 'quantile-breaks', model: 'auto', unit: 'weeks', horizonMonths: 6,
    discountRate: 0.01, penalizer: 0, pAliveThresholds: { atRiskBelow: 0.7, churnedBelow: 0.3 },
  });
});

test('turns dates into epoch milliseconds and numbers from text', () => {
  const parsed = analysisOptionsSchema.parse({ snapshot: '2011-12-10', k: '4', discountRate: '0.02' });
  expect(parsed.snapshot).toBe(Date.UTC(2011, 11, 10));
  expect(parsed.k).toBe(4);
  expect(parsed.discountRate).toBe(0.02);
});

test.each([
  [{ snapshot: '2011-02-30' }, 'snapshot: This is not a real calendar date.'],
  [{ snapshot: '10/12/2011' }, 'snapshot: Use a date in the form YYYY-MM-DD.'],
  [{ kMin: 5, kMax: 3 }, 'kMin: The smallest k must not exceed the largest k.'],
  [{ k: 1 }, 'k: k must be at least 2.'],
  [{ discountRate: 5 }, 'discountRate: The monthly discount rate is a fraction such as 0.01.'],
  [{ calibrationEnd: '2011-09-01', holdoutDays: 30 }, 'calibrationEnd: Give either a calibration end date or a holdout length, not both.'],
  [{ timeZone: 'Europe/Pariss' }, 'timeZone: Give an IANA time zone name such as Europe/London or America/New_York.'],
  [{ currency: 'euro' }, 'currency: Give a three-letter currency code such as EUR or USD.'],
])('explains bad options in words: %j', (input, message) => {
  const result = analysisOptionsSchema.safeParse(input);
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toContain(message);
});
