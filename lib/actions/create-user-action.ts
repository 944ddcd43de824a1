'use server';

import { revalidatePath } from 'next/cache';
import { newUserSchema } from '../schemas/user-schema';
import { requireRole } from '../server/auth/current-user';
import { createUser, UserRuleError } from '../server/auth/user-service';
import { getDatabase } from '../server/db/client';
import type { UserActionState } from './user-action-state';

/** Add a user with an initial password and a role (admins only). */
export async function createUserAction(_previous: UserActionState, form: FormData): Promise<UserActionState> {
  const access = await requireRole('admin');
  if (!access.ok) return { status: 'error', message: access.message };
  const parsed = newUserSchema.safeParse({ email: form.get('email') ?? '', name: form.get('name') ?? '', password: form.get('password') ?? '', role: form.get('role') ?? '' });
  if (!parsed.success) return { status: 'error', message: parsed.error.issues.map((i) => i.message).join(' ') };
  try {
    const user = await createUser(await getDatabase(), parsed.data);
    revalidatePath('/users');
    return { status: 'done', message: `Added ${user.email} as ${user.role}. Give them the password; they sign in at /sign-in.` };
  } catch (error) {
    if (error instanceof UserRuleError) return { status: 'error', message: error.message };
    console.error('Segmenta: adding a user failed', error);
    return { status: 'error', message: 'The user could not be added because of an error on the server; try again.' };
  }
}
