'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import '../schemas/zod-config';
import { databaseId } from '../schemas/text-rules';
import { datasetNameSchema } from '../schemas/upload-request-schema';
import { getDatabase } from '../server/db/client';
import { renameDataset } from '../server/runs/update-dataset';
import type { DatasetActionState } from './delete-dataset-action';
import { requireRole } from '../server/auth/current-user';

const renameSchema = z.object({ datasetId: databaseId('Choose a dataset.'), name: datasetNameSchema });

/** Give a dataset another name. */
export async function renameDatasetAction(_previous: DatasetActionState, form: FormData): Promise<DatasetActionState> {
  const access = await requireRole('analyst');
  if (!access.ok) return { status: 'error', message: access.message };
  const parsed = renameSchema.safeParse({ datasetId: form.get('datasetId'), name: form.get('name') ?? '' });
  if (!parsed.success) return { status: 'error', message: parsed.error.issues[0].message };
  if (!(await renameDataset(await getDatabase(), parsed.data.datasetId, parsed.data.name))) return { status: 'error', message: 'This dataset no longer exists.' };
  revalidatePath('/', 'layout');
  return { status: 'done' };
}
