'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useId, useState } from 'react';
import { submitKeepingInputs } from '@/components/filters/submit-keeping-inputs';
import { startRunAction, type StartRunState } from '@/lib/actions/start-run-action';
import { followRun, type RunStatusAnswer } from './follow-run';
import { ProgressLine } from './run-progress';

type Progress = { runId: number; status: RunStatusAnswer; outcome: 'running' | 'succeeded' | 'failed' };

const input = 'rounded border border-slate-300 px-2 py-1';

/** A labelled field with its one-line explanation, read out with it (aria-describedby). */
function Field({ id, label, hint, children }: { id: string; label: string; hint: string; children: (describedBy: string, inputId: string) => React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id}>{label}</label>
      {children(`${id}-hint`, id)}
      <span id={`${id}-hint`} className="text-xs text-slate-500">
        {hint}
      </span>
    </div>
  );
}

/** One plain line per field of the form. */
export const RERUN_HINTS = {
  k: 'How many groups of similar customers the clustering makes; a range lets it choose the number that separates them best.',
  method: 'The clustering method: k-means (round groups), Gaussian mixture (groups of any shape) or hierarchical (merges customers step by step).',
  value: 'Whether refunds are taken off each customer’s spend (net) or left out of it (gross).',
  seed: 'Any whole number; the same seed gives the same groups every time, another may shuffle them slightly.',
  horizonMonths: 'How many months ahead the customer lifetime value (CLV) is forecast.',
  discountRate: 'How much less money received next month is worth than money today, e.g. 0.01 = 1 % a month; future spend is counted down by it.',
  snapshot: 'The “today” of the analysis: recency is counted up to this date, and purchases from that day on are left out, as if the analysis ran then. Empty: the day after the last purchase.',
  calibrationEnd: 'To test the forecast: the models learn from purchases up to this date and are checked against the purchases after it. Empty: chosen for you.',
  holdoutDays: 'Instead of a calibration end: how many of the last days (at least 7) are kept back to check the forecast against.',
} as const;

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
    followRun(runId, (status) => active && setProgress({ runId, status, outcome: 'running' }))
      .then((final) => {
        if (!active) return;
        setProgress({ runId, status: final, outcome: final.status === 'succeeded' ? 'succeeded' : 'failed' });
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
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <fieldset className="flex flex-wrap items-end gap-3 sm:col-span-2 lg:col-span-3">
          <legend className="mb-1">Number of clusters (k)</legend>
          <p className="w-full text-xs text-slate-500">{RERUN_HINTS.k}</p>
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
                <input name="kMin" type="number" min={2} max={50} defaultValue={2} className={`${input} w-20`} aria-describedby={`${id}-k-range`} />
              </label>
              <label className="flex flex-col gap-1">
                Largest k
                <input name="kMax" type="number" min={2} max={50} defaultValue={10} className={`${input} w-20`} aria-describedby={`${id}-k-range`} />
              </label>
              <span id={`${id}-k-range`} className="text-xs text-slate-500">
                Between 2 and 50 groups.
              </span>
            </>
          ) : (
            <label className="flex flex-col gap-1">
              k (groups)
              <input name="k" type="number" min={2} max={50} defaultValue={5} className={`${input} w-20`} />
            </label>
          )}
        </fieldset>
        <Field id={`${id}-method`} label="Method" hint={RERUN_HINTS.method}>
          {(describedBy, inputId) => (
            <select name="method" defaultValue="all" id={inputId} aria-describedby={describedBy} className={input}>
                <option value="all">All three</option>
                <option value="kmeans">k-means</option>
                <option value="gmm">Gaussian mixture</option>
                <option value="hierarchical">Hierarchical (Ward)</option>
              </select>
          )}
        </Field>
        <Field id={`${id}-value`} label="Revenue counted" hint={RERUN_HINTS.value}>
          {(describedBy, inputId) => (
            <select name="value" defaultValue={valueBasis} id={inputId} aria-describedby={describedBy} className={input}>
                <option value="net">Net of refunds</option>
                <option value="gross">Gross (refunds ignored)</option>
              </select>
          )}
        </Field>
        <Field id={`${id}-seed`} label="Seed" hint={RERUN_HINTS.seed}>
          {(describedBy, inputId) => (
            <input name="seed" type="number" min={0} step={1} defaultValue={42} id={inputId} aria-describedby={describedBy} className={input} />
          )}
        </Field>
        <Field id={`${id}-horizonMonths`} label="CLV horizon (months)" hint={RERUN_HINTS.horizonMonths}>
          {(describedBy, inputId) => (
            <input name="horizonMonths" type="number" min={1} max={120} defaultValue={6} id={inputId} aria-describedby={describedBy} className={input} />
          )}
        </Field>
        <Field id={`${id}-discountRate`} label="Monthly discount rate" hint={RERUN_HINTS.discountRate}>
          {(describedBy, inputId) => (
            <input name="discountRate" type="number" min={0} max={1} step="any" defaultValue={0.01} id={inputId} aria-describedby={describedBy} className={input} />
          )}
        </Field>
        <Field id={`${id}-snapshot`} label="Snapshot date (optional)" hint={RERUN_HINTS.snapshot}>
          {(describedBy, inputId) => (
            <input name="snapshot" type="date" id={inputId} aria-describedby={describedBy} className={input} />
          )}
        </Field>
        <Field id={`${id}-calibrationEnd`} label="Calibration end (optional)" hint={RERUN_HINTS.calibrationEnd}>
          {(describedBy, inputId) => (
            <input name="calibrationEnd" type="date" id={inputId} aria-describedby={describedBy} className={input} />
          )}
        </Field>
        <Field id={`${id}-holdoutDays`} label="Holdout days (optional)" hint={RERUN_HINTS.holdoutDays}>
          {(describedBy, inputId) => (
            <input name="holdoutDays" type="number" min={7} step={1} id={inputId} aria-describedby={describedBy} className={input} />
          )}
        </Field>
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
          <span className="mr-2">Run #{progress.runId}:</span>
          <ProgressLine runId={progress.runId} status={progress.status} label="Re-run progress" />
        </p>
      ) : null}
    </form>
  );
}
