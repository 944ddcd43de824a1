import type { DemoLogInput } from './demo-log-options';
import { generateDemoLog } from './generate-demo-log';

async function* encodeChunks(chunks: Iterable<string>): AsyncGenerator<Uint8Array, void, undefined> {
  const encoder = new TextEncoder();
  for (const chunk of chunks) yield encoder.encode(chunk);
}

/**
 * The demo log as a UTF-8 byte stream, ready for runAnalysis or readTransactions.
 * @example
 * const result = await runAnalysis(demoLogBytes({ seed: 7 }));
 */
export function demoLogBytes(input: DemoLogInput = {}): AsyncIterable<Uint8Array> {
  return encodeChunks(generateDemoLog(input));
}
