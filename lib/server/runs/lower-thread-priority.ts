import { setPriority } from 'node:os';

/** Nice value of an analysis's threads: a tenth of the web thread's CPU weight when both want a core. */
export const ANALYSIS_NICE = 10;

/**
 * Lowers the scheduling priority of the calling thread (and of the threads it starts later) to
 * `nice`, so that an analysis may use every core yet the web thread and the database come first
 * when they want one. Linux only: there the nice value belongs to each thread (setpriority(2),
 * "NPTL"); elsewhere it would lower the whole server, so nothing is done. Returns whether it did.
 */
export function lowerThreadPriority(nice = ANALYSIS_NICE): boolean {
  if (process.platform !== 'linux') return false;
  try {
    setPriority(0, nice);
    return true;
  } catch {
    // Not permitted (a sandbox without setpriority): run at the same priority as the web thread.
    return false;
  }
}
