import { expect, test } from 'vitest';
import { isEngineError } from './errors';
import { readTransactions } from './ingest/read-transactions';
import { readingQuestionMessage } from './reading-question-message';

async function* bytes(text: string) {
  yield new TextEncoder().encode(text);
}

async function engineError(csv: string) {
  try {
    await readTransactions(bytes(csv), { now: Date.UTC(2025, 0, 1) });
  } catch (error) {
    if (isEngineError(error)) return error;
    throw error;
  }
  throw new Error('the file was read without a question');
}

const AMBIGUOUS = 'InvoiceNo,CustomerID,InvoiceDate,Amount\n1,A,01/02/2024,10\n2,B,03/04/2024,20\n3,C,05/06/2024,30\n';
const UTC = 'id,Created date (UTC),Amount,Customer ID\nch_1,2024-06-30 10:00:00,10,A\nch_2,2024-06-30 23:30:00,20,B\n';

test.each([
  ['AMBIGUOUS_DATES', AMBIGUOUS],
  ['TIME_ZONE_NEEDED', UTC],
] as const)('%s: the command-line rendering is what the engine says, flags included', async (code, csv) => {
  const error = await engineError(csv);
  expect(error.code).toBe(code);
  const facts = { column: String(error.details?.column), examples: (error.details?.examples as string[]) ?? [] };
  expect(readingQuestionMessage(code, facts, 'cli')).toBe(error.message);
  expect(error.message).toMatch(/--(day-first|time-zone)/);
});

test.each([
  ['AMBIGUOUS_DATES', AMBIGUOUS, 'Choose Day/Month/Year or Month/Day/Year below.'],
  ['TIME_ZONE_NEEDED', UTC, 'Choose the store\'s time zone below (type its IANA name such as Europe/London under Another zone), or count days in UTC.'],
] as const)('%s: the web rendering points at the page’s controls and names no flag', async (code, csv, answer) => {
  const error = await engineError(csv);
  const web = readingQuestionMessage(code, { column: String(error.details?.column), examples: (error.details?.examples as string[]) ?? [] }, 'web');
  expect(web).not.toMatch(/--|command line/);
  expect(web.endsWith(answer)).toBe(true);
  // The same facts as the command line's message: only the answer differs.
  expect(web.slice(0, -answer.length)).toBe(error.message.slice(0, error.message.indexOf(code === 'AMBIGUOUS_DATES' ? 'Choose Day' : 'Give the store')));
});
