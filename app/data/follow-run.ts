export interface RunStatusAnswer {
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  message: string | null;
  error: string | null;
  /** A new dataset's first run failed before anything was stored: the dataset is gone. */
  datasetRemoved?: boolean;
}

type Listener = (status: RunStatusAnswer) => void;

interface Followed {
  latest: RunStatusAnswer | null;
  listeners: Set<Listener>;
  timer: ReturnType<typeof setTimeout> | null;
}

const POLL_MS = 400;
// One poll per run for the whole page: the upload bar and the dataset card read the same answer.
const followed = new Map<number, Followed>();

export const isFinished = (status: RunStatusAnswer['status']) => status === 'succeeded' || status === 'failed';

async function poll(runId: number): Promise<void> {
  const entry = followed.get(runId);
  if (!entry) return;
  entry.timer = null;
  let next: RunStatusAnswer | null = null;
  try {
    const response = await fetch(`/api/runs/${runId}`, { cache: 'no-store' });
    if (response.ok) next = (await response.json()) as RunStatusAnswer;
    else if (response.status === 404) next = { status: 'failed', progress: 0, message: 'Failed', error: 'This run no longer exists.', datasetRemoved: true };
  } catch {
    // A dropped poll is retried at the next tick.
  }
  if (next) {
    entry.latest = next;
    for (const listener of entry.listeners) listener(next);
  }
  if (next && isFinished(next.status)) return;
  if (entry.listeners.size > 0) entry.timer = setTimeout(() => void poll(runId), POLL_MS);
}

/** Follow a run's status (one poll per run however many parts of the page follow it); returns the unsubscribe. */
export function subscribeRun(runId: number, listener: Listener): () => void {
  let entry = followed.get(runId);
  if (!entry) {
    entry = { latest: null, listeners: new Set(), timer: null };
    followed.set(runId, entry);
  }
  entry.listeners.add(listener);
  if (entry.latest) listener(entry.latest);
  if (entry.listeners.size === 1 && entry.timer === null && !(entry.latest && isFinished(entry.latest.status))) void poll(runId);
  const current = entry;
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size === 0) {
      if (current.timer) clearTimeout(current.timer);
      current.timer = null;
    }
  };
}

/** Follow a run until it succeeds or fails, reporting progress on the way. */
export function followRun(runId: number, onProgress: (status: RunStatusAnswer) => void): Promise<RunStatusAnswer> {
  return new Promise((resolve) => {
    const stop = subscribeRun(runId, (status) => {
      if (!isFinished(status.status)) return onProgress(status);
      queueMicrotask(() => stop());
      resolve(status);
    });
  });
}

/** The words every progress bar of a run shows: "Queued: 2nd in line", "42 %, Fitting the models". */
export function progressWords(status: Pick<RunStatusAnswer, 'status' | 'progress' | 'message' | 'error'>): string {
  if (status.status === 'queued') return status.message ?? 'Queued: waiting to start';
  if (status.status === 'failed') return `Failed: ${status.error ?? 'the analysis failed.'}`;
  if (status.status === 'succeeded') return '100 %, Analysis complete';
  return `${Math.floor(status.progress * 100)} %, ${status.message ?? 'Starting'}`;
}
