import { describe, expect, test } from 'vitest';
import { EngineError } from '../errors';
import { byteSource } from '../testing/byte-source';
import { MAX_HEADER_FIELDS, readTransactions } from './read-transactions';

// A line too wide to be a header (MAX_HEADER_FIELDS) is refused in words, naming three of its fields.
async function refusal(data: Uint8Array | string, options: Parameters<typeof readTransactions>[1] = {}, chunk = 1 << 16): Promise<EngineError> {
  const error = await readTransactions(byteSource(data, chunk), options).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

describe('a line with more fields than a header may have', () => {
  test('a 50 MB line of 26,000,000 fields and no line break is refused naming three of them', async () => {
    const data = new Uint8Array(51_999_999);
    data.fill(0x61);
    for (let i = 1; i < data.length; i += 2) data[i] = 0x2c;
    const error = await refusal(data);
    expect(error.code).toBe('TOO_MANY_COLUMNS');
    expect(error.message).toBe(
      'The first line has 26,000,000 fields ("a", "a", "a", ... and 25,999,997 more); a header has at most 1,000 columns, ' +
        'so this is not a table of transactions. Check that the file is a CSV export of orders or transactions.',
    );
    expect(error.details).toEqual({ line: 1, fields: 26_000_000, maxFields: 1000 });
  }, 120_000);

  test.each([
    ['the byte path', 'bytes' as const],
    ['the text path', 'text' as const],
  ])('on %s, line 3 (below a title line and a blank line) is counted by its physical line number', async (_label, tokenizer) => {
    const wide = Array.from({ length: MAX_HEADER_FIELDS + 1 }, (_, i) => `col ${i + 1}`).join(';');
    const error = await refusal(`Sales report\n\n${wide}\n1;2\n`, { tokenizer }, 7);
    expect(error.code).toBe('TOO_MANY_COLUMNS');
    expect(error.message).toMatch(/^Line 3 has 1,001 fields \("col 1", "col 2", "col 3", \.\.\. and 998 more\); a header has at most 1,000 columns/);
  });

  test('a header of exactly 1,000 fields is read', async () => {
    const header = ['customer_id', 'date', 'amount', ...Array.from({ length: MAX_HEADER_FIELDS - 3 }, (_, i) => `extra ${i + 1}`)];
    const row = ['C1', '2024-01-02', '12.5', ...new Array<string>(MAX_HEADER_FIELDS - 3).fill('')];
    const { table, report } = await readTransactions(byteSource(`${header.join(',')}\n${row.join(',')}\n`, 4096));
    expect(report.header.length).toBe(1000);
    expect(table.length).toBe(1);
    expect(Array.from(table.amount)).toEqual([12.5]);
  });

  test('a header name longer than 1,000 characters is cut to 1,000, so no answer carries it whole', async () => {
    const error = await refusal(`${'n'.repeat(2_000_000)},b\n1,2\n`);
    expect(error.code).toBe('MISSING_COLUMNS');
    expect(error.details?.header).toEqual(['n'.repeat(1000), 'b']);
    expect(error.message).toContain(`The file's columns are: "${'n'.repeat(59)}…", "b".`);
  });
});

test('unrecognised status values are listed ten at most, with their line counts, and the rest counted', async () => {
  const rows = Array.from({ length: 12 }, (_, i) => `O${i + 1},C${i + 1},2024-01-0${(i % 9) + 1},10,odd ${i + 1}`);
  rows.push('O13,C13,2024-01-02,10,odd 1');
  const { report } = await readTransactions(byteSource(`order_id,customer_id,date,amount,status\n${rows.join('\n')}\n`, 64));
  const listed = ['"odd 1" (2 lines)', ...Array.from({ length: 9 }, (_, i) => `"odd ${i + 2}" (1 line)`)].join(', ');
  expect(report.warnings).toContain(`Status values not recognised, read as paid: ${listed}, ... and 2 more.`);
});
