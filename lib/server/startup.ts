import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_CURRENCY } from '../demo/demo-shop';
import { writeDemoLog } from '../demo/write-demo-log';
import { closeDatabase, getDatabase, type Database } from './db/database';
import { databaseConfigFromEnv, DEFAULT_DATA_DIR } from './db/database';
import { failInterruptedRuns, instanceId, STALE_AFTER_MS, watchRuns } from './runs/run-ownership';
import { createDatasetRun, discardUnfinishedSaves, resumeUnfinishedLineSaves, type RunServiceOptions } from './runs/run-service';
import { sweepStagingArea } from './uploads/staging-area';
import { sweepUploads } from './uploads/sweep-uploads';
import { keepUploadsDays } from './uploads/upload-limits';
import { signInRequiredHere } from './auth/auth-mode';
import { ensureFirstAdmin } from './auth/first-admin';
import { notifyDataChanged } from './response-cache/registry';

export const DEMO_DATASET_NAME = 'Demo gift shop (generated, seed 2024)';

/** Folder for uploads and run exports: the data folder, also when the database is a server. */
export function workDir(): string {
  const config = databaseConfigFromEnv();
  return join(config.kind === 'pglite' && config.dataDir ? config.dataDir : DEFAULT_DATA_DIR, 'files');
}

export function runServiceOptions(): RunServiceOptions {
  return { workDir: workDir() };
}

/** Where uploads wait, one folder each, between their preview and "Analyse" or "Cancel". */
export function stagingDir(): string {
  return join(workDir(), 'uploads', 'staging');
}

/** How often a running server sweeps the staging area and the uploads folder again. */
const SWEEP_FILES_EVERY_MS = 60 * 60 * 1000;
/** A shutdown that takes longer than this (a long save holding the database) exits anyway; the lock it leaves is taken over at the next start. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

/** Remove abandoned staged uploads and upload files no dataset needs; logs what went. */
async function sweepFiles(db: Database): Promise<void> {
  const abandoned = await sweepStagingArea(stagingDir());
  if (abandoned > 0) console.log(`Segmenta: removed ${abandoned} upload(s) left unconfirmed for over an hour.`);
  const { orphans, expired } = await sweepUploads(db, join(workDir(), 'uploads'), { keepDays: keepUploadsDays() });
  if (orphans > 0) console.log(`Segmenta: removed ${orphans} upload file(s) that no dataset uses (refused, failed or interrupted uploads).`);
  if (abandoned + orphans + expired > 0) notifyDataChanged('upload files swept');
  if (expired > 0) console.log(`Segmenta: removed ${expired} dataset file(s) past SEGMENTA_KEEP_UPLOADS_DAYS or with no lines to re-read; re-analysing reads the stored lines.`);
}

/**
 * Stop cleanly on SIGTERM or SIGINT: fail this server's unfinished runs (saying how to start them
 * again), close the database (which releases the data folder's lock) and exit 0. Replaces Next.js's
 * own handlers, which exit with 143 / 130 without closing the database.
 */
function exitCleanlyOnSignals(stop: () => void): void {
  let stopping = false;
  const shutDown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`Segmenta: ${signal} received; closing the database and stopping.`);
    stop();
    const timeout = setTimeout(() => {
      console.error('Segmenta: the database did not close in time; stopping anyway.');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timeout.unref();
    void (async () => {
      const db = await getDatabase().catch(() => null);
      if (db) await failInterruptedRuns(db, { onlyInstance: instanceId() }).catch(() => 0);
      await closeDatabase();
      process.exit(0);
    })().catch((error: unknown) => {
      console.error(`Segmenta: stopping failed: ${(error as Error).message}`);
      process.exit(1);
    });
  };
  // Next.js registers its handlers before it loads instrumentation.ts; the variable covers the other order.
  process.env.NEXT_MANUAL_SIG_HANDLE ??= 'true';
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, shutDown);
  }
}

// With sign-in required, make sure someone can sign in: the admin from the environment, or the
// one-time code for /setup in the log.
async function prepareSignIn(db: Database): Promise<void> {
  if (!signInRequiredHere()) {
    console.log('Segmenta: listening on this machine only; sign-in is off and you are the local admin.');
    return;
  }
  const outcome = await ensureFirstAdmin(db);
  if (outcome.kind === 'created') console.log(`Segmenta: sign-in is required; created the admin ${outcome.email}.`);
  else if (outcome.kind === 'setup') {
    console.log(
      `Segmenta: sign-in is required and there are no users yet. On this machine, open /setup (e.g. http://localhost:${process.env.PORT ?? 3000}/setup) and enter the setup code ${outcome.code} to create the first admin.`,
    );
  } else console.log('Segmenta: sign-in is required.');
}

/**
 * Server start-up: open (and migrate) the database, fail runs a stopped server left behind,
 * and on a first start generate the demo dataset and analyse it before serving.
 */
export async function startUp(): Promise<Database> {
  const db = await getDatabase();
  await prepareSignIn(db);
  const watcher = watchRuns(db, { onFailed: (n) => console.log(`Segmenta: marked ${n} run(s) of a stopped server as failed.`) });
  const filesTimer = setInterval(() => void sweepFiles(db).catch((error: unknown) => console.warn(`Segmenta: sweeping upload files failed: ${(error as Error).message}`)), SWEEP_FILES_EVERY_MS);
  filesTimer.unref();
  exitCleanlyOnSignals(() => {
    watcher.stop();
    clearInterval(filesTimer);
  });
  // On PostgreSQL other servers may be running: only runs whose owner's heartbeat stopped are theirs to lose.
  const interrupted = await failInterruptedRuns(db, db.kind === 'postgres' ? { instance: instanceId(), staleAfterMs: STALE_AFTER_MS } : {});
  if (interrupted > 0) console.log(`Segmenta: marked ${interrupted} interrupted run(s) as failed.`);
  const discarded = await discardUnfinishedSaves(db);
  if (discarded > 0) console.log(`Segmenta: removed ${discarded} row(s) that saves interrupted by a stop had written.`);
  const resumed = await resumeUnfinishedLineSaves(db, runServiceOptions(), db.kind === 'postgres' ? { staleAfterMs: STALE_AFTER_MS } : {});
  if (resumed.length > 0) console.log(`Segmenta: saving again the lines of ${resumed.length} dataset(s) a stop interrupted, in the background.`);
  await sweepFiles(db);
  if ((await db.prisma.dataset.count()) === 0) {
    const dir = join(workDir(), 'uploads');
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'demo-gift-shop.csv.gz');
    console.log('Segmenta: first start, generating and analysing the demo dataset...');
    await writeDemoLog(path);
    const run = await createDatasetRun(db, runServiceOptions(), {
      path,
      name: DEMO_DATASET_NAME,
      fileName: 'demo-gift-shop.csv.gz',
      parameters: { currency: DEMO_CURRENCY },
      startedBy: { userId: null, actor: 'Segmenta (demo at first start)' },
    });
    const outcome = await run.finished;
    console.log(outcome.status === 'succeeded' ? 'Segmenta: demo dataset ready.' : `Segmenta: demo analysis failed: ${outcome.error}`);
  }
  return db;
}

/**
 * The start-up of `next start` (instrumentation.ts): a server that cannot start (the data folder
 * is in use by another server, the database cannot be reached) says why and exits with 1 instead
 * of listening and answering 500 to every request.
 */
export async function startServer(): Promise<void> {
  try {
    await startUp();
  } catch (error) {
    console.error(`Segmenta could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
