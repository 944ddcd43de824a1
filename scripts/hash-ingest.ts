import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { loadavg } from 'node:os';
import { readTransactions } from '../lib/engines/ingest/read-transactions';
import { createThreadPool } from '../lib/engines/parallel/thread-pool';
import { HASH_INGEST } from './bench-command-lines';
import { readCommandLine, refuse, wholeNumber } from './parse-command-line';

// Prints a SHA-256 over every array of the TransactionTable and the JSON of the report that
// readTransactions gives for a file, on one thread or two, so two ways of reading can be compared
// on files too large for a test.
async function main(): Promise<void> {
  const { values, positionals } = readCommandLine(HASH_INGEST);
  if (positionals.length !== 1) refuse(HASH_INGEST, `give one file to hash, got ${positionals.length}`);
  const file = positionals[0];
  const threads = wholeNumber(HASH_INGEST, 'threads', values.threads);
  let split = 'none';
  const { table, report } = await readTransactions(createReadStream(file), {
    file: { path: file, threads, openPool: () => createThreadPool({ threads: 2 }), onSplit: (s) => (split = `${s.from}${s.joined ? '' : ' (not used)'}`) },
  });
  const hash = createHash('sha256');
  for (const [key, value] of Object.entries(table).sort(([a], [b]) => (a < b ? -1 : 1))) {
    hash.update(key);
    if (ArrayBuffer.isView(value)) hash.update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    else hash.update(JSON.stringify(value) ?? 'undefined');
  }
  hash.update(JSON.stringify(report));
  console.log(`${file} threads=${values.threads} split=${split} rows=${report.rowsRead} sha256=${hash.digest('hex')} load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
