import { expect, test } from 'vitest';
import { scoreRequestSchema } from './score-request-schema';

test.each([
  [{ runId: '3' }, { runId: 3 }],
  [{ runId: 4, snapshot: '2011-12-10', dateOrder: 'day-first' }, { runId: 4, snapshot: Date.UTC(2011, 11, 10), dateOrder: 'day-first' }],
  [{ runId: 5, currency: ' gbp ', timeZone: 'Europe/London' }, { runId: 5, currency: 'GBP', timeZone: 'Europe/London' }],
])('%j reads as %j', (input, output) => {
  expect(scoreRequestSchema.parse(input)).toEqual(output);
});

test.each([
  [{}, 'Give the run number'],
  [{ runId: 'x' }, 'Give the run number'],
  [{ runId: 0 }, 'above 0'],
  [{ runId: 1.5 }, 'whole number'],
  [{ runId: 1, snapshot: '2011-02-30' }, 'not a real calendar date'],
  [{ runId: 1, currency: 'pounds' }, 'Give a three-letter currency code'],
])('%j is refused with a message that says what to give', (input, message) => {
  const parsed = scoreRequestSchema.safeParse(input);
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues.map((i) => i.message).join(' ')).toContain(message);
});
