// Test helper run as a separate process: uploads a generated log into the data folder's uploads
// (so its dataset keeps the file), prints SUCCEEDED <runId> <datasetId> as soon as the run is
// shown, while the dataset's lines are still being written, and waits to be killed.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeDemoLog } from '../../../demo/write-demo-log';
import { openDatabase } from '../../db/database';
import { createDatasetRun } from '../run-service';

const [dataDir, workerPath] = process.argv.slice(2);
const db = await openDatabase({ kind: 'pglite', dataDir });
mkdirSync(join(dataDir, 'uploads'), { recursive: true });
const path = join(dataDir, 'uploads', 'big.csv');
await writeDemoLog(path, { customers: 8_000, seed: 6 });
const run = await createDatasetRun(db, { workDir: dataDir, workerPath, progressIntervalMs: 0 }, { path, name: 'big', fileName: 'big.csv', parameters: { kMax: 3, intervalDraws: 20 } });
const outcome = await run.finished;
console.log(outcome.status === 'succeeded' ? `SUCCEEDED ${run.runId} ${run.datasetId}` : `FAILED ${outcome.error}`);
await run.linesSaved;
console.log('LINES SAVED');
