'use client';

import { useActionState } from 'react';
import { createFirstAdminAction } from '@/lib/actions/create-first-admin-action';
import type { UserActionState } from '@/lib/actions/user-action-state';

const field = 'mt-1 block w-full rounded border border-slate-300 px-3 py-2';

/** E-mail, name, password and the setup code: the first admin. */
export function SetupForm() {
  const [state, action, pending] = useActionState<UserActionState, FormData>(createFirstAdminAction, { status: 'idle' });
  return (
    <form action={action} className="space-y-4">
      <label className="block text-sm font-medium text-slate-700">
        Setup code
        <input name="code" required autoComplete="off" className={field} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        E-mail address
        <input name="email" type="email" required autoComplete="username" className={field} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Name
        <input name="name" required autoComplete="name" className={field} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Password (10 characters or more)
        <input name="password" type="password" required minLength={10} autoComplete="new-password" className={field} />
      </label>
      {state.status === 'error' && (
        <p role="alert" className="text-sm text-rose-700">
          {state.message}
        </p>
      )}
      <button type="submit" disabled={pending} className="rounded bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800 focus-visible:outline-2 disabled:opacity-60">
        {pending ? 'Creating…' : 'Create the admin'}
      </button>
    </form>
  );
}
