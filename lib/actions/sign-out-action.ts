'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getAuth } from '../server/auth/auth';
import { requireRole } from '../server/auth/current-user';

/** End the browser's session and go to the sign-in page. */
export async function signOutAction(): Promise<void> {
  const access = await requireRole('viewer');
  if (access.ok && !access.user.local) {
    await (await getAuth()).api.signOut({ headers: await headers() });
  }
  redirect(access.ok && access.user.local ? '/' : '/sign-in');
}
