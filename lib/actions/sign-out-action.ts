'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getAuth } from '../server/auth/auth';
import { requireRole } from '../server/auth/current-user';

/** End the browser's session and go to the sign-in page (nothing to end for the local user). */
export async function signOutAction(): Promise<void> {
  const access = await requireRole('viewer');
  if (!access.ok) redirect('/sign-in');
  if (access.user.local) redirect('/');
  await (await getAuth()).api.signOut({ headers: await headers() });
  redirect('/sign-in');
}
