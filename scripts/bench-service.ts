import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ANALYSIS_STAGES } from '../lib/engines/pipeline/types';
import { openDatabase, type DatabaseConfig } from '../lib/server/db/database';
import { createDatasetRun } from '../lib/server/runs/run-service';
import { projectRoot } from './project-root';

// `npm run bench:service`: Online Retail uploaded and analysed through the app's run service
// (worker thread + COPY into the database), on PGlite and, with --postgres URL, on PostgreSQL.
async function measure(label: string, config: DatabaseConfig, file: string, workerPath: string): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'segmenta-bench-service-'));
  const db = await openDatabase(config);
  try {
    const started = performance.now();
    const run = await createDatasetRun(db, { workDir, workerPath }, { path: file, name: 'Online Retail', fileName: 'online_retail.csv.gz' });
    const outcome = await run.finished;
    const wall = performance.now() - started;
    if (outcome.status !== 'succeeded') throw new Error(`the run failed: ${outcome.error}`);
    const saved = await db.prisma.run.findUniqueOrThrow({ where: { id: run.runId } });
    const lines = await db.prisma.transaction.count({ where: { datasetId: run.datasetId } });
    const customers = await db.prisma.customerResult.count({ where: { runId: run.runId } });
    console.log(`\n${label}: ${lines.toLocaleString('en-US')} lines and ${customers.toLocaleString('en-US')} customer results stored`);
    const timings = saved.stageTimings as Record<string, number>;
    for (const stage of [...ANALYSIS_STAGES, 'save']) {
      console.log(`  ${stage.padEnd(16)} ${Math.round(timings[stage] ?? NaN).toString().padStart(7)} ms`);
    }
    console.log(`  ${'upload to done'.padEnd(16)} ${Math.round(wall).toString().padStart(7)} ms   (checksum, worker start, analysis, save, status writes)`);
  } finally {
    await db.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { postgres: { type: 'string' } } });
  const root = projectRoot();
  const file = join(root, '..', 'shared', 'data', 'online_retail.csv.gz');
  // @ts-expect-error -- plain ES module without types
  const { bundle } = await import('./bundle.mjs');
  const workerPath: string = await bundle('lib/server/runs/analysis-worker.ts', '.segmenta/analysis-worker.mjs');
  const dataDir = mkdtempSync(join(tmpdir(), 'segmenta-bench-pglite-'));
  await measure('PGlite (embedded)', { kind: 'pglite', dataDir }, file, workerPath);
  rmSync(dataDir, { recursive: true, force: true });
  const url = values.postgres ?? process.env.DATABASE_URL;
  if (url) await measure('PostgreSQL', { kind: 'postgres', url }, file, workerPath);
  else console.log('\nPostgreSQL: skipped (pass --postgres postgres://... or set DATABASE_URL)');
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
