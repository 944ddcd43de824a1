import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { signInRequiredHere } from '@/lib/server/auth/auth-mode';
import { setupOpen } from '@/lib/server/auth/first-admin';
import { requestFromThisMachine } from '@/lib/server/auth/request-origin';
import { getDatabase } from '@/lib/server/db/client';
import { SetupForm } from './setup-form';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Set up' };

// access: public while there are no users, and only from this machine; a 404 otherwise.
export default async function SetupPage() {
  if (!signInRequiredHere() || !(await setupOpen(await getDatabase())) || !(await requestFromThisMachine())) notFound();
  return (
    <section className="mx-auto max-w-md">
      <h1 className="mb-2 text-2xl font-semibold">Create the first admin</h1>
      <p className="mb-6 text-sm text-slate-600">
        Sign-in is required and nobody has an account yet. The setup code is in the server log, on the line that starts “Segmenta: sign-in is required”. This page
        disappears once the admin exists.
      </p>
      <SetupForm />
    </section>
  );
}
