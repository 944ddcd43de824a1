'use server';

import { redirect } from 'next/navigation';
import { firstAdminSchema } from '../schemas/user-schema';
import { signInRequiredHere } from '../server/auth/auth-mode';
import { createFirstAdmin, SetupError, setupOpen } from '../server/auth/first-admin';
import { requestFromThisMachine } from '../server/auth/request-origin';
import { UserRuleError } from '../server/auth/user-service';
import { getDatabase } from '../server/db/client';
import type { UserActionState } from './user-action-state';

/**
 * access: public while there are no users. The one-time /setup form: creates the first admin,
 * only from this machine, only with the setup code from the server log.
 */
export async function createFirstAdminAction(_previous: UserActionState, form: FormData): Promise<UserActionState> {
  const db = await getDatabase();
  if (!signInRequiredHere() || !(await setupOpen(db)) || !(await requestFromThisMachine())) {
    return { status: 'error', message: 'Setup is finished or not available here: sign in instead.' };
  }
  const parsed = firstAdminSchema.safeParse({ email: form.get('email') ?? '', name: form.get('name') ?? '', password: form.get('password') ?? '', code: form.get('code') ?? '' });
  if (!parsed.success) return { status: 'error', message: parsed.error.issues.map((i) => i.message).join(' ') };
  try {
    const { code, ...admin } = parsed.data;
    await createFirstAdmin(db, code, admin);
  } catch (error) {
    if (error instanceof SetupError || error instanceof UserRuleError) return { status: 'error', message: error.message };
    console.error('Segmenta: creating the first admin failed', error);
    return { status: 'error', message: 'The admin could not be created because of an error on the server; try again.' };
  }
  redirect('/sign-in');
}
