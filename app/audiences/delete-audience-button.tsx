'use client';

import { useActionState, useId, useRef } from 'react';
import { useFormStatus } from 'react-dom';
import { deleteAudienceAction, type DeleteAudienceState } from '@/lib/actions/delete-audience-action';

function ConfirmButton() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className="rounded bg-rose-700 px-3 py-1.5 font-medium text-white hover:bg-rose-800 focus-visible:outline-2 disabled:opacity-60">
      {pending ? 'Deleting…' : 'Delete audience'}
    </button>
  );
}

/** Delete, after a confirmation dialog that names the audience (Escape or "Keep it" cancels, focus returns to the button). */
export function DeleteAudienceButton({ id, name }: { id: number; name: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  const [state, formAction] = useActionState<DeleteAudienceState, FormData>(deleteAudienceAction, { status: 'idle' });
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()} className="text-rose-700 underline hover:text-rose-900 focus-visible:outline-2" aria-label={`Delete ${name}`}>
        Delete
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={textId}
        className="m-auto max-w-md rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          Delete “{name}”?
        </h2>
        <p id={textId} className="mt-2 text-sm text-slate-600">
          The saved filter is removed for everyone. Exports already made stay in the export log.
        </p>
        {state.status === 'error' && (
          <p role="alert" className="mt-2 text-sm text-rose-700">
            {state.message}
          </p>
        )}
        <form action={formAction} className="mt-4 flex justify-end gap-3">
          <input type="hidden" name="id" value={id} />
          <button type="button" autoFocus onClick={() => dialog.current?.close()} className="rounded border border-slate-300 px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2">
            Keep it
          </button>
          <ConfirmButton />
        </form>
      </dialog>
    </>
  );
}
