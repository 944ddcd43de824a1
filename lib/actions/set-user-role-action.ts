'use server';

import { revalidatePath } from 'next/cache';
import { userRoleSchema } from '../schemas/user-schema';
import { requireRole } from '../server/auth/current-user';
import { setUserRole, UserRuleError } from '../server/auth/user-service';
import { getDatabase } from '../server/db/client';
import type { UserActionState } from './user-action-state';

/** Give a user another role (admins only); the last admin keeps theirs. */
export async function setUserRoleAction(_previous: UserActionState, form: FormData): Promise<UserActionState> {
  const access = await requireRole('admin');
  if (!access.ok) return { status: 'error', message: access.message };
  const parsed = userRoleSchema.safeParse({ userId: form.get('userId') ?? '', role: form.get('role') ?? '' });
  if (!parsed.success) return { status: 'error', message: parsed.error.issues.map((i) => i.message).join(' ') };
  try {
    await setUserRole(await getDatabase(), parsed.data.userId, parsed.data.role);
    revalidatePath('/users');
    return { status: 'done', message: `Role changed to ${parsed.data.role}.` };
  } catch (error) {
    if (error instanceof UserRuleError) return { status: 'error', message: error.message };
    console.error('Segmenta: changing a role failed', error);
    return { status: 'error', message: 'The role could not be changed because of an error on the server; try again.' };
  }
}
