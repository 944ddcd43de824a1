'use server';

import { revalidatePath } from 'next/cache';
import { removeUserSchema } from '../schemas/user-schema';
import { requireRole } from '../server/auth/current-user';
import { removeUser, UserRuleError } from '../server/auth/user-service';
import { getDatabase } from '../server/db/client';
import type { UserActionState } from './user-action-state';

/** Remove a user and sign them out everywhere (admins only); the last admin stays. */
export async function removeUserAction(_previous: UserActionState, form: FormData): Promise<UserActionState> {
  const access = await requireRole('admin');
  if (!access.ok) return { status: 'error', message: access.message };
  const parsed = removeUserSchema.safeParse({ userId: form.get('userId') ?? '' });
  if (!parsed.success) return { status: 'error', message: parsed.error.issues.map((i) => i.message).join(' ') };
  try {
    await removeUser(await getDatabase(), parsed.data.userId);
    revalidatePath('/users');
    return { status: 'done', message: 'User removed.' };
  } catch (error) {
    if (error instanceof UserRuleError) return { status: 'error', message: error.message };
    console.error('Segmenta: removing a user failed', error);
    return { status: 'error', message: 'The user could not be removed because of an error on the server; try again.' };
  }
}
