import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { signInRequiredHere } from '@/lib/server/auth/auth-mode';
import { getCurrentUser } from '@/lib/server/auth/current-user';
import { SignInForm } from './sign-in-form';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in' };

// access: public. The page to sign in on; with sign-in off, or already signed in, it goes home.
export default async function SignInPage() {
  if (!signInRequiredHere() || (await getCurrentUser())) redirect('/');
  return (
    <section className="mx-auto max-w-sm">
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      <SignInForm />
      <p className="mt-6 text-sm text-slate-500">No account yet? Ask a Segmenta admin to add you on the Users page.</p>
    </section>
  );
}
