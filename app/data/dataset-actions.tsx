'use client';

import { useActionState, useEffect, useId, useRef, useState } from 'react';
import { deleteDatasetAction, type DatasetActionState } from '@/lib/actions/delete-dataset-action';
import { renameDatasetAction } from '@/lib/actions/rename-dataset-action';
import { setDatasetCurrencyAction } from '@/lib/actions/set-dataset-currency-action';

const button = 'rounded border px-3 py-1 text-sm focus-visible:outline-2 disabled:opacity-50';
const input = 'rounded border border-slate-300 px-2 py-1 text-sm';

function Problem({ state }: { state: DatasetActionState }) {
  return state.status === 'error' ? (
    <p role="alert" className="text-sm text-rose-700">
      {state.message}
    </p>
  ) : null;
}

/** A one-field form (name, currency) that opens from a button and closes when saved. */
function EditField({
  datasetId,
  datasetName,
  field,
  label,
  value,
  hint,
  action,
  size,
}: {
  datasetId: number;
  datasetName: string;
  field: 'name' | 'currency';
  label: string;
  value: string;
  hint: string;
  action: (previous: DatasetActionState, form: FormData) => Promise<DatasetActionState>;
  size: string;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState<DatasetActionState, FormData>(action, { status: 'idle' });
  const opener = useRef<HTMLButtonElement>(null);
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.status === 'done') setOpen(false);
  }
  if (!open) {
    return (
      <button ref={opener} type="button" onClick={() => setOpen(true)} className={`${button} border-slate-300 text-slate-700 hover:bg-slate-50`} aria-label={`${label} of ${datasetName}`}>
        {label}
      </button>
    );
  }
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2" aria-label={`${label} of ${datasetName}`}>
      <input type="hidden" name="datasetId" value={datasetId} />
      <label htmlFor={id} className="flex flex-col gap-1 text-sm">
        {field === 'name' ? 'New name' : 'Currency (three-letter code)'}
        <input id={id} name={field} defaultValue={value} required autoFocus className={`${input} ${size}`} aria-describedby={`${id}-hint`} />
      </label>
      <button type="submit" disabled={pending} className={`${button} border-indigo-600 bg-indigo-600 text-white hover:bg-indigo-700`}>
        {pending ? 'Saving…' : 'Save'}
      </button>
      <button type="button" onClick={() => setOpen(false)} className={`${button} border-slate-300`}>
        Cancel
      </button>
      <span id={`${id}-hint`} className="w-full text-xs text-slate-500">
        {hint}
      </span>
      <Problem state={state} />
    </form>
  );
}

/** Delete a dataset after a confirmation that names what goes with it. */
function DeleteDataset({ datasetId, datasetName, runs, customers, lines }: { datasetId: number; datasetName: string; runs: number; customers: number; lines: number }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [state, formAction, pending] = useActionState<DatasetActionState, FormData>(deleteDatasetAction, { status: 'idle' });
  useEffect(() => {
    if (state.status === 'done') dialog.current?.close();
  }, [state]);
  const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()} className={`${button} border-rose-300 text-rose-800 hover:bg-rose-50`} aria-label={`Delete ${datasetName}`}>
        Delete
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto max-w-md rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40">
        <form action={formAction}>
          <input type="hidden" name="datasetId" value={datasetId} />
          <h2 id={titleId} className="mb-2 font-medium">
            Delete “{datasetName}”?
          </h2>
          <p className="text-sm text-slate-700">This deletes, for good:</p>
          <ul className="mt-1 list-inside list-disc text-sm text-slate-700">
            <li>{count(runs, 'run', 'runs')} and {runs === 1 ? 'its' : 'their'} results ({count(customers, 'customer', 'customers')} in the latest)</li>
            <li>{count(lines, 'stored line', 'stored lines')} of the file</li>
            <li>the uploaded file</li>
          </ul>
          <p className="mt-2 text-sm text-slate-600">Saved audiences and the export log are not deleted.</p>
          <Problem state={state} />
          <div className="mt-4 flex justify-end gap-2">
            <button type="button" onClick={() => dialog.current?.close()} className={`${button} border-slate-300`} autoFocus>
              Keep it
            </button>
            <button type="submit" disabled={pending} className={`${button} border-rose-700 bg-rose-700 text-white hover:bg-rose-800`}>
              {pending ? 'Deleting…' : 'Delete dataset'}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

/** Rename and set the currency of one dataset (analysts), and delete it (admins). */
export function DatasetActions(props: {
  datasetId: number;
  datasetName: string;
  currency: string | null;
  runs: number;
  customers: number;
  lines: number;
  busy: boolean;
  canDelete: boolean;
}) {
  return (
    <div className="mt-2 flex flex-wrap items-start gap-2">
      <EditField
        datasetId={props.datasetId}
        datasetName={props.datasetName}
        field="name"
        label="Rename"
        value={props.datasetName}
        hint="Shown in the dataset list and the run picker."
        action={renameDatasetAction}
        size="w-72"
      />
      <EditField
        datasetId={props.datasetId}
        datasetName={props.datasetName}
        field="currency"
        label="Set currency"
        value={props.currency ?? ''}
        hint="Labels the amounts (e.g. GBP, EUR, USD); they are not converted."
        action={setDatasetCurrencyAction}
        size="w-24"
      />
      {props.busy || !props.canDelete ? null : <DeleteDataset datasetId={props.datasetId} datasetName={props.datasetName} runs={props.runs} customers={props.customers} lines={props.lines} />}
    </div>
  );
}
