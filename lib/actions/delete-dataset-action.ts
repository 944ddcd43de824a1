'use server';

import { revalidatePath } from 'next/cache';
import { databaseId } from '../schemas/text-rules';
import { getDatabase } from '../server/db/client';
import { DatasetNotDeletableError, deleteDataset } from '../server/runs/run-service';
import { runServiceOptions } from '../server/startup';
import { requireRole } from '../server/auth/current-user';

export type DatasetActionState = { status: 'idle' } | { status: 'done' } | { status: 'error'; message: string };

const datasetIdSchema = databaseId('Choose a dataset.');

/** Delete a dataset with its runs, customer results, stored lines and uploaded file. */
export async function deleteDatasetAction(_previous: DatasetActionState, form: FormData): Promise<DatasetActionState> {
  const access = await requireRole('admin');
  if (!access.ok) return { status: 'error', message: access.message };
  const datasetId = datasetIdSchema.safeParse(form.get('datasetId'));
  if (!datasetId.success) return { status: 'error', message: 'Choose a dataset to delete.' };
  try {
    await deleteDataset(await getDatabase(), datasetId.data, runServiceOptions());
  } catch (error) {
    if (error instanceof DatasetNotDeletableError) return { status: 'error', message: error.message };
    console.error(`Segmenta: deleting dataset ${datasetId.data} failed`, error);
    return { status: 'error', message: 'The dataset could not be deleted because of an error on the server; try again.' };
  }
  revalidatePath('/', 'layout');
  return { status: 'done' };
}
