import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { ByteRangeInput, ByteRangeResult } from './read-byte-range';
import type { FileSplitOptions } from './types';

/** Files smaller than this are read on one thread: a worker's start and the merge would cost more than they save. */
export const DEFAULT_SPLIT_MIN_BYTES = 64 * 1024 * 1024;
/** How far past the split offset a line feed is looked for; a file without one there is not split. */
const LINE_SEARCH_BYTES = 1024 * 1024;

/** The second byte range of a file, being read on a worker thread. */
export interface SecondRange {
  /** Byte offset of the range's first row. */
  from: number;
  /** The range as read, or the error reading it threw. */
  result: Promise<{ ok: true; value: ByteRangeResult } | { ok: false; error: unknown }>;
  /** Ends the worker thread (its result, if taken, stays valid). */
  close(): Promise<void>;
}

/** The offset just after the first line feed at or after `from`, or null when there is none within LINE_SEARCH_BYTES. */
export function lineStartAfter(path: string, from: number): number | null {
  const window = new Uint8Array(64 * 1024);
  const fd = openSync(path, 'r');
  try {
    for (let at = from; at < from + LINE_SEARCH_BYTES; ) {
      const read = readSync(fd, window, 0, window.length, at);
      if (read === 0) return null;
      const lf = window.subarray(0, read).indexOf(10);
      if (lf >= 0) return at + lf + 1;
      at += read;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Start reading the second range of `file` on a worker thread, when the file is large enough, two
 * threads are allowed and `file.openPool` opens two; null otherwise (and when the range would
 * start before `consumed`, the bytes the calling thread has already read). The range starts after a
 * line feed near `splitFrom`; whether that is a row start (not inside a quoted field) only the
 * calling thread can tell, when it gets there: it then takes the result or closes the range.
 */
export function startSecondRange(file: FileSplitOptions, consumed: number, input: Omit<ByteRangeInput, 'path' | 'from'>): SecondRange | null {
  if ((file.threads ?? 2) < 2 || !file.openPool) return null;
  let from: number | null;
  try {
    const size = statSync(file.path).size;
    if (size < (file.minBytes ?? DEFAULT_SPLIT_MIN_BYTES)) return null;
    from = lineStartAfter(file.path, file.splitFrom ?? Math.floor(size / 2));
  } catch {
    // A path that cannot be read is no reason to fail: the source itself is read on this thread.
    return null;
  }
  if (from === null || from < consumed) return null;
  const pool = file.openPool();
  if (pool.threads < 2) {
    void pool.close();
    return null;
  }
  const result = pool.run('readByteRange', { ...input, path: file.path, from }).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return { from, result, close: () => pool.close() };
}
