import { expect, test } from 'vitest';
import { noPAliveLabel } from './no-p-alive-label';

test.each([
  [
    'P(alive) is not shown: this data cannot tell when customers stop buying (BG/NBD a, b not identified), so churn status follows the days-silent rule.',
    'P(alive) is not shown: this data cannot tell when customers stop buying (BG/NBD a, b not identified), so churn status follows the days-silent rule.',
  ],
  ['one purchase: the model cannot tell', 'no P(alive): one purchase: the model cannot tell'],
  ['the model gives no P(alive) for this customer', 'no P(alive): the model gives no P(alive) for this customer'],
])('noPAliveLabel(%j) = %j', (reason, expected) => {
  expect(noPAliveLabel(reason)).toBe(expected);
});
