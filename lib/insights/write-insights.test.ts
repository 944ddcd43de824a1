import { expect, test } from 'vitest';
import { writeInsights, type InsightInput } from './write-insights';

const CAVEAT = 'On the holdout period BG/NBD predicted purchases 21 % worse than the naive baseline (each customer keeps their past rate): read CLV as a ranking, not a forecast.';

const VIEW: InsightInput = {
  segments: [
    { segment: 'Loyal Customers', customers: 300, revenueShare: 0.2, averageClv: 900 },
    { segment: 'Champions', customers: 120, revenueShare: 0.55, averageClv: 2500.5 },
    { segment: 'Lost', customers: 800, revenueShare: 0.05, averageClv: null },
  ],
  topDecileRevenueShare: 0.4321,
  highValueCustomers: 200,
  highValueAtRisk: 17,
  horizonMonths: 6,
  clvCaveat: null,
};

test('writes one sentence per insight from the numbers', () => {
  expect(writeInsights(VIEW)).toEqual([
    'The Champions segment brings the largest share of revenue: 55.0% from 120 customers.',
    'The Champions segment has the highest expected value: 2,500.50 per customer over the next 6 months on average.',
    'The top 10% of customers bring 43.2% of revenue.',
    '17 of the 200 highest-value customers (top fifth by CLV) are at risk of lapsing: a win-back campaign should reach them first.',
  ]);
});

test.each([
  [12, 'over the next 12 months'],
  [1, 'over the next month'],
  [null, 'over the CLV horizon'],
])('names the run’s CLV horizon (%s months)', (horizonMonths, words) => {
  expect(writeInsights({ ...VIEW, horizonMonths })[1]).toBe(`The Champions segment has the highest expected value: 2,500.50 per customer ${words} on average.`);
});

test('the CLV caveat follows the first sentence that quotes CLV, once', () => {
  const sentences = writeInsights({ ...VIEW, clvCaveat: CAVEAT });
  expect(sentences[1]).toBe(`The Champions segment has the highest expected value: 2,500.50 per customer over the next 6 months on average. CLV caveat: ${CAVEAT}`);
  expect(sentences.filter((s) => s.includes(CAVEAT))).toHaveLength(1);
  expect(sentences[0]).not.toContain('caveat');
});

test('without a segment CLV the high-value sentence carries the caveat', () => {
  expect(writeInsights({ ...VIEW, segments: [], topDecileRevenueShare: null, highValueAtRisk: 0, highValueCustomers: 5, clvCaveat: CAVEAT })).toEqual([
    `None of the 5 highest-value customers (top fifth by CLV) is currently at risk. CLV caveat: ${CAVEAT}`,
  ]);
});

test('segments whose average CLV rounds to the same amount have no "highest"', () => {
  const segments = [
    { segment: 'Champions', customers: 7, revenueShare: 0.1, averageClv: 213.0589 },
    { segment: 'Lost', customers: 21, revenueShare: 0.9, averageClv: 213.0576 },
  ];
  expect(writeInsights({ ...VIEW, segments })[1]).toBe('Every segment has about the same expected value: 213.06 per customer over the next 6 months on average.');
  expect(writeInsights({ ...VIEW, segments: [segments[0]] })[1]).toBe('The Champions segment has the highest expected value: 213.06 per customer over the next 6 months on average.');
});

test('says so when no high-value customer is at risk and leaves out what it cannot know', () => {
  expect(writeInsights({ ...VIEW, segments: [], topDecileRevenueShare: null, highValueCustomers: 5, highValueAtRisk: 0 })).toEqual([
    'None of the 5 highest-value customers (top fifth by CLV) is currently at risk.',
  ]);
});

test.each([
  [1, 2, '1 of the 2 highest-value customers (top fifth by CLV) is at risk of lapsing: a win-back campaign should reach them first.'],
  [2, 2, '2 of the 2 highest-value customers (top fifth by CLV) are at risk of lapsing: a win-back campaign should reach them first.'],
  [1, 1, 'The highest-value customer (top fifth by CLV) is at risk of lapsing: a win-back campaign should reach them first.'],
  [0, 1, 'The highest-value customer (top fifth by CLV) is not currently at risk.'],
])('%i at risk of %i highest-value customers reads grammatically', (atRisk, customers, sentence) => {
  expect(writeInsights({ ...VIEW, segments: [], topDecileRevenueShare: null, clvCaveat: null, highValueAtRisk: atRisk, highValueCustomers: customers })).toEqual([sentence]);
});

test('money in the insights carries the run currency and customer counts are plural-aware', () => {
  const sentences = writeInsights({
    ...VIEW,
    segments: [{ segment: 'Champions', customers: 1, revenueShare: 0.5, averageClv: 1234.5 }],
    topDecileRevenueShare: null,
    highValueCustomers: 0,
    clvCaveat: null,
    currency: 'EUR',
  });
  expect(sentences[0]).toBe('The Champions segment brings the largest share of revenue: 50.0% from 1 customer.');
  expect(sentences[1]).toContain('€1,234.50 per customer');
});
