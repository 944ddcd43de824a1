'use client';

import { useId, useRef, type ReactNode } from 'react';
import { useFormStatus } from 'react-dom';

function ConfirmButton({ label, pendingLabel }: { label: string; pendingLabel: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className="rounded bg-rose-700 px-3 py-1.5 font-medium text-white hover:bg-rose-800 focus-visible:outline-2 disabled:opacity-60">
      {pending ? pendingLabel : label}
    </button>
  );
}

/**
 * A button that opens a modal confirmation before a destructive server action: the dialog names
 * what goes, the cancel button has the focus (Escape or cancel closes it, focus returns to the
 * button), and the confirm button submits `fields` to `action` and says it is working meanwhile.
 * `children` shows the action's answer (an error) inside the dialog.
 */
export function ConfirmDialog({
  openLabel,
  openAriaLabel,
  title,
  description,
  action,
  fields,
  cancelLabel,
  confirmLabel,
  pendingLabel,
  children,
}: {
  openLabel: string;
  openAriaLabel: string;
  title: ReactNode;
  description: ReactNode;
  action: (formData: FormData) => void;
  fields: Record<string, string | number>;
  cancelLabel: string;
  confirmLabel: string;
  pendingLabel: string;
  children?: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()} className="text-rose-700 underline hover:text-rose-900 focus-visible:outline-2" aria-label={openAriaLabel}>
        {openLabel}
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} aria-describedby={textId} className="m-auto max-w-md rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <p id={textId} className="mt-2 text-sm text-slate-600">
          {description}
        </p>
        {children}
        <form action={action} className="mt-4 flex justify-end gap-3">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button type="button" autoFocus onClick={() => dialog.current?.close()} className="rounded border border-slate-300 px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2">
            {cancelLabel}
          </button>
          <ConfirmButton label={confirmLabel} pendingLabel={pendingLabel} />
        </form>
      </dialog>
    </>
  );
}
