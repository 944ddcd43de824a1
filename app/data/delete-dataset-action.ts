'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDatabase } from '@/lib/server/db/client';
import { DatasetNotDeletableError, deleteDataset } from '@/lib/server/runs/run-service';

export type DeleteDatasetState = { status: 'idle' } | { status: 'error'; message: string };

/** Delete a dataset with nothing to re-analyse (the Data page offers it only for those). */
export async function deleteDatasetAction(_previous: DeleteDatasetState, form: FormData): Promise<DeleteDatasetState> {
  const datasetId = z.coerce.number().int().positive().safeParse(form.get('datasetId'));
  if (!datasetId.success) return { status: 'error', message: 'Choose a dataset to delete.' };
  try {
    await deleteDataset(await getDatabase(), datasetId.data);
  } catch (error) {
    if (error instanceof DatasetNotDeletableError) return { status: 'error', message: error.message };
    console.error(`Segmenta: deleting dataset ${datasetId.data} failed`, error);
    return { status: 'error', message: 'The dataset could not be deleted because of an error on the server; try again.' };
  }
  revalidatePath('/data');
  return { status: 'idle' };
}
