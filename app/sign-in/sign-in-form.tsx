'use client';

import { useState, type FormEvent } from 'react';

function messageFor(status: number): string {
  if (status === 429) return 'Too many attempts: wait a minute, then try again.';
  if (status === 401 || status === 400) return 'That e-mail address and password do not match a user. Check them and try again.';
  if (status === 403) return 'This account may not sign in; ask an admin.';
  return 'Signing in failed because of an error on the server; try again.';
}

/** E-mail and password, posted to Better Auth's sign-in endpoint, which sets the session cookie. */
export function SignInForm() {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const response = await fetch('/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: String(form.get('email') ?? '').trim(), password: String(form.get('password') ?? '') }),
      });
      if (response.ok) {
        // A full load, so every server component (the layout's "Signed in as" too) reads the new session.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign('/');
        return;
      }
      setError(messageFor(response.status));
    } catch {
      setError('The server did not answer; check that Segmenta is running, then try again.');
    }
    setPending(false);
  }

  return (
    <form onSubmit={submit} className="space-y-4">
      <label className="block text-sm font-medium text-slate-700">
        E-mail address
        <input name="email" type="email" autoComplete="username" required className="mt-1 block w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Password
        <input name="password" type="password" autoComplete="current-password" required className="mt-1 block w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className="rounded bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800 focus-visible:outline-2 disabled:opacity-60">
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
