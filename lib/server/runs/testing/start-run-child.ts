// Test helper run as a separate process: opens the data folder (or, given a third argument, a
// PostgreSQL database, beating the heart of its runs as a server does), uploads a generated log
// large enough to take a few seconds, prints RUNNING <runId> once the run is under way, and
// waits to be killed.
import { join } from 'node:path';
import { writeDemoLog } from '../../../demo/write-demo-log';
import { openDatabase } from '../../db/database';
import { watchRuns } from '../run-ownership';
import { createDatasetRun } from '../run-service';

const [dataDir, workerPath, postgresUrl] = process.argv.slice(2);
const db = await openDatabase(postgresUrl ? { kind: 'postgres', url: postgresUrl } : { kind: 'pglite', dataDir });
watchRuns(db, { heartbeatMs: 200 });
const path = join(dataDir, 'big.csv');
await writeDemoLog(path, { customers: 30_000, seed: 5 });
const run = await createDatasetRun(db, { workDir: dataDir, workerPath, progressIntervalMs: 0 }, { path, name: 'big', fileName: 'big.csv' });
for (;;) {
  const status = await db.prisma.run.findUniqueOrThrow({ where: { id: run.runId } });
  if (status.status === 'running' && status.progress > 0) {
    console.log(`RUNNING ${run.runId}`);
    break;
  }
  await new Promise((r) => setTimeout(r, 50));
}
await run.finished;
console.log('FINISHED');
