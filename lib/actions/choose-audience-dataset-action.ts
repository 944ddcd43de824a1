'use server';

import { revalidatePath } from 'next/cache';
import { chooseAudienceDatasetSchema } from '../schemas/audience-schema';
import { AudienceDatasetChoiceError, chooseAudienceDataset } from '../server/audiences/audience-service';
import { getDatabase } from '../server/db/client';
import { requireRole } from '../server/auth/current-user';

export type ChooseAudienceDatasetState = { status: 'idle' } | { status: 'chosen'; message: string } | { status: 'error'; message: string };

/** Put an audience saved before audiences remembered their dataset on the dataset the user chose. */
export async function chooseAudienceDatasetAction(_previous: ChooseAudienceDatasetState, form: FormData): Promise<ChooseAudienceDatasetState> {
  const access = await requireRole('analyst');
  if (!access.ok) return { status: 'error', message: access.message };
  const parsed = chooseAudienceDatasetSchema.safeParse({ id: form.get('id'), datasetId: form.get('datasetId') || undefined });
  if (!parsed.success) return { status: 'error', message: parsed.error.issues[0].message };
  try {
    const { name, datasetName } = await chooseAudienceDataset(await getDatabase(), parsed.data);
    revalidatePath('/audiences');
    return { status: 'chosen', message: `“${name}” now belongs to “${datasetName}”.` };
  } catch (error) {
    if (error instanceof AudienceDatasetChoiceError) return { status: 'error', message: error.message };
    console.error('Segmenta: choosing an audience dataset failed', error);
    return { status: 'error', message: 'The dataset could not be saved; try again.' };
  }
}
