import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BENCH } from './bench-command-lines';
import { makeReplicatedLog } from './make-replicated-log';
import { readCommandLine, wholeNumber } from './parse-command-line';
import { projectRoot } from './project-root';

const run = promisify(execFile);
const ROOT = projectRoot();
const LAUNCH = join(ROOT, 'scripts', 'launch.mjs');
const PYTHON = '/usr/bin/python3';

interface Timings {
  [stage: string]: number;
}

interface Measured {
  wallMs: number;
  timings: Timings;
  customers: number;
}

// --analyze-bundle times another build of the command line (e.g. an earlier commit's, bundled with esbuild) in place of this one.
let analyzeCommand = [LAUNCH, 'analyze'];

async function analyze(file: string, extra: string[] = []): Promise<Measured> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, [...analyzeCommand, file, '--json', ...extra], { maxBuffer: 256 << 20 });
  const wallMs = performance.now() - started;
  const summary = JSON.parse(stdout) as { timingsMs: Timings; customers: number };
  return { wallMs, timings: summary.timingsMs, customers: summary.customers };
}

function print(label: string, r: Measured): void {
  const { total, peakRssMb, ...stages } = r.timings;
  console.log(`\n${label}`);
  console.log(`  customers            ${r.customers.toLocaleString('en-US')}`);
  for (const [stage, ms] of Object.entries(stages)) console.log(`  ${stage.padEnd(20)} ${ms.toFixed(0).padStart(7)} ms`);
  console.log(`  pipeline total       ${total.toFixed(0).padStart(7)} ms`);
  console.log(`  process wall         ${r.wallMs.toFixed(0).padStart(7)} ms   (node scripts/launch.mjs analyze --json: start-up + pipeline + output)`);
  console.log(`  peak RSS             ${String(peakRssMb).padStart(7)} MB`);
}

/** The peer (../shared/peer, pandas + scikit-learn + lifetimes) on `file` as a fresh process: its wall time and its own stage times in ms. */
async function runPeer(peerDir: string, file: string): Promise<Measured> {
  const started = performance.now();
  const { stdout } = await run(PYTHON, [join(peerDir, 'peer_pipeline.py'), file], {
    maxBuffer: 256 << 20,
    env: { ...process.env, PYTHONPATH: join(peerDir, 'vendor') },
  });
  const wallMs = performance.now() - started;
  const report = JSON.parse(stdout) as { timings_seconds: { stages: Timings; imports: number }; customers: number | { count?: number } };
  const timings: Timings = { imports: report.timings_seconds.imports * 1000 };
  for (const [stage, seconds] of Object.entries(report.timings_seconds.stages)) timings[stage] = seconds * 1000;
  const customers = typeof report.customers === 'number' ? report.customers : (report.customers.count ?? NaN);
  return { wallMs, timings, customers };
}

