import { closeSync, openSync, readSync } from 'node:fs';
import { ByteCsvTokenizer } from './byte-csv-tokenizer';
import { fieldDecoder } from './field-decoder';
import { RawColumnsBuilder, type RawLines } from './raw-columns';
import type { TransactionField } from './types';

/** Where and how to read the second byte range of a file (see readTransactions' `file` option). */
export interface ByteRangeInput {
  path: string;
  /** Byte offset of the range's first row; the range runs to the end of the file. */
  from: number;
  /** Chunk size of the stream that reads the first range: the range is read on the same chunk grid. */
  chunkBytes: number;
  delimiter: string;
  encoding: 'utf-8' | 'windows-1252';
  /** The header's column of each field (-1: not mapped), as RawColumnsBuilder takes them. */
  columns: Record<TransactionField, number>;
  /** Fields in the header: a row spanning several lines with another count is broken. */
  headerWidth: number;
}

export interface ByteRangeResult {
  /** The range's lines; line numbers count from 1 at the range's first byte. */
  raw: RawLines;
  shortRows: number;
  /** Physical lines the range holds. */
  lines: number;
  /** A quote was still open at the end of the file. */
  unclosedQuote: boolean;
  /** Byte offset where reading stopped: the file's size. */
  end: number;
}

/**
 * Tokenize and intern the bytes of `path` from `from` (a row start) to the end, exactly as the
 * byte path of readTransactions does once its header is chosen, into a builder of its own: run
 * on a second thread while the calling thread reads [0, from). Synchronous (it runs as a task).
 * @throws EngineError FIELD_TOO_LONG, as ByteCsvTokenizer; file system errors as thrown by node:fs.
 */
export function readByteRange(input: ByteRangeInput): ByteRangeResult {
  const decode = fieldDecoder(input.encoding);
  const builder = new RawColumnsBuilder(input.columns);
  const tokenizer = new ByteCsvTokenizer(
    input.delimiter,
    (row, line, lines) => builder.pushBytes(row, line, lines > 1 && row.count !== input.headerWidth, lines, decode),
    decode,
  );
  const size = Math.max(1, Math.floor(input.chunkBytes));
  const buffer = new Uint8Array(size);
  const fd = openSync(input.path, 'r');
  let at = input.from;
  try {
    // The first read ends where the first range's stream ends a chunk, so every later chunk is the one the stream would read.
    let want = size - (at % size);
    for (;;) {
      const read = readSync(fd, buffer, 0, want, at);
      if (read === 0) break;
      tokenizer.push(buffer.subarray(0, read));
      at += read;
      want = size;
    }
  } finally {
    closeSync(fd);
  }
  tokenizer.end();
  return { raw: builder.build(), shortRows: builder.shortRows, lines: tokenizer.linesRead, unclosedQuote: tokenizer.unclosedQuoteAtEnd, end: at };
}
