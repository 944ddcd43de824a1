import { open } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { CsvTokenizer, sniffDelimiter } from '../../engines/ingest/csv-tokenizer';
import { resolveColumns } from '../../engines/ingest/header-mapping';
import { TRANSACTION_FIELDS, type ColumnMapping, type TransactionField } from '../../engines/ingest/types';
import { EngineError, isEngineError } from '../../engines/errors';

/** How much of the start of a file is read to find its header. */
export const HEAD_BYTES = 256 * 1024;

/** The header row of the start of a file (plain or gzip). Throws EngineError in words. */
export function readHeader(head: Buffer): string[] {
  if (head.length === 0) throw new EngineError('EMPTY_FILE', 'The file is empty: it has no header and no transaction lines.');
  let bytes = head;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { finishFlush: 2 /* Z_SYNC_FLUSH: a truncated stream is fine */ });
    } catch {
      throw new EngineError('INVALID_INPUT', 'The file looks gzip-compressed but could not be decompressed.');
    }
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  let header: string[] | null = null;
  const tokenizer = new CsvTokenizer(sniffDelimiter(text), (row) => {
    header ??= row.map((h) => h.trim());
  });
  tokenizer.push(text);
  tokenizer.end();
  if (header === null) throw new EngineError('EMPTY_FILE', 'The file is empty: it has no header and no transaction lines.');
  return header;
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * Read the start of an uploaded file and check that its header, with the user's column mapping
 * if any, names the columns the analysis needs, so a wrong file is refused before anything is
 * stored. Throws EngineError in words.
 */
export async function checkUploadHeader(path: string, columns?: ColumnMapping): Promise<string[]> {
  const header = readHeader(await readHead(path));
  resolveColumns(header, columns);
  return header;
}

export interface UploadHeaderReport {
  header: string[];
  /** The column found for each field (mapped or recognised), null when none was. */
  resolved: Record<TransactionField, string | null>;
  /** Why the file cannot be analysed as mapped, in words; null when it can. */
  error: string | null;
}

/**
 * What the upload form's mapping step needs: the header, the columns recognised so far and the
 * problem in words. Empty or unreadable files still throw.
 */
export function describeUploadHeader(head: Buffer, columns?: ColumnMapping): UploadHeaderReport {
  const header = readHeader(head);
  const toNames = (indices: Record<TransactionField, number>, width: number) =>
    Object.fromEntries(TRANSACTION_FIELDS.map((f) => [f, indices[f] >= 0 && indices[f] < width ? header[indices[f]] : null])) as Record<
      TransactionField,
      string | null
    >;
  try {
    return { header, resolved: toNames(resolveColumns(header, columns), header.length), error: null };
  } catch (error) {
    if (!isEngineError(error)) throw error;
    // A column the user chose that is not in the file: nothing else to report.
    const missing = (error.details?.missing as TransactionField[] | undefined) ?? null;
    if (!missing) return { header, resolved: Object.fromEntries(TRANSACTION_FIELDS.map((f) => [f, null])) as UploadHeaderReport['resolved'], error: error.message };
    // Stand-in columns named after the missing fields let resolveColumns report what it did
    // recognise; a stand-in (past the real header) counts as not found.
    const partial = resolveColumns([...header, ...missing], columns);
    // The engine's hint names the command line's --map; the form asks with selects instead.
    const message = error.message.replace(/ Map them explicitly.*$/, ' Choose the columns below.');
    return { header, resolved: toNames(partial, header.length), error: message };
  }
}
