'use server';

import { revalidatePath } from 'next/cache';
import { deleteAudienceSchema } from '../schemas/audience-schema';
import { requireRole } from '../server/auth/current-user';
import { deleteAudience } from '../server/audiences/audience-service';
import { getDatabase } from '../server/db/client';

export type DeleteAudienceState = { status: 'idle' } | { status: 'error'; message: string };

/** Delete a saved audience; its export log rows stay, without the link. */
export async function deleteAudienceAction(_previous: DeleteAudienceState, form: FormData): Promise<DeleteAudienceState> {
  const access = await requireRole('analyst');
  if (!access.ok) return { status: 'error', message: access.message };
  const parsed = deleteAudienceSchema.safeParse({ id: form.get('id') });
  if (!parsed.success) return { status: 'error', message: 'Choose an audience to delete.' };
  await deleteAudience(await getDatabase(), parsed.data.id);
  revalidatePath('/audiences');
  return { status: 'idle' };
}
