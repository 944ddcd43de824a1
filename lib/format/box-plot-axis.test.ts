import { expect, test } from 'vitest';
import { prefersLogAxis } from './box-plot-axis';

test.each([
  [[10, 150], false],
  [[10, 200], false],
  [[10, 201], true],
  [[0, 5, 500], true],
  [[0, 500], false],
  [[42], false],
  [[], false],
])('upper whiskers %j: log axis %s', (whiskers, log) => {
  expect(prefersLogAxis(whiskers)).toBe(log);
});
