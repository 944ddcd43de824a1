import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ANALYSIS_STAGES } from '../lib/engines/pipeline/types';
import { openDatabase, type DatabaseConfig } from '../lib/server/db/database';
import { createDatasetRun } from '../lib/server/runs/run-service';
import { BENCH_SERVICE } from './bench-command-lines';
import { readCommandLine } from './parse-command-line';
import { projectRoot } from './project-root';

// `npm run bench:service [-- --file F] [--inline] [--postgres URL]`: Online Retail uploaded and
// analysed through the app's run service (worker thread + COPY into the database), on PGlite (on
// its own thread, as the server runs it; --inline also on the caller's thread) and, with
// --postgres URL, on PostgreSQL. Meanwhile a probe query every 100 ms, as a page would make, and
// the event loop's delay show whether the server could answer during the analysis and the save.
// --no-lines stops once the run is browsable (a large upload's lines, written after it, are not waited for).

const PROBE_EVERY_MS = 100;

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function measure(label: string, config: DatabaseConfig, file: string, workerPath: string, waitForLines: boolean): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'segmenta-bench-service-'));
  const db = await openDatabase(config);
  try {
    const started = performance.now();
    const run = await createDatasetRun(db, { workDir, workerPath }, { path: file, name: 'Online Retail', fileName: 'online_retail.csv.gz' });
    let running = true;
    const probes: number[] = [];
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const prober = (async () => {
      while (running) {
        const t0 = performance.now();
        await db.prisma.run.findMany({ select: { id: true, status: true, progressMessage: true } });
        probes.push(performance.now() - t0);
        await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
      }
    })();
    const outcome = await run.finished;
    const wall = performance.now() - started;
    const browsableRss = process.resourceUsage().maxRSS;
    // The run is browsable; the dataset's lines are written after it, while the probe keeps asking.
    if (waitForLines) await run.linesSaved;
    const linesWall = performance.now() - started;
    running = false;
    await prober;
    loop.disable();
    if (outcome.status !== 'succeeded') throw new Error(`the run failed: ${outcome.error}`);
    const saved = await db.prisma.run.findUniqueOrThrow({ where: { id: run.runId } });
    const lines = await db.prisma.transaction.count({ where: { datasetId: run.datasetId } });
    const customers = await db.prisma.customerResult.count({ where: { runId: run.runId } });
    console.log(`\n${label}: ${lines.toLocaleString('en-US')} lines and ${customers.toLocaleString('en-US')} customer results stored`);
    const timings = saved.stageTimings as Record<string, number>;
    for (const stage of [...ANALYSIS_STAGES, 'save']) {
      console.log(`  ${stage.padEnd(16)} ${Math.round(timings[stage] ?? NaN).toString().padStart(7)} ms`);
    }
    console.log(`  ${'upload to done'.padEnd(16)} ${Math.round(wall).toString().padStart(7)} ms   (checksum, worker start, analysis, save of the results, status writes: the run is browsable)`);
    const { rows: state } = await db.sql.query<{ lines_state: string }>(`SELECT lines_state FROM dataset WHERE id = $1`, [run.datasetId]);
    if (waitForLines) console.log(`  ${'lines stored'.padEnd(16)} ${Math.round(linesWall).toString().padStart(7)} ms   (upload to the last stored line; lines ${state[0]?.lines_state})`);
    else console.log(`  ${'lines stored'.padEnd(16)} not waited for (--no-lines; lines ${state[0]?.lines_state})`);
    console.log(`  peak RSS         ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (this process, database thread and workers included; ${Math.round(browsableRss / 1024)} MB until browsable)`);
    const sorted = [...probes].sort((a, b) => a - b);
    const ms = (v: number) => `${Math.round(v)} ms`;
    console.log(
      `  probe query      ${probes.length} during the run: p50 ${ms(quantile(sorted, 0.5))}, p99 ${ms(quantile(sorted, 0.99))}, max ${ms(sorted[sorted.length - 1] ?? NaN)}`,
    );
    console.log(`  event loop delay p99 ${ms(loop.percentile(99) / 1e6)}, max ${ms(loop.max / 1e6)}`);
  } finally {
    await db.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = readCommandLine(BENCH_SERVICE);
  const root = projectRoot();
  const file = values.file ?? join(root, '..', 'shared', 'data', 'online_retail.csv.gz');
  // @ts-expect-error -- plain ES module without types
  const { bundle } = await import('./bundle.mjs');
  const workerPath: string = await bundle('lib/server/runs/analysis-worker.ts', '.segmenta/analysis-worker.mjs');
  const thread: string = await bundle('lib/server/db/pglite-thread.ts', '.segmenta/pglite-thread.mjs');
  // The analysis worker's task threads (model fits, clustering, the second half of a large CSV) start from beside it.
  await bundle('lib/engines/parallel/task-worker.ts', '.segmenta/task-worker.mjs');
  for (const mode of values.inline ? ['thread', 'inline'] : ['thread']) {
    const dataDir = mkdtempSync(join(tmpdir(), 'segmenta-bench-pglite-'));
    const label = mode === 'thread' ? 'PGlite (embedded, on its own thread)' : 'PGlite (embedded, on the calling thread)';
    await measure(label, { kind: 'pglite', dataDir, thread: mode === 'thread' ? thread : null }, file, workerPath, !values['no-lines']);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const url = values.postgres ?? process.env.DATABASE_URL;
  if (url) await measure('PostgreSQL', { kind: 'postgres', url }, file, workerPath, !values['no-lines']);
  else console.log('\nPostgreSQL: skipped (pass --postgres postgres://... or set DATABASE_URL)');
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
