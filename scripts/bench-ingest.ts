import { createReadStream, readFileSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { readTransactions } from '../lib/engines/ingest/read-transactions';
import { createThreadPool } from '../lib/engines/parallel/thread-pool';
import { makeReplicatedLog } from './make-replicated-log';

// Times the ingest stage alone (readTransactions: open, decode, tokenize, intern, interpret) on a
// file, with the byte path or the text path, on one thread or (a large plain CSV, --threads 2) two,
// and prints wall, user CPU (of every thread) and MB/s of uncompressed CSV.
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      path: { type: 'string', default: 'auto' },
      runs: { type: 'string', default: '1' },
      lines: { type: 'string' },
      chunk: { type: 'string', default: String(64 * 1024) },
      threads: { type: 'string', default: String(availableParallelism()) },
    },
  });
  let file = positionals[0] ?? join(process.cwd(), '..', 'shared', 'data', 'online_retail.csv.gz');
  if (values.lines !== undefined) {
    const lines = Number(values.lines);
    file = await makeReplicatedLog(file, join(tmpdir(), `segmenta-bench-${lines}.csv`), lines);
  }
  const path = values.path as 'auto' | 'bytes' | 'text';
  const size = statSync(file).size;
  const expanded = file.endsWith('.gz') ? gunzipSync(readFileSync(file)).length : size;
  for (let run = 0; run < Number(values.runs); run++) {
    let split = 'none';
    const cpu = process.cpuUsage();
    const started = performance.now();
    const { report } = await readTransactions(createReadStream(file, { highWaterMark: Number(values.chunk) }), {
      tokenizer: path === 'auto' ? undefined : path,
      file: { path: file, threads: Number(values.threads), openPool: () => createThreadPool({ threads: 2 }), onSplit: (s) => (split = `${s.from}${s.joined ? '' : ' (not used)'}`) },
    });
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(
      `${file} path=${path} threads=${values.threads} split=${split} rows=${report.rowsRead} wall=${(wall / 1000).toFixed(2)} s user=${(used.user / 1e6).toFixed(2)} s sys=${(used.system / 1e6).toFixed(2)} s ` +
        `${(expanded / 1e6 / (wall / 1000)).toFixed(0)} MB/s (wall) ${(expanded / 1e6 / (used.user / 1e6)).toFixed(0)} MB/s (user CPU) load ${load}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
