import { open } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { CsvTokenizer, sniffDelimiter } from '../../engines/ingest/csv-tokenizer';
import { resolveColumns } from '../../engines/ingest/header-mapping';
import { EngineError } from '../../engines/errors';

const HEAD_BYTES = 256 * 1024;

/**
 * Read the start of an uploaded file and check that its header names the columns the analysis
 * needs, so a wrong file is refused before anything is stored. Throws EngineError in words.
 */
export async function checkUploadHeader(path: string): Promise<string[]> {
  const file = await open(path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
  if (head.length === 0) throw new EngineError('EMPTY_FILE', 'The file is empty: it has no header and no transaction lines.');
  if (head[0] === 0x1f && head[1] === 0x8b) {
    try {
      head = gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH: a truncated stream is fine */ });
    } catch {
      throw new EngineError('INVALID_INPUT', 'The file looks gzip-compressed but could not be decompressed.');
    }
  }
  const text = new TextDecoder('utf-8').decode(head);
  let header: string[] | null = null;
  const tokenizer = new CsvTokenizer(sniffDelimiter(text), (row) => {
    header ??= row.map((h) => h.trim());
  });
  tokenizer.push(text);
  tokenizer.end();
  if (header === null) throw new EngineError('EMPTY_FILE', 'The file is empty: it has no header and no transaction lines.');
  resolveColumns(header);
  return header;
}
