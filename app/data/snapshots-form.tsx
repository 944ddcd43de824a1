'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { createSnapshotsAction, type CreateSnapshotsState } from '@/lib/actions/create-snapshots-action';
import { MAX_SNAPSHOTS, monthEndSnapshots } from '@/lib/engines/month-end-snapshots';
import { snapshotLastDayOf } from '@/lib/format/snapshot-label';
import { isFinished, subscribeRun, type RunStatusAnswer } from './follow-run';
import { ProgressLine } from './run-progress';

const QUEUED: RunStatusAnswer = { status: 'queued', progress: 0, message: 'Queued: waiting to start', error: null };

/** "31 Oct 2026": the month-end a snapshot day (the first of the next month) stands for. */

/**
 * The Data page's "Monthly snapshots": one analysis of the dataset per month-end, as it stood that
 * day, queued at once and run one after the other; each run's progress is followed here.
 */
export function SnapshotsForm({ datasetId, datasetName, firstDate, lastDate, busy }: { datasetId: number; datasetName: string; firstDate: string; lastDate: string; busy: boolean }) {
  const router = useRouter();
  const id = useId();
  const [state, formAction, pending] = useActionState<CreateSnapshotsState, FormData>(createSnapshotsAction, { status: 'idle' });
  const [count, setCount] = useState(6);
  const [statuses, setStatuses] = useState<Record<number, RunStatusAnswer>>({});
  // Enabled once hydrated: a submit before that would reload the page and lose the progress list.
  const hydrated = useSyncExternalStore(
    () => () => undefined,
    () => true,
    () => false,
  );
  const planned = useMemo(() => monthEndSnapshots(Date.parse(firstDate), Date.parse(lastDate), count), [firstDate, lastDate, count]);
  const started = state.status === 'started' ? state.runs : [];
  const running = started.some((r) => !isFinished((statuses[r.runId] ?? QUEUED).status));

  useEffect(() => {
    if (state.status !== 'started') return;
    let left = state.runs.length;
    const stops = state.runs.map((run) => {
      let done = false;
      return subscribeRun(run.runId, (status) => {
        setStatuses((current) => ({ ...current, [run.runId]: status }));
        if (isFinished(status.status) && !done) {
          done = true;
          left -= 1;
          if (left === 0) router.refresh();
        }
      });
    });
    return () => stops.forEach((stop) => stop());
  }, [state, router]);

  const succeeded = started.filter((r) => statuses[r.runId]?.status === 'succeeded');
  return (
    <form action={formAction} aria-label={`Monthly snapshots of ${datasetName}`} className="text-sm">
      <input type="hidden" name="datasetId" value={datasetId} />
      <p className="text-slate-600">
        One analysis per month-end, of the purchases up to that day only, with the parameters of the latest run. The Segments page then shows how customers moved
        between segments from one snapshot to the next (Segment movement).
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <label htmlFor={`${id}-count`} className="flex flex-col gap-1">
          Month-ends
          <select id={`${id}-count`} name="count" value={count} onChange={(e) => setCount(Number(e.target.value))} aria-describedby={`${id}-planned`} className="rounded border border-slate-300 px-2 py-1">
            {Array.from({ length: MAX_SNAPSHOTS - 1 }, (_, i) => i + 2).map((n) => (
              <option key={n} value={n}>
                the last {n}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          disabled={!hydrated || pending || busy || running || planned.length === 0}
          className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
        >
          Create snapshots
        </button>
      </div>
      <p id={`${id}-planned`} className="mt-2 text-xs text-slate-500">
        {planned.length === 0
          ? 'All purchases of this dataset fall in one month, so there is no month-end to take a snapshot at.'
          : `${planned.length === 1 ? 'One snapshot' : `${planned.length} snapshots`}: ${planned.map((snapshot) => snapshotLastDayOf(snapshot)).join(', ')}.${planned.length < count ? ' The data do not reach further back.' : ''}`}
      </p>
      {busy && !running ? <p className="mt-2 text-slate-600">An analysis of this dataset is in progress; create the snapshots when it has finished.</p> : null}
      {state.status === 'error' ? (
        <p role="alert" className="mt-3 rounded bg-rose-50 p-2 text-rose-800">
          {state.message}
        </p>
      ) : null}
      {started.length > 0 ? (
        <div role="status" aria-live="polite" className="mt-3">
          <p className="font-medium">
            Snapshots: {succeeded.length} of {started.length} done
          </p>
          <ol aria-label="Snapshot runs" className="mt-1 space-y-1">
            {started.map((run) => (
              <li key={run.runId} className="flex flex-wrap items-center gap-2">
                <span className="w-40">
                  {snapshotLastDayOf(run.snapshot)} (run #{run.runId})
                </span>
                <ProgressLine runId={run.runId} status={statuses[run.runId] ?? QUEUED} label={`Snapshot ${snapshotLastDayOf(run.snapshot)} progress`} />
              </li>
            ))}
          </ol>
          {!running && succeeded.length >= 1 ? (
            <Link href={`/segments?run=${succeeded[succeeded.length - 1].runId}#segment-movement`} className="mt-2 inline-block text-indigo-700 underline">
              See the segment movement
            </Link>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
