'use client';

import { useActionState, useId, useRef } from 'react';
import { removeUserAction } from '@/lib/actions/remove-user-action';
import { setUserRoleAction } from '@/lib/actions/set-user-role-action';
import type { UserActionState } from '@/lib/actions/user-action-state';
import type { UserDto } from '@/lib/server/auth/user-service';

function Message({ state }: { state: UserActionState }) {
  if (state.status === 'idle') return null;
  return (
    <p role={state.status === 'error' ? 'alert' : 'status'} className={`mt-1 text-xs ${state.status === 'error' ? 'text-rose-700' : 'text-emerald-700'}`}>
      {state.message}
    </p>
  );
}

/** One user: their role with "Change role", and "Remove" after a confirmation. */
export function UserRow({ user, isYou }: { user: UserDto; isYou: boolean }) {
  const [roleState, roleAction, rolePending] = useActionState<UserActionState, FormData>(setUserRoleAction, { status: 'idle' });
  const [removeState, removeAction, removePending] = useActionState<UserActionState, FormData>(removeUserAction, { status: 'idle' });
  // Removing asks first, in a dialog that names the user (Escape or "Keep" cancels).
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  return (
    <tr className="border-b border-slate-100 align-top">
      <td className="py-2 pr-4">
        {user.email}
        {isYou && <span className="ml-2 text-xs text-slate-500">(you)</span>}
      </td>
      <td className="py-2 pr-4">{user.name}</td>
      <td className="py-2 pr-4">
        <form action={roleAction} className="flex items-center gap-2">
          <input type="hidden" name="userId" value={user.id} />
          <select name="role" defaultValue={user.role} aria-label={`Role of ${user.email}`} className="rounded border border-slate-300 px-2 py-1">
            <option value="viewer">viewer</option>
            <option value="analyst">analyst</option>
            <option value="admin">admin</option>
          </select>
          <button type="submit" disabled={rolePending} className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50 disabled:opacity-60" aria-label={`Change role of ${user.email}`}>
            Change role
          </button>
        </form>
        <Message state={roleState} />
      </td>
      <td className="py-2">
        <button type="button" onClick={() => dialog.current?.showModal()} className="text-rose-700 underline hover:text-rose-900" aria-label={`Remove ${user.email}`}>
          Remove
        </button>
        <dialog
          ref={dialog}
          aria-labelledby={titleId}
          aria-describedby={textId}
          className="m-auto max-w-md rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40"
        >
          <h2 id={titleId} className="text-lg font-semibold">
            Remove {user.email}?
          </h2>
          <p id={textId} className="mt-2 text-sm text-slate-600">
            {isYou ? 'You will be signed out. ' : ''}They can no longer sign in; the export log keeps their name on what they exported.
          </p>
          <Message state={removeState} />
          <form action={removeAction} className="mt-4 flex justify-end gap-3">
            <input type="hidden" name="userId" value={user.id} />
            <button type="button" autoFocus onClick={() => dialog.current?.close()} className="rounded border border-slate-300 px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50">
              Keep
            </button>
            <button type="submit" disabled={removePending} className="rounded bg-rose-700 px-3 py-1.5 font-medium text-white hover:bg-rose-800 disabled:opacity-60">
              {removePending ? 'Removing…' : 'Remove user'}
            </button>
          </form>
        </dialog>
      </td>
    </tr>
  );
}
