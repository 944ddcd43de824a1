'use client';

import { useActionState, useId } from 'react';
import { chooseAudienceDatasetAction, type ChooseAudienceDatasetState } from '@/lib/actions/choose-audience-dataset-action';
import type { AudienceDatasetDto } from '@/lib/server/audiences/audience-service';

/** For an audience saved before audiences remembered their dataset: pick the dataset it was made on. */
export function ChooseDatasetForm({ id, name, choices }: { id: number; name: string; choices: AudienceDatasetDto[] }) {
  const [state, action, pending] = useActionState<ChooseAudienceDatasetState, FormData>(chooseAudienceDatasetAction, { status: 'idle' });
  const selectId = useId();
  if (choices.length === 0) return <p className="text-sm text-slate-600">No dataset has results yet; analyse one on the Data page first.</p>;
  return (
    <form action={action} aria-label={`Choose the dataset of ${name}`} className="flex flex-wrap items-end gap-2 text-sm">
      <input type="hidden" name="id" value={id} />
      <label htmlFor={selectId} className="flex min-w-0 max-w-md flex-1 flex-col gap-1">
        <span className="font-medium text-slate-700">Which dataset was it saved on? Choose it to count and export this audience again.</span>
        <select id={selectId} name="datasetId" required defaultValue="" className="w-full rounded border border-slate-300 bg-white px-2 py-1">
          <option value="" disabled>
            Choose a dataset…
          </option>
          {choices.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} · uploaded {d.createdAt.slice(0, 10)} · #{d.id}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-3 py-1 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 disabled:opacity-60">
        {pending ? 'Saving…' : 'Use this dataset'}
      </button>
      {state.status === 'error' ? (
        <p role="alert" className="basis-full text-rose-800">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
