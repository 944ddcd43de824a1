import { expect, test } from 'vitest';
import { writeInsights } from './write-insights';

test('writes one sentence per insight from the numbers', () => {
  expect(
    writeInsights({
      segments: [
        { segment: 'Loyal Customers', customers: 300, revenueShare: 0.2, averageClv: 900 },
        { segment: 'Champions', customers: 120, revenueShare: 0.55, averageClv: 2500.5 },
        { segment: 'Lost', customers: 800, revenueShare: 0.05, averageClv: null },
      ],
      topDecileRevenueShare: 0.4321,
      highValueCustomers: 200,
      highValueAtRisk: 17,
    }),
  ).toEqual([
    'The Champions segment brings the largest share of revenue: 55.0% from 120 customers.',
    'The Champions segment has the highest expected value: 2,500.50 per customer over the next six months on average.',
    'The top 10 % of customers bring 43.2% of revenue.',
    '17 of the 200 highest-value customers (top fifth by CLV) are at risk of lapsing: a win-back campaign should reach them first.',
  ]);
});

test('says so when no high-value customer is at risk and leaves out what it cannot know', () => {
  expect(writeInsights({ segments: [], topDecileRevenueShare: null, highValueCustomers: 5, highValueAtRisk: 0 })).toEqual([
    'None of the 5 highest-value customers (top fifth by CLV) is currently at risk.',
  ]);
});
