import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { ByteCsvTokenizer } from '../lib/engines/ingest/byte-csv-tokenizer';
import { detectLayout, normaliseHeader, resolveColumns } from '../lib/engines/ingest/header-mapping';
import { RawColumnsBuilder } from '../lib/engines/ingest/raw-columns';
import { BENCH_INTERN } from './bench-command-lines';
import { readCommandLine, refuse, wholeNumber } from './parse-command-line';

// Times the byte path's tokenizing and interning alone (ByteCsvTokenizer + RawColumnsBuilder.pushBytes)
// on a plain UTF-8 CSV held in memory in 64 KB chunks: no file reads, no interpretation. Prints the
// user CPU of each run and the load average.
function main(): void {
  const { values, positionals } = readCommandLine(BENCH_INTERN);
  if (positionals.length !== 1) refuse(BENCH_INTERN, `give one plain CSV file, got ${positionals.length}`);
  const file = positionals[0];
  const runs = wholeNumber(BENCH_INTERN, 'runs', values.runs);
  const data = readFileSync(file);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += 65_536) chunks.push(data.subarray(at, Math.min(data.length, at + 65_536)));
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const decode = (bytes: Uint8Array) => decoder.decode(bytes);
  const headerLine = decoder.decode(data.subarray(0, data.indexOf(10))).replace(/\r$/, '');
  const header = headerLine.split(',').map((h) => h.trim());
  const columns = resolveColumns(header, {}, detectLayout(header.map(normaliseHeader)));
  for (let run = 0; run < runs; run++) {
    const cpu = process.cpuUsage();
    const builder = new RawColumnsBuilder(columns);
    const tokenizer = new ByteCsvTokenizer(',', (row, line, lines) => {
      if (line > 1) builder.pushBytes(row, line, false, lines, decode);
    }, decode);
    for (const chunk of chunks) tokenizer.push(chunk);
    tokenizer.end();
    const used = process.cpuUsage(cpu);
    console.log(
      `${file} rows=${builder.length} user=${(used.user / 1e6).toFixed(2)} s sys=${(used.system / 1e6).toFixed(2)} s ` +
        `${(data.length / 1e6 / (used.user / 1e6)).toFixed(0)} MB/s (user CPU) load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    );
  }
}

main();
