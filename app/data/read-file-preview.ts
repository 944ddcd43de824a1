import Papa from 'papaparse';

const PREVIEW_BYTES = 64 * 1024;

async function headText(file: File): Promise<string> {
  const head = file.slice(0, PREVIEW_BYTES);
  if (!/\.gz$/i.test(file.name)) return head.text();
  // The slice ends mid-stream: keep what decompresses before the cut.
  const reader = head.stream().pipeThrough(new DecompressionStream('gzip')).pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  try {
    while (text.length < PREVIEW_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
    }
  } catch {
    // Truncated gzip: what was read so far is the preview.
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return text;
}

/** The first `rows` data rows of a chosen file (plain or gzip CSV), read in the browser. */
export async function readFilePreview(file: File, rows = 20): Promise<string[][]> {
  const text = await headText(file);
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { preview: rows + 1, skipEmptyLines: true });
  return parsed.data.slice(1);
}
