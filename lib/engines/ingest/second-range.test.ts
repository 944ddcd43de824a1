import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createThreadPool } from '../parallel/thread-pool';
import { readTransactions } from './read-transactions';
import { lineStartAfter } from './second-range';
import type { IngestOptions } from './types';

// Reading a plain file in two byte ranges on two threads must give exactly what one thread reads:
// the same table, codes, line numbers, report and errors, wherever the split lands.

let dir: string;
let workerFile: string;

beforeAll(async () => {
  // @ts-expect-error -- plain ES module without types
  const { bundle } = await import('../../../scripts/bundle.mjs');
  workerFile = await bundle('lib/engines/parallel/task-worker.ts', join('node_modules', '.cache', 'segmenta', 'test-task-worker.mjs'));
  dir = mkdtempSync(join(tmpdir(), 'segmenta-second-range-'));
}, 120_000);

/** Opens two worker threads of `file` (the bundled task worker), as the server's analysis worker and the CLI do. */
const twoThreads = (file: string) => () => createThreadPool({ threads: 2, workerFile: file });

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
const COUNTRIES = ['United Kingdom', 'France', 'Österreich', 'España', 'Germany'];

/** `count` ordinary line-item rows from `first` on: invoices of three lines, customers and products that recur and new ones. */
function rows(first: number, count: number): string[] {
  const out: string[] = [];
  for (let i = first; i < first + count; i++) {
    const invoice = 500_000 + Math.floor(i / 3);
    const day = 1 + (i % 28);
    out.push(
      [invoice, `P${(i * 7) % 97}`, `Item ${(i * 7) % 97}`, 1 + (i % 5), `2011-03-${String(day).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}`, `${1 + (i % 9)}.${i % 10}5`, 12_000 + ((i * 13) % 400) + Math.floor(i / 1000), COUNTRIES[i % 5]].join(','),
    );
  }
  return out;
}

/** A file of ordinary rows around `middle` (hostile lines), about 120 KB before it and 60 KB after. */
function fileText(middle: string[], eol = '\n', bom = false): string {
  return `${bom ? '\uFEFF' : ''}${[HEADER, ...rows(0, 2000), ...middle, ...rows(2000, 1000)].join(eol)}${eol}`;
}

let files = 0;
function write(content: string | Uint8Array, ext = 'csv'): string {
  const path = join(dir, `file-${files++}.${ext}`);
  writeFileSync(path, content);
  return path;
}

type Outcome = { ok: true; value: unknown } | { ok: false; code: unknown; message: string };

async function read(path: string, options: IngestOptions): Promise<Outcome> {
  try {
    // Small chunks: the chunk grid the second range must keep to is not the default one.
    const { table, report } = await readTransactions(createReadStream(path, { highWaterMark: 4096 }), options);
    return { ok: true, value: { table, report } };
  } catch (error) {
    return { ok: false, code: (error as { code?: unknown }).code, message: (error as Error).message };
  }
}

/** One-thread and two-thread reads of `path` with the second range sought from each of `splitFrom`; returns the splits seen. */
async function compare(path: string, splitFrom: number[], options: IngestOptions = {}): Promise<{ from: number; joined: boolean }[]> {
  const one = await read(path, options);
  const splits: { from: number; joined: boolean }[] = [];
  for (const at of splitFrom) {
    const two = await read(path, { ...options, file: { path, minBytes: 0, splitFrom: at, openPool: twoThreads(workerFile), onSplit: (s) => splits.push(s) } });
    expect({ at, ...two }).toEqual({ at, ...one });
  }
  return splits;
}

/** Offsets from `from` on, every `step` bytes, `count` of them. */
const offsets = (from: number, count: number, step: number) => Array.from({ length: count }, (_, k) => from + k * step);

