import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { DemoLogInput } from './demo-log-options';
import { generateDemoLog } from './generate-demo-log';

/** Write the demo log to `path` (gzip when it ends in .gz); returns the CSV's size before compression. */
export async function writeDemoLog(path: string, input: DemoLogInput = {}): Promise<{ bytes: number; lines: number }> {
  const size = { bytes: 0, lines: -1 };
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size.bytes += chunk.length;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) size.lines++;
      done(null, chunk);
    },
  });
  const source = Readable.from(generateDemoLog(input), { objectMode: false });
  if (path.endsWith('.gz')) await pipeline(source, count, createGzip({ level: 9 }), createWriteStream(path));
  else await pipeline(source, count, createWriteStream(path));
  return size;
}
