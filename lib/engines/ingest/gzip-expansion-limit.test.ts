import { createGzip, gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { isEngineError } from '../errors';
import { createRng } from '../random';
import { byteSource } from '../testing/byte-source';
import { DEFAULT_MAX_EXPANDED_BYTES, DEFAULT_MAX_EXPANSION_RATIO, expandedLimit, openSource, type OpenSourceOptions } from './open-source';
import { readTransactions } from './read-transactions';

const MB = 1024 * 1024;
const LINE = 'C1,2024-01-01,9.99\n';

/** A gzip bomb made here, never stored: `expandedMb` megabytes of one repeated line, compressed. */
async function gzipBomb(expandedMb: number): Promise<Uint8Array> {
  const block = Buffer.from(`customer_id,order_date,order_value\n${LINE.repeat(Math.ceil(MB / LINE.length))}`.slice(0, MB));
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => parts.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  for (let i = 0; i < expandedMb; i++) if (!gzip.write(block)) await new Promise((resolve) => gzip.once('drain', resolve));
  gzip.end();
  await done;
  return new Uint8Array(Buffer.concat(parts));
}

/** Read every decompressed byte; answers how many, or throws what openSource's text iterator threw. */
async function drain(data: Uint8Array, options: OpenSourceOptions): Promise<number> {
  const opened = await openSource(byteSource(data, 64 * 1024), options);
  if (opened.kind !== 'text') throw new Error(`expected text, got ${opened.kind}`);
  let length = 0;
  for await (const chunk of opened.text) length += chunk.length;
  return length;
}

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  const error = await work.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!isEngineError(error)) throw new Error(`expected an engine error, got ${String(error)}`);
  return { code: error.code, message: error.message, details: error.details ?? {} };
}

test.each([
  // [ratio, max bytes, source size, compressed read so far, limit]
  [20, 10 * 1024 * MB, 3 * MB, 0, 60 * MB],
  [20, 10 * 1024 * MB, 3 * MB, 3 * MB, 60 * MB],
  [20, 50 * MB, 3 * MB, 3 * MB, 50 * MB],
  // Without the source size: the bytes read so far, at least 1 MB of them.
  [20, 10 * 1024 * MB, null, 1000, 20 * MB],
  [20, 10 * 1024 * MB, null, 4 * MB, 80 * MB],
])('expandedLimit(ratio %d, max %d, source %s, read %d) = %d', (maxExpansionRatio, maxExpandedBytes, sourceBytes, read, limit) => {
  expect(expandedLimit({ maxExpansionRatio, maxExpandedBytes, sourceBytes }, read)).toBe(limit);
});

test('the defaults are 20 times and 10 GB', () => {
  expect(DEFAULT_MAX_EXPANSION_RATIO).toBe(20);
  expect(DEFAULT_MAX_EXPANDED_BYTES).toBe(10 * 1024 * 1024 * 1024);
});

test('a gzip bomb (100 MB of one line) is refused within seconds, after expanding about 20 times its size', async () => {
  const bomb = await gzipBomb(100);
  expect(bomb.length).toBeLessThan(MB);
  const started = performance.now();
  const refused = await refusal(drain(bomb, { sourceBytes: bomb.length }));
  expect(performance.now() - started).toBeLessThan(3000);
  expect(refused.code).toBe('UNSUPPORTED_FILE');
  expect(refused.message).toMatch(/^The gzip file expands to more than 20 times its compressed size, the most that is decompressed; nothing was stored\./);
  const expanded = refused.details.expandedBytes as number;
  expect(expanded).toBeGreaterThan(20 * bomb.length);
  // Stopped at the first chunk past the limit, far from the 100 MB it would expand to.
  expect(expanded).toBeLessThan(20 * bomb.length + 64 * 1024);
}, 60_000);

test('the bomb is refused without its size too (ratio to the bytes read so far), and by the byte cap', async () => {
  const bomb = await gzipBomb(100);
  const byRatio = await refusal(drain(bomb, {}));
  expect(byRatio.message).toMatch(/more than 20 times its compressed size/);
  expect(byRatio.details.expandedBytes as number).toBeLessThan(21 * MB);

  const byBytes = await refusal(drain(bomb, { sourceBytes: bomb.length, maxExpansionRatio: 1000, maxExpandedBytes: 5 * MB }));
  expect(byBytes.message).toMatch(/^The gzip file expands to more than 5 MB, the most that is decompressed;/);
  expect(byBytes.details.expandedBytes as number).toBeGreaterThan(5 * MB);
  expect(byBytes.details.expandedBytes as number).toBeLessThan(5 * MB + 64 * 1024);
}, 60_000);

test('an ordinary gzip CSV under the limits reads whole', async () => {
  const rng = createRng(7);
  let csv = 'customer_id,order_date,order_value\n';
  for (let i = 0; i < 20_000; i++) csv += `C${rng.int(5000)},2024-0${1 + rng.int(9)}-1${rng.int(10)},${(rng.next() * 100).toFixed(2)}\n`;
  const gz = new Uint8Array(gzipSync(csv));
  expect(csv.length / gz.length).toBeLessThan(20);
  expect(await drain(gz, { sourceBytes: gz.length })).toBe(csv.length);
  // The same file is refused under a ratio it passes.
  const refused = await refusal(drain(gz, { sourceBytes: gz.length, maxExpansionRatio: 1.5 }));
  expect(refused.message).toMatch(/more than 1.5 times its compressed size/);
});

test('readTransactions measures the ratio against totalBytes and passes the caps on', async () => {
  const bomb = await gzipBomb(30);
  const refused = await refusal(readTransactions(byteSource(bomb, 64 * 1024), { totalBytes: bomb.length, maxExpansionRatio: 10 }));
  expect(refused.code).toBe('UNSUPPORTED_FILE');
  expect(refused.message).toMatch(/more than 10 times its compressed size/);
  expect(refused.details.expandedBytes as number).toBeLessThan(10 * bomb.length + 64 * 1024);
}, 60_000);

test.each([
  [{ maxExpansionRatio: 0.5 }, /maxExpansionRatio must be a number of at least 1/],
  [{ maxExpandedBytes: -1 }, /maxExpandedBytes must be a positive whole number/],
  [{ sourceBytes: 1.5 }, /sourceBytes must be a whole number/],
])('bad limits are refused: %o', async (options, message) => {
  const refused = await refusal(openSource(byteSource('a,b\n'), options));
  expect(refused.code).toBe('INVALID_OPTION');
  expect(refused.message).toMatch(message);
});
