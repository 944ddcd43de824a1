'use server';

import { revalidatePath } from 'next/cache';
import { deleteAudienceSchema } from '../schemas/audience-schema';
import { deleteAudience } from '../server/audiences/audience-service';
import { getDatabase } from '../server/db/client';

/** Delete a saved audience; its export log rows stay, without the link. */
export async function deleteAudienceAction(form: FormData): Promise<void> {
  const parsed = deleteAudienceSchema.safeParse({ id: form.get('id') });
  if (!parsed.success) return;
  await deleteAudience(await getDatabase(), parsed.data.id);
  revalidatePath('/audiences');
}
