import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'pglite.lock';

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder for this process, since PGlite is one process on one folder and two
 * would corrupt it. A lock left by a process that no longer runs is taken over. Returns the
 * function that releases it.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(pid) && processIsAlive(pid)) {
        const who = pid === process.pid ? 'this process already has it open' : `process ${pid} has it open`;
        throw new Error(`The database in ${dataDir} is in use (${who}); PGlite allows one process per data folder. Stop the other process or set SEGMENTA_DATA_DIR to another folder.`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock the database folder ${dataDir}`);
}
