import { expect, test } from 'vitest';
import { DEFAULT_SEGMENT_ACTIONS, suggestedCustomerAction } from './segment-actions';

test('an Active customer gets the segment action as it is', () => {
  expect(suggestedCustomerAction('Potential Loyalist', 'Active')).toBe(DEFAULT_SEGMENT_ACTIONS['Potential Loyalist']);
});

test('a Churned customer of a segment whose action assumes a live customer is to be won back first', () => {
  expect(suggestedCustomerAction('Potential Loyalist', 'Churned')).toBe(
    'Win them back first: they have probably stopped buying (Churned), so one personal win-back offer comes before anything else. ' +
      'If they buy again, the Potential Loyalist action: Offer membership or a loyalty programme and recommend related products.',
  );
  expect(suggestedCustomerAction('Champions', 'At Risk')).toMatch(/^Reconnect soon: they are slipping \(At Risk\).* Then the Champions action: Reward them;/);
});

test.each(["Can't Lose Them", 'Lost', 'About To Sleep', 'At Risk'])('%s keeps its own win-back action whatever the churn status', (segment) => {
  for (const status of ['Active', 'At Risk', 'Churned']) expect(suggestedCustomerAction(segment, status)).toBe(DEFAULT_SEGMENT_ACTIONS[segment]);
});

test('a custom segment has no suggested action', () => {
  expect(suggestedCustomerAction('VIP (custom)', 'Churned')).toBeNull();
});
