// Progress of the runs this process is executing, kept in memory next to the run row. On PGlite
// (one connection) a progress poll would otherwise wait behind the long transaction that saves
// a run's results, and the bar would freeze at its last value until the run is done.

export interface LiveProgress {
  runId: number;
  datasetId: number;
  progress: number;
  message: string;
}

// On globalThis: the upload route that starts a run and the status route that polls it may be
// bundled as separate module instances.
const registry = globalThis as typeof globalThis & { segmentaLiveProgress?: Map<number, LiveProgress>; segmentaRemovedRuns?: Map<number, RemovedRun> };
const live = (registry.segmentaLiveProgress ??= new Map());

export function setLiveProgress(entry: LiveProgress): void {
  live.set(entry.runId, entry);
}

export function clearLiveProgress(runId: number): void {
  live.delete(runId);
}

/** The progress of a run executing in this process, or undefined (then the run row is the truth). */
export function getLiveProgress(runId: number): LiveProgress | undefined {
  return live.get(runId);
}

export interface RemovedRun {
  runId: number;
  datasetId: number;
  error: string;
}

const removed = (registry.segmentaRemovedRuns ??= new Map());

/** A failed first run whose dataset was removed (nothing of it was stored): its status stays answerable for the page that follows it. */
export function rememberRemovedRun(entry: RemovedRun): void {
  removed.set(entry.runId, entry);
  if (removed.size > 100) removed.delete(removed.keys().next().value as number);
}

/** The failure of a run whose dataset was removed, or undefined. */
export function getRemovedRun(runId: number): RemovedRun | undefined {
  return removed.get(runId);
}
