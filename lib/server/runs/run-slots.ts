// At most `limit` analyses at a time in this process; the others wait, oldest run first.

type Env = Record<string, string | undefined>;

/** SEGMENTA_MAX_CONCURRENT_RUNS, default 1 on the embedded database (one connection) and 2 on PostgreSQL. */
export function maxConcurrentRuns(kind: 'pglite' | 'postgres', env: Env = process.env): number {
  const n = Number(env.SEGMENTA_MAX_CONCURRENT_RUNS?.trim() || NaN);
  return Number.isInteger(n) && n > 0 ? n : kind === 'pglite' ? 1 : 2;
}

export interface RunSlots {
  /** Resolves when the run may start; runs waiting start in the order of their ids. */
  acquire(runId: number): Promise<void>;
  /** The run is over (or gave up its place): the next waiting one starts. */
  release(runId: number): void;
  /** How many runs are running and waiting. */
  readonly counts: { running: number; waiting: number };
}

export function createRunSlots(limit: () => number): RunSlots {
  const active = new Set<number>();
  const waiting: { runId: number; start: () => void }[] = [];
  const next = () => {
    while (waiting.length > 0 && active.size < limit()) {
      const first = waiting.shift() as (typeof waiting)[number];
      active.add(first.runId);
      first.start();
    }
  };
  return {
    acquire(runId) {
      return new Promise<void>((resolve) => {
        const at = waiting.findIndex((w) => w.runId > runId);
        waiting.splice(at === -1 ? waiting.length : at, 0, { runId, start: resolve });
        next();
      });
    },
    release(runId) {
      const at = waiting.findIndex((w) => w.runId === runId);
      if (at !== -1) waiting.splice(at, 1);
      active.delete(runId);
      next();
    },
    get counts() {
      return { running: active.size, waiting: waiting.length };
    },
  };
}

/** "Queued: 1st in line", "Queued: 2nd in line", "Queued: 23rd in line". */
export function queuedMessage(position: number): string {
  const tens = position % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][position % 10] ?? 'th');
  return `Queued: ${position}${suffix} in line`;
}
