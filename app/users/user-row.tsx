'use client';

import { useActionState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
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
  // Removing asks first, in a dialog that names the user (Escape or "Keep" cancels).
  const [removeState, removeAction] = useActionState<UserActionState, FormData>(removeUserAction, { status: 'idle' });
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
        <ConfirmDialog
          openLabel="Remove"
          openAriaLabel={`Remove ${user.email}`}
          title={`Remove ${user.email}?`}
          description={`${isYou ? 'You will be signed out. ' : ''}They can no longer sign in; the export log keeps their name on what they exported.`}
          action={removeAction}
          fields={{ userId: user.id }}
          cancelLabel="Keep"
          confirmLabel="Remove user"
          pendingLabel="Removing…"
        >
          <Message state={removeState} />
        </ConfirmDialog>
      </td>
    </tr>
  );
}
