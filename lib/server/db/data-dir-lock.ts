import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'pglite.lock';

/** Who holds a data folder: a process id, and when that process started (null where the system does not say). */
export interface LockOwner {
  pid: number;
  startTime: string | null;
}

/** Thrown when another live process holds the data folder. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    const who = owner.pid === process.pid ? 'this process already has it open' : `process ${owner.pid} has it open`;
    super(
      `The database in ${dataDir} is in use (${who}); PGlite allows one process per data folder. ` +
        'Stop the other Segmenta server first, or set SEGMENTA_DATA_DIR to another folder.',
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * When a process started, as the system counts it: field 22 of /proc/<pid>/stat on Linux (clock
 * ticks since boot). A PID reused by another process has another start time. Null when the
 * process does not exist or the system has no /proc.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[22 - 3] ?? null;
  } catch {
    return null;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's owner as written: JSON { pid, startTime }, or a bare PID as older versions wrote it. */
function readOwner(path: string): LockOwner | null {
  const text = readFileSync(path, 'utf8').trim();
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner> | number;
    if (typeof parsed === 'number') return Number.isInteger(parsed) ? { pid: parsed, startTime: null } : null;
    if (Number.isInteger(parsed.pid)) return { pid: parsed.pid as number, startTime: typeof parsed.startTime === 'string' ? parsed.startTime : null };
  } catch {
    // An empty or half-written lock (the writer died while writing it) holds nothing.
  }
  return null;
}

/**
 * Whether the lock's owner still runs: the PID is alive and, where the start time is known on
 * both sides, it is the same process (not an unrelated one that got the PID later).
 */
export function ownerIsAlive(owner: LockOwner): boolean {
  if (!processIsAlive(owner.pid)) return false;
  if (owner.startTime === null) return true;
  const now = processStartTime(owner.pid);
  return now === null || now === owner.startTime;
}

/**
 * Takes the data folder for this process, since PGlite is one process on one folder and two
 * would corrupt it. The lock records the PID and the process's start time; a lock whose process
 * no longer runs (or whose PID now names another process) is taken over. Throws DataDirInUseError
 * when a live process holds it. Returns the function that releases it (only while it is ours).
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE_NAME);
  const mine: LockOwner = { pid: process.pid, startTime: processStartTime(process.pid) };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      return () => {
        const owner = (() => {
          try {
            return readOwner(path);
          } catch {
            return null;
          }
        })();
        if (owner?.pid === mine.pid && owner.startTime === mine.startTime) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner: LockOwner | null = null;
      try {
        owner = readOwner(path);
      } catch (reason) {
        if ((reason as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw reason;
      }
      if (owner && ownerIsAlive(owner)) throw new DataDirInUseError(dataDir, owner);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock the database folder ${dataDir}; remove ${path} if no Segmenta server is running.`);
}
