import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import { makeReplicatedLog } from './make-replicated-log';
import { projectRoot } from './project-root';

const run = promisify(execFile);
const ROOT = projectRoot();
const LAUNCH = join(ROOT, 'scripts', 'launch.mjs');
const DATA = join(ROOT, '..', 'shared', 'data');

interface Timings {
  [stage: string]: number;
}

async function analyze(file: string, extra: string[] = []): Promise<{ wallMs: number; timings: Timings; customers: number }> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, [LAUNCH, 'analyze', file, '--json', ...extra], { maxBuffer: 256 << 20 });
  const wallMs = performance.now() - started;
  const summary = JSON.parse(stdout) as { timingsMs: Timings; customers: number };
  return { wallMs, timings: summary.timingsMs, customers: summary.customers };
}

function print(label: string, r: { wallMs: number; timings: Timings; customers: number }): void {
  const { total, peakRssMb, ...stages } = r.timings;
  console.log(`\n${label}`);
  console.log(`  customers            ${r.customers.toLocaleString('en-US')}`);
  for (const [stage, ms] of Object.entries(stages)) console.log(`  ${stage.padEnd(20)} ${ms.toFixed(0).padStart(7)} ms`);
  console.log(`  pipeline total       ${total.toFixed(0).padStart(7)} ms`);
  console.log(`  process wall         ${r.wallMs.toFixed(0).padStart(7)} ms   (node scripts/launch.mjs analyze --json: start-up + pipeline + output)`);
  console.log(`  peak RSS             ${String(peakRssMb).padStart(7)} MB`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      lines: { type: 'string', default: '10000000' },
      'skip-large': { type: 'boolean', default: false },
    },
  });
  const source = join(DATA, 'online_retail.csv.gz');
  if (!existsSync(source)) {
    console.error(`The benchmark reads ${source}, which is missing.`);
    process.exit(1);
  }

  const runs = Number(values.runs);
  const lines = Number(values.lines);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, got "${values.runs}".`);
  if (!Number.isInteger(lines) || lines < 1) throw new Error(`--lines must be a whole number of at least 1, got "${values.lines}".`);
  console.log(`Segmenta benchmark on node ${process.version}`);

  const results = [];
  for (let i = 0; i < runs; i++) results.push(await analyze(source));
  results.sort((a, b) => a.wallMs - b.wallMs);
  print(`Online Retail (541,909 lines, full pipeline: k sweep 2-10 with exact silhouette, GMM, Ward, BG/NBD, Gamma-Gamma, CLV, holdout), median of ${runs}`, results[Math.floor(runs / 2)]);

  if (values['skip-large']) return;
  const large = join(tmpdir(), `segmenta-bench-${lines}.csv`);
  const madeAt = performance.now();
  await makeReplicatedLog(source, large, lines);
  console.log(`\nReplicated log: ${large} (${(statSync(large).size / 1e6).toFixed(0)} MB, ${lines.toLocaleString('en-US')} lines; made or reused in ${((performance.now() - madeAt) / 1000).toFixed(1)} s, not timed below)`);
  print(`Replicated log, ${lines.toLocaleString('en-US')} lines, full pipeline`, await analyze(large));
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
