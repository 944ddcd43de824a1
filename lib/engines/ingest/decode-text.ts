import type { TextEncoding } from './types';

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
}

export interface DecodeState {
  encoding: TextEncoding;
  bom: boolean;
  /** Set when the text switched from UTF-8 to Windows-1252 after non-ASCII UTF-8 was seen. */
  mixed: boolean;
}

/**
 * Decode byte chunks to text. Starts as UTF-8 (dropping a BOM) and falls back to
 * Windows-1252 (a superset of ISO-8859-1) at the first byte sequence that is not valid
 * UTF-8, unless an encoding is forced.
 */
export async function* decodeText(
  chunks: AsyncIterable<Uint8Array>,
  state: DecodeState,
  forced?: TextEncoding,
): AsyncGenerator<string> {
  let decoder = new TextDecoder(forced ?? 'utf-8', { fatal: forced === undefined, ignoreBOM: false });
  let first = true;
  let sawMultibyte = false;
  if (forced) state.encoding = forced;
  for await (const chunk of chunks) {
    if (first) {
      first = false;
      state.bom = chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
    }
    if (state.encoding === 'utf-8' && !forced) {
      try {
        const text = decoder.decode(chunk, { stream: true });
        if (!sawMultibyte) {
          for (let i = 0; i < chunk.length; i++) {
            if (chunk[i] >= 0x80) {
              sawMultibyte = true;
              break;
            }
          }
        }
        if (text.length > 0) yield text;
        continue;
      } catch {
        state.encoding = 'windows-1252';
        state.mixed = sawMultibyte;
        decoder = new TextDecoder('windows-1252');
      }
    }
    const text = decoder.decode(chunk, { stream: true });
    if (text.length > 0) yield text;
  }
  const tail = decoder.decode();
  if (tail.length > 0) yield tail;
}