describe('a plain file read in two ranges equals the one-thread read', () => {
  test('ordinary rows: the split is used and the second range keeps the first-seen order of values', async () => {
    const bytes = Buffer.from(fileText([]));
    const path = write(bytes);
    const at = Math.floor(bytes.length / 2);
    const splits = await compare(path, [at]);
    expect(splits).toEqual([{ from: bytes.indexOf('\n', at) + 1, joined: true }]);
    // New customers appear in both halves: the merged dictionary has them in file order.
    const { table } = await readTransactions(createReadStream(path), { file: { path, minBytes: 0, splitFrom: at, openPool: twoThreads(workerFile) } });
    expect(table.length).toBe(3000);
  });

  test('quoted fields with line breaks near the split (some offsets land inside them)', async () => {
    const middle = [
      '600001,Q1,"two\nlines",1,2011-03-02 10:00,1.5,12999,France',
      '600002,Q2,"three\r\nlines\nhere, with a comma",2,2011-03-03 10:00,2,12998,Spain',
      '600003,Q3,"a ""quoted"" word\n600004,X,fake row,1,2011-03-04 10:00,1,1,UK\n",3,2011-03-04 10:00,3,12997,Italy',
    ];
    const bytes = Buffer.from(fileText(middle));
    const path = write(bytes);
    const start = bytes.indexOf('600001');
    const splits = await compare(path, offsets(start - 30, 24, 11));
    // Both outcomes occur: splits at a line start are used, those inside a quoted field are not.
    expect(splits.some((s) => s.joined)).toBe(true);
    expect(splits.some((s) => !s.joined)).toBe(true);
    for (const s of splits) {
      const inside = bytes.subarray(start, s.from).toString('latin1').split('"').length % 2 === 0;
      expect({ from: s.from, joined: s.joined }).toEqual({ from: s.from, joined: !inside });
    }
  }, 120_000);

  test('the split landing inside a quoted field is not used', async () => {
    const middle = ['600001,Q1,"line one\nline two\nline three",1,2011-03-02 10:00,1.5,12999,France'];
    const bytes = Buffer.from(fileText(middle));
    const path = write(bytes);
    const splits = await compare(path, [bytes.indexOf('line one')]);
    expect(splits).toEqual([{ from: bytes.indexOf('line two'), joined: false }]);
  });

  test('CRLF line ends, with and without a byte order mark', async () => {
    for (const bom of [false, true]) {
      const text = fileText(['600001,Q1,"crlf\r\ninside",1,2011-03-02 10:00,1.5,12999,France'], '\r\n', bom);
      const path = write(text);
      const bytes = Buffer.byteLength(text);
      const splits = await compare(path, offsets(Math.floor(bytes / 2), 6, 11));
      expect(splits.length).toBe(6);
      expect(splits.every((s) => s.joined)).toBe(true);
    }
  });

  test('ragged rows, blank lines and a header-width row across lines after the split', async () => {
    const middle = ['600001,Q1,short', '', '600002,Q2,x,1,2011-03-02 10:00,1.5,12999,France,extra,more', '600003', '600004,Q4,"broken\nwidth",1', ''];
    const text = fileText(middle);
    const path = write(text);
    const start = Buffer.byteLength(text.slice(0, text.indexOf('600001')));
    const splits = await compare(path, offsets(start - 70, 20, 7));
    expect(splits.filter((s) => s.joined).length).toBeGreaterThan(12);
    const { report } = await readTransactions(createReadStream(path), { file: { path, minBytes: 0, splitFrom: start - 2, openPool: twoThreads(workerFile) } });
    expect(report.shortRows).toBe(3);
  });

  test('non-ASCII text seen first in the second range, and Windows-1252', async () => {
    const middle = ['600001,Q1,Crème brûlée,1,2011-03-02 10:00,1.5,12999,Ísland', '600002,Q2,Crème brûlée,1,2011-03-02 10:00,1.5,12999,Ísland'];
    const text = fileText(middle);
    const utf8 = write(text);
    const at = Buffer.byteLength(text.slice(0, text.indexOf('600001'))) - 10;
    expect((await compare(utf8, [at])).map((s) => s.joined)).toEqual([true]);
    const cp1252 = write(Uint8Array.from(text, (ch) => ch.charCodeAt(0)));
    expect((await compare(cp1252, [text.indexOf('600001') - 10])).map((s) => s.joined)).toEqual([true]);
  });

  test('a quote left open at the end of the file, in the second range', async () => {
    const bytes = Buffer.from(`${fileText([])}600009,Q9,"never closed,1,2011-03-02 10:00,1.5,12999,France\n600010,A,b,1,2011-03-02 10:00,1,1,UK\n`);
    const path = write(bytes);
    const splits = await compare(path, [Math.floor(bytes.length / 2)]);
    expect(splits.map((s) => s.joined)).toEqual([true]);
  });

  test('an empty second range: the split is the end of the file', async () => {
    const bytes = Buffer.from(fileText([]));
    const path = write(bytes);
    const splits = await compare(path, [bytes.length - 3]);
    expect(splits).toEqual([{ from: bytes.length, joined: true }]);
  });

  test('a file with one line, and a split sought past the end, are read on one thread', async () => {
    const path = write(`${HEADER}\n`);
    expect(await compare(path, [0, 5])).toEqual([]);
    const bytes = Buffer.from(fileText([]));
    const other = write(bytes);
    expect(await compare(other, [bytes.length + 10])).toEqual([]);
  });

  test('a worker that fails (a stale bundle that does not know the task) leaves the file to this thread', async () => {
    const stale = join(dir, 'stale-worker.mjs');
    writeFileSync(
      stale,
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', ({ id }) => parentPort.postMessage({ id, ok: false, error: { engine: false, message: 'Unknown engine task' } }));\n",
    );
    const bytes = Buffer.from(fileText([]));
    const path = write(bytes);
    const splits: { from: number; joined: boolean }[] = [];
    const one = await read(path, {});
    expect(await read(path, { file: { path, minBytes: 0, openPool: twoThreads(stale), onSplit: (s) => splits.push(s) } })).toEqual(one);
    expect(splits).toEqual([{ from: bytes.indexOf('\n', Math.floor(bytes.length / 2)) + 1, joined: false }]);
  });

  test('progress moves through the whole file while the worker reads the second half, and never backwards', async () => {
    // Past the first MiB (read ahead to decide the encoding), progress follows this thread's reading.
    const bytes = Buffer.from(`${[HEADER, ...rows(0, 80_000)].join('\n')}\n`);
    const path = write(bytes);
    const stale = join(dir, 'refusing-worker.mjs');
    writeFileSync(
      stale,
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', ({ id }) => parentPort.postMessage({ id, ok: false, error: { engine: false, message: 'Unknown engine task' } }));\n",
    );
    for (const [file, joined] of [[workerFile, true], [stale, false]] as const) {
      const seen: number[] = [];
      const splits: { from: number; joined: boolean }[] = [];
      const options: IngestOptions = { totalBytes: bytes.length, progressEveryRows: 1000, onProgress: (p) => seen.push(p.bytesRead) };
      const outcome = await read(path, { ...options, file: { path, minBytes: 0, openPool: twoThreads(file), onSplit: (s) => splits.push(s) } });
      expect(outcome.ok).toBe(true);
      expect(splits).toMatchObject([{ joined }]);
      expect(seen.at(-1)).toBe(bytes.length);
      expect(seen.filter((b, i) => i > 0 && b < seen[i - 1])).toEqual([]);
      const beforeEnd = Math.max(...seen.slice(0, -1));
      expect(beforeEnd).toBeLessThanOrEqual(bytes.length);
      // This thread's half counts for both while the worker reads: well past half before the halves are joined.
      if (joined) expect(beforeEnd).toBeGreaterThan(0.75 * bytes.length);
    }
  });

  test('gzip, threads: 1, files below minBytes, a path that cannot be read and no pool to open stay on one thread', async () => {
    const text = fileText([]);
    const gz = write(gzipSync(text), 'csv.gz');
    const plain = write(text);
    const splits: unknown[] = [];
    const one = await read(gz, {});
    const onSplit = (s: unknown) => splits.push(s);
    expect(await read(gz, { file: { path: gz, minBytes: 0, openPool: twoThreads(workerFile), onSplit } })).toEqual(one);
    const onePlain = await read(plain, {});
    expect(await read(plain, { file: { path: plain, minBytes: 0, threads: 1, openPool: twoThreads(workerFile), onSplit } })).toEqual(onePlain);
    expect(await read(plain, { file: { path: plain, openPool: twoThreads(workerFile), onSplit } })).toEqual(onePlain);
    expect(await read(plain, { file: { path: join(dir, 'no-such-file.csv'), minBytes: 0, openPool: twoThreads(workerFile), onSplit } })).toEqual(onePlain);
    // Without a pool to open, the engine never starts a thread by itself.
    expect(await read(plain, { file: { path: plain, minBytes: 0, onSplit } })).toEqual(onePlain);
    expect(splits).toEqual([]);
  });
});

test('lineStartAfter finds the byte after the next line feed', () => {
  const path = write('ab\ncd\r\nef');
  expect([0, 2, 3, 5, 6, 7].map((at) => lineStartAfter(path, at))).toEqual([3, 3, 7, 7, 7, null]);
});
