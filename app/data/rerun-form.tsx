'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useId, useState } from 'react';
import { submitKeepingInputs } from '@/components/filters/submit-keeping-inputs';
import { startRunAction, type StartRunState } from '@/lib/actions/start-run-action';
import { followRun } from './follow-run';

type Progress = { runId: number; fraction: number; message: string; outcome: 'running' | 'succeeded' | 'failed' };

const input = 'rounded border border-slate-300 px-2 py-1';

/** Re-analyse a stored dataset with other parameters; the new run's progress is followed here. */
export function RerunForm({
  datasetId,
  datasetName,
  valueBasis,
  busy,
}: {
  datasetId: number;
  datasetName: string;
  valueBasis: 'net' | 'gross';
  /** Another analysis of the dataset is under way (this form's own run is followed below). */
  busy: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const [state, formAction, pending] = useActionState<StartRunState, FormData>(startRunAction, { status: 'idle' });
  const [kMode, setKMode] = useState<'range' | 'fixed'>('range');
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(() => {
    if (state.status !== 'started') return;
    let active = true;
    const runId = state.runId;
    followRun(runId, (s) => active && setProgress({ runId, fraction: s.progress, message: s.message ?? 'Queued', outcome: 'running' }))
      .then((final) => {
        if (!active) return;
        setProgress({ runId, fraction: 1, message: final.error ?? 'Analysis complete', outcome: final.status === 'succeeded' ? 'succeeded' : 'failed' });
        router.refresh();
      })
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [state, router]);

  return (
    <form onSubmit={submitKeepingInputs(formAction)} aria-label={`Re-analyse ${datasetName}`} className="text-sm">
      <input type="hidden" name="datasetId" value={datasetId} />
      <input type="hidden" name="kMode" value={kMode} />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <fieldset className="col-span-2 flex flex-wrap items-end gap-3">
          <legend className="mb-1">Number of clusters</legend>
          <label className="flex items-center gap-1">
            <input type="radio" name={`${id}-k`} checked={kMode === 'range'} onChange={() => setKMode('range')} /> best k in a range
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name={`${id}-k`} checked={kMode === 'fixed'} onChange={() => setKMode('fixed')} /> fixed k
          </label>
          {kMode === 'range' ? (
            <>
              <label className="flex flex-col gap-1">
                Smallest k
                <input name="kMin" type="number" min={2} max={50} defaultValue={2} className={`${input} w-20`} />
              </label>
              <label className="flex flex-col gap-1">
                Largest k
                <input name="kMax" type="number" min={2} max={50} defaultValue={10} className={`${input} w-20`} />
              </label>
            </>
          ) : (
            <label className="flex flex-col gap-1">
              k
              <input name="k" type="number" min={2} max={50} defaultValue={5} className={`${input} w-20`} />
            </label>
          )}
        </fieldset>
        <label className="flex flex-col gap-1">
          Method
          <select name="method" defaultValue="all" className={input}>
            <option value="all">All three</option>
            <option value="kmeans">k-means</option>
            <option value="gmm">Gaussian mixture</option>
            <option value="hierarchical">Hierarchical (Ward)</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Revenue counted
          <select name="value" defaultValue={valueBasis} className={input}>
            <option value="net">Net of refunds</option>
            <option value="gross">Gross (refunds ignored)</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Seed
          <input name="seed" type="number" min={0} step={1} defaultValue={42} className={input} />
        </label>
        <label className="flex flex-col gap-1">
          CLV horizon (months)
          <input name="horizonMonths" type="number" min={1} max={120} defaultValue={6} className={input} />
        </label>
        <label className="flex flex-col gap-1">
          Monthly discount rate
          <input name="discountRate" type="number" min={0} max={1} step="any" defaultValue={0.01} className={input} />
        </label>
        <label className="flex flex-col gap-1">
          Snapshot date (optional)
          <input name="snapshot" type="date" className={input} />
        </label>
        <label className="flex flex-col gap-1">
          Calibration end (optional)
          <input name="calibrationEnd" type="date" className={input} />
        </label>
        <label className="flex flex-col gap-1">
          Holdout days (optional)
          <input name="holdoutDays" type="number" min={7} step={1} className={input} />
        </label>
      </div>
      {busy && progress?.outcome !== 'running' ? (
        <p className="mt-3 text-slate-600">An analysis of this dataset is in progress; start another when it has finished.</p>
      ) : null}
      <button type="submit" disabled={pending || busy || progress?.outcome === 'running'} className="mt-3 rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 disabled:opacity-50">
        Start analysis
      </button>
      {state.status === 'error' ? (
        <ul role="alert" className="mt-3 list-inside list-disc rounded bg-rose-50 p-2 text-rose-800">
          {state.messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      {progress ? (
        <p role="status" aria-live="polite" className={`mt-3 ${progress.outcome === 'failed' ? 'text-rose-800' : 'text-slate-700'}`}>
          <progress value={progress.fraction} max={1} aria-label="Re-run progress" className="mr-2 h-2 w-40" />
          Run #{progress.runId}: {progress.outcome === 'running' ? `${Math.round(progress.fraction * 100)}%, ${progress.message}` : progress.message}
        </p>
      ) : null}
    </form>
  );
}
