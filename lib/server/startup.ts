import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_CURRENCY } from '../demo/demo-shop';
import { writeDemoLog } from '../demo/write-demo-log';
import { getDatabase, type Database } from './db/database';
import { databaseConfigFromEnv, DEFAULT_DATA_DIR } from './db/database';
import { createDatasetRun, failInterruptedRuns, type RunServiceOptions } from './runs/run-service';
import { sweepStagingArea } from './uploads/staging-area';
import { signInRequiredHere } from './auth/auth-mode';
import { ensureFirstAdmin } from './auth/first-admin';

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
  const interrupted = await failInterruptedRuns(db);
  if (interrupted > 0) console.log(`Segmenta: marked ${interrupted} interrupted run(s) as failed.`);
  const abandoned = await sweepStagingArea(stagingDir());
  if (abandoned > 0) console.log(`Segmenta: removed ${abandoned} upload(s) left unconfirmed for over an hour.`);
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