/** Why the peer cannot run here, or null when it can. */
async function peerMissing(peerDir: string): Promise<string | null> {
  if (!existsSync(join(peerDir, 'peer_pipeline.py'))) return `the peer is not at ${peerDir}`;
  if (!existsSync(PYTHON)) return `${PYTHON} is not installed`;
  try {
    await run(PYTHON, ['-c', 'import pandas, sklearn, scipy, lifetimes'], { env: { ...process.env, PYTHONPATH: join(peerDir, 'vendor') } });
    return null;
  } catch (error) {
    const last = String((error as { stderr?: string }).stderr ?? error).trim().split('\n').pop();
    // The vendored lifetimes also needs dill, which the peer's README does not list.
    return `its Python packages do not import (${last}); on Debian: apt-get install -y python3-pandas python3-sklearn python3-scipy python3-numpy python3-dill (see ${join(peerDir, 'README.md')})`;
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () => loadavg().map((v) => v.toFixed(2)).join(', ');

function printStageMedians(label: string, runs: Measured[]): void {
  const stages = Object.keys(runs[0].timings).filter((stage) => stage !== 'total' && stage !== 'peakRssMb');
  console.log(`  ${label}`);
  for (const stage of stages) console.log(`    ${stage.padEnd(20)} ${seconds(median(runs.map((r) => r.timings[stage] ?? NaN))).padStart(9)}`);
  console.log(`    ${'process wall'.padEnd(20)} ${seconds(median(runs.map((r) => r.wallMs))).padStart(9)}`);
}

/**
 * Segmenta (`analyze --json`, a fresh process each time) and the peer on the same file, in
 * alternation: one warm-up each, then `pairs` pairs; medians of each and their ratio.
 */
async function versusPeer(source: string, peerDir: string, pairs: number, threads: string | undefined): Promise<void> {
  const missing = await peerMissing(peerDir);
  if (missing) {
    console.log(`Skipped the comparison with the Python stack: ${missing}.`);
    return;
  }
  const extra = threads === undefined ? [] : ['--threads', threads];
  console.log(`Segmenta vs the Python stack (pandas + scikit-learn + lifetimes, ${peerDir}) on ${source}`);
  console.log(`Segmenta: node ${analyzeCommand.join(' ')} <file> --json${extra.length ? ` ${extra.join(' ')}` : ''}; peer: PYTHONPATH=${join(peerDir, 'vendor')} ${PYTHON} ${join(peerDir, 'peer_pipeline.py')} <file>`);
  console.log(`Load average at the start (1, 5, 15 min): ${load()}`);
  await analyze(source, extra);
  await runPeer(peerDir, source);
  console.log('Warm-up done (one run each, not counted).');
  const ours: Measured[] = [];
  const theirs: Measured[] = [];
  for (let i = 0; i < pairs; i++) {
    ours.push(await analyze(source, extra));
    theirs.push(await runPeer(peerDir, source));
    const ratio = ours[i].wallMs / theirs[i].wallMs;
    console.log(`  pair ${i + 1}: Segmenta ${seconds(ours[i].wallMs)}, peer ${seconds(theirs[i].wallMs)}, ratio ${ratio.toFixed(2)}`);
  }
  console.log(`\nStage medians over ${pairs} runs`);
  printStageMedians(`Segmenta (${ours[0].customers.toLocaleString('en-US')} customers; stages waiting on worker threads count their wait)`, ours);
  printStageMedians(`Peer (${Number.isFinite(theirs[0].customers) ? theirs[0].customers.toLocaleString('en-US') : '?'} customers)`, theirs);
  const oursMedian = median(ours.map((r) => r.wallMs));
  const theirsMedian = median(theirs.map((r) => r.wallMs));
  console.log(`\nMedian process wall: Segmenta ${seconds(oursMedian)}, peer ${seconds(theirsMedian)}; ratio Segmenta / peer ${(oursMedian / theirsMedian).toFixed(2)} (target 0.20 or less)`);
  console.log(`Load average at the end (1, 5, 15 min): ${load()}`);
}

async function main(): Promise<void> {
  const { values } = readCommandLine(BENCH);
  const runs = wholeNumber(BENCH, 'runs', values.runs);
  const lines = wholeNumber(BENCH, 'lines', values.lines);
  const pairs = wholeNumber(BENCH, 'pairs', values.pairs);
  if (values['analyze-bundle'] !== undefined) analyzeCommand = [values['analyze-bundle']];
  const shared = values.shared ?? join(ROOT, '..', 'shared');
  const source = join(shared, 'data', 'online_retail.csv.gz');
  if (values['vs-peer']) {
    if (!existsSync(source)) {
      console.log(`Skipped the comparison with the Python stack: ${source} is missing (give the shared folder with --shared <folder>).`);
      return;
    }
    await versusPeer(source, join(shared, 'peer'), pairs, values.threads);
    return;
  }
  if (!existsSync(source)) {
    console.error(`The benchmark reads ${source}, which is missing.`);
    process.exit(1);
  }

  console.log(`Segmenta benchmark on node ${process.version}`);

  const results = [];
  const extra = values.threads === undefined ? [] : ['--threads', values.threads];
  for (let i = 0; i < runs; i++) results.push(await analyze(source, extra));
  results.sort((a, b) => a.wallMs - b.wallMs);
  print(`Online Retail (541,909 lines, full pipeline: k sweep 2-10 with exact silhouette, GMM, Ward, BG/NBD, Gamma-Gamma, CLV, holdout), median of ${runs}`, results[Math.floor(runs / 2)]);

  if (values['skip-large']) return;
  const large = join(tmpdir(), `segmenta-bench-${lines}.csv`);
  const madeAt = performance.now();
  await makeReplicatedLog(source, large, lines);
  console.log(`\nReplicated log: ${large} (${(statSync(large).size / 1e6).toFixed(0)} MB, ${lines.toLocaleString('en-US')} lines; made or reused in ${((performance.now() - madeAt) / 1000).toFixed(1)} s, not timed below)`);
  print(`Replicated log, ${lines.toLocaleString('en-US')} lines, full pipeline`, await analyze(large, extra));
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
