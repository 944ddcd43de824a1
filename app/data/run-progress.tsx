'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { isFinished, progressWords, subscribeRun, type RunStatusAnswer } from './follow-run';

/** One run's bar and words, the same wherever the run is shown (upload form, dataset card, re-run form). */
export function ProgressLine({ runId, status, label }: { runId: number; status: RunStatusAnswer; label: string }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2" data-run-progress={runId}>
      <progress value={status.status === 'queued' ? undefined : status.progress} max={1} aria-label={label} className="h-2 w-24" />
      <span className="text-sm">{progressWords(status)}</span>
    </span>
  );
}

/**
 * A run's progress on its dataset card: a queued or running run is followed live, and when it
 * finishes the page's server data is refreshed (no reload needed).
 */
export function RunProgress({ runId, initial }: { runId: number; initial: RunStatusAnswer }) {
  const router = useRouter();
  const [status, setStatus] = useState(initial);
  const live = !isFinished(initial.status);
  useEffect(() => {
    if (!live) return;
    let refreshed = false;
    return subscribeRun(runId, (next) => {
      setStatus(next);
      if (isFinished(next.status) && !refreshed) {
        refreshed = true;
        router.refresh();
      }
    });
  }, [runId, live, router]);
  const shown = live ? status : initial;
  return (
    <span role={live ? 'status' : undefined} aria-live={live ? 'polite' : undefined}>
      <ProgressLine runId={runId} status={shown} label={`Run ${runId} progress`} />
    </span>
  );
}
