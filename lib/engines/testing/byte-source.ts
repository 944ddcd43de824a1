/** Test helper: serve bytes as an async stream in chunks of `chunkSize`, to exercise chunk boundaries. */
export async function* byteSource(data: Uint8Array | string, chunkSize = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, Math.min(bytes.length, i + chunkSize));
}

export const SHARED_DATA = new URL('../../../../shared/data/', import.meta.url).pathname;
