'use client';

import { useActionState } from 'react';
import { createUserAction } from '@/lib/actions/create-user-action';
import type { UserActionState } from '@/lib/actions/user-action-state';

const field = 'mt-1 block w-full rounded border border-slate-300 px-3 py-2';

/** E-mail, name, initial password and role of a new user. */
export function AddUserForm() {
  const [state, action, pending] = useActionState<UserActionState, FormData>(createUserAction, { status: 'idle' });
  return (
    <form action={action} className="space-y-4">
      <label className="block text-sm font-medium text-slate-700">
        E-mail address
        <input name="email" type="email" required autoComplete="off" className={field} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Name
        <input name="name" required autoComplete="off" className={field} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Initial password (10 characters or more)
        <input name="password" type="password" required minLength={10} autoComplete="new-password" className={field} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Role
        <select name="role" defaultValue="viewer" className={field}>
          <option value="viewer">viewer</option>
          <option value="analyst">analyst</option>
          <option value="admin">admin</option>
        </select>
      </label>
      {state.status !== 'idle' && (
        <p role={state.status === 'error' ? 'alert' : 'status'} className={`text-sm ${state.status === 'error' ? 'text-rose-700' : 'text-emerald-700'}`}>
          {state.message}
        </p>
      )}
      <button type="submit" disabled={pending} className="rounded bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800 focus-visible:outline-2 disabled:opacity-60">
        {pending ? 'Adding…' : 'Add user'}
      </button>
    </form>
  );
}
