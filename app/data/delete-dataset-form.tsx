'use client';

import { useActionState } from 'react';
import { deleteDatasetAction, type DeleteDatasetState } from './delete-dataset-action';

/** The button that deletes a dataset with nothing to re-analyse; a refusal is said beside it. */
export function DeleteDatasetForm({ datasetId, datasetName }: { datasetId: number; datasetName: string }) {
  const [state, formAction, pending] = useActionState<DeleteDatasetState, FormData>(deleteDatasetAction, { status: 'idle' });
  return (
    <form action={formAction} aria-label={`Delete ${datasetName}`} className="mt-2 flex flex-wrap items-center gap-3">
      <input type="hidden" name="datasetId" value={datasetId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-rose-300 px-3 py-1 text-sm text-rose-800 hover:bg-rose-50 focus-visible:outline-2 disabled:opacity-50"
      >
        {pending ? 'Deleting…' : 'Delete this dataset'}
      </button>
      {state.status === 'error' ? (
        <p role="alert" className="text-sm text-rose-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
