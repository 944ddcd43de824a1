import { createReadStream, readFileSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readTransactions } from '../lib/engines/ingest/read-transactions';
import { createThreadPool } from '../lib/engines/parallel/thread-pool';
import { BENCH_INGEST } from './bench-command-lines';
import { makeReplicatedLog } from './make-replicated-log';
import { readCommandLine, refuse, wholeNumber } from './parse-command-line';

// Times the ingest stage alone (readTransactions: open, decode, tokenize, intern, interpret) on a
// file, with the byte path or the text path, on one thread or (a large plain CSV, --threads 2) two,
// and prints wall, user CPU (of every thread) and MB/s of uncompressed CSV.
async function main(): Promise<void> {
  const { values, positionals } = readCommandLine(BENCH_INGEST);
  if (positionals.length > 1) refuse(BENCH_INGEST, `give one file, got ${positionals.length}`);
  if (!['auto', 'bytes', 'text'].includes(values.path)) refuse(BENCH_INGEST, `--path must be auto, bytes or text, got "${values.path}"`);
  const runs = wholeNumber(BENCH_INGEST, 'runs', values.runs);
  const chunk = wholeNumber(BENCH_INGEST, 'chunk', values.chunk);
  const threads = wholeNumber(BENCH_INGEST, 'threads', values.threads);
  let file = positionals[0] ?? join(process.cwd(), '..', 'shared', 'data', 'online_retail.csv.gz');
  if (values.lines !== undefined) {
    const lines = wholeNumber(BENCH_INGEST, 'lines', values.lines);
    file = await makeReplicatedLog(file, join(tmpdir(), `segmenta-bench-${lines}.csv`), lines);
  }
  const path = values.path as 'auto' | 'bytes' | 'text';
  const size = statSync(file).size;
  const expanded = file.endsWith('.gz') ? gunzipSync(readFileSync(file)).length : size;
  for (let run = 0; run < runs; run++) {
    let split = 'none';
    const cpu = process.cpuUsage();
    const started = performance.now();
    const { report } = await readTransactions(createReadStream(file, { highWaterMark: chunk }), {
      tokenizer: path === 'auto' ? undefined : path,
      file: { path: file, threads, openPool: () => createThreadPool({ threads: 2 }), onSplit: (s) => (split = `${s.from}${s.joined ? '' : ' (not used)'}`) },
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
